"""Integration tier: real redis-server, a real S3 endpoint, the intake and a Celery worker process,
started by the tests on free loopback ports and stopped afterwards."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
import urllib3

from schemas import ObjectRef
from workers import names
from workers.events import build_notification
from workers.identity import record_id_for
from workers.localstack import LocalStack
from workers.settings import Settings
from workers.storage import Storage
from workers.streams import Streams, connect

pytestmark = pytest.mark.integration

# Small limits so the fault tests finish in seconds, not minutes.
FAST = {
    "GONGKAI_MAX_BYTES": "3000000",
    "GONGKAI_MAX_RETRIES": "3",
    "GONGKAI_RETRY_WINDOW": "2",
    "GONGKAI_RETRY_BACKOFF": "0.2",
    "GONGKAI_RETRY_BACKOFF_MAX": "1",
    "GONGKAI_SOFT_TIME_LIMIT": "20",
    "GONGKAI_TIME_LIMIT": "30",
    "GONGKAI_VISIBILITY_TIMEOUT": "60",
    "GONGKAI_PREFETCH_MULTIPLIER": "1",
}


@dataclass
class Live:
    stack: LocalStack
    settings: Settings
    storage: Storage
    redis: redis.Redis
    streams: Streams
    http: urllib3.PoolManager

    def upload(self, key: str, body: bytes, content_type: str = "text/plain") -> ObjectRef:
        return self.storage.put_source(key, body, content_type)

    def announce(self, ref: ObjectRef, event: str = "s3:ObjectCreated:Put") -> int:
        return self.stack.announce(self.http, build_notification(ref, event))

    def drop(self, key: str, body: bytes, content_type: str = "text/plain") -> ObjectRef:
        ref = self.upload(key, body, content_type)
        assert self.announce(ref) == 200
        return ref

    def outcome(self, ref: ObjectRef, timeout: float = 60) -> str:
        rid = record_id_for(ref)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.streams.outcome(rid)
            if got:
                return got
            time.sleep(0.1)
        raise AssertionError(f"no outcome for {ref.key} in {timeout} s")

    def entry(self, outcome: str) -> dict[str, str]:
        kind, entry_id = outcome.split(":", 1)
        stream = names.RECORDS_STREAM if kind == "record" else names.DEAD_STREAM
        [(_, fields)] = self.redis.xrange(stream, entry_id, entry_id)
        return {k.decode(): v.decode() for k, v in fields.items()}

    def cli(self, *args: str) -> str:
        """Runs `gongkai ARGS` against this stack, as an operator would."""
        out = subprocess.run(
            [sys.executable, "-m", "workers.cli", *args],
            env=self.stack.env(), capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
        return out.stdout

    @contextmanager
    def worker_stopped(self) -> Iterator[None]:
        """Work announced inside the block waits in the queue; the worker starts again on leaving it (so a fault
        set up inside meets the work, instead of racing it)."""
        self.stack.kill("worker0", signal.SIGTERM)
        try:
            yield
        finally:
            self.stack.start_worker("worker0")
            self.stack.wait_workers()

    def entries_for(self, ref: ObjectRef) -> int:
        """How many entries, across both streams, this object version has."""
        rid = record_id_for(ref).encode()
        n = 0
        for stream in (names.RECORDS_STREAM, names.DEAD_STREAM):
            n += sum(1 for _, f in self.redis.xrange(stream) if f.get(b"record_id") == rid)
        return n


def start_live(
    tmp: Path, extra_env: dict[str, str] | None = None, workers: int = 1, concurrency: int = 2, sweep_every: float = 0
) -> Live:
    return start_stack(LocalStack(tmp, settings_env=FAST | (extra_env or {})), workers, concurrency, sweep_every)


def start_stack(stack: LocalStack, workers: int = 1, concurrency: int = 2, sweep_every: float = 0) -> Live:
    """Starts a stack built by the caller (who may put something in front of its ports first)."""
    _STACKS.append(stack)
    try:
        stack.start(workers=workers, concurrency=concurrency, sweep_every=sweep_every)
    except Exception:
        stack.stop()
        raise
    settings = stack.settings()
    client = connect(settings.redis_url)
    return Live(stack, settings, Storage(settings), client, Streams(client), urllib3.PoolManager())


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """One shared stack for the behaviour tests that do not break it."""
    lv = start_live(tmp_path_factory.mktemp("stack"))
    yield lv
    lv.stack.stop()


@pytest.fixture
def fresh_live(tmp_path: Path) -> Iterator[Live]:
    """A stack of its own, for tests that kill or cut off a service."""
    lv = start_live(tmp_path)
    yield lv
    lv.stack.stop()


_STACKS: list[LocalStack] = []


@pytest.fixture(scope="session", autouse=True)
def no_secret_in_any_log() -> Iterator[None]:
    """After the whole run: not one configured secret (S3 keys, webhook token, Redis password) in a log of ours."""
    yield
    leaks = []
    for stack in _STACKS:
        env = stack.env()
        secrets = [env["GONGKAI_S3_SECRET_KEY"], env["GONGKAI_S3_ACCESS_KEY"], stack.token, stack.redis_password]
        for log in stack.workdir.glob("*.log"):
            if log.name.startswith(("s3", "redis")):
                continue  # the servers' own logs: they are handed the credentials to serve them
            text = log.read_text(encoding="utf-8", errors="replace")
            leaks += [f"{log}: {s[:4]}…" for s in secrets if s in text]
    assert not leaks, leaks
