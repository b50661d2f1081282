"""The soak: many uploads while workers are SIGKILLed mid-task, Redis restarts, the object store is cut
off, and events are duplicated or dropped. At the end every object version must have exactly one
record or one dead letter, nothing may be stuck pending, and a killed consumer's entries are claimed."""

from __future__ import annotations

import argparse
import contextlib
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import psutil
import urllib3
from redis import Redis

from bench.common import emit, report_files
from bench.faults import CuttableProxy
from schemas import ObjectRef
from workers import names
from workers.events import build_notification
from workers.identity import record_id_for
from workers.localstack import LocalStack, free_port
from workers.storage import Storage
from workers.streams import Streams, connect, queue_depth

# Short timeouts so faults resolve within the soak; the sweep runs often and the in-flight mark is short.
SOAK_ENV = {
    "GONGKAI_LOG_LEVEL": "WARNING",
    "GONGKAI_MAX_RETRIES": "8",
    "GONGKAI_RETRY_BACKOFF": "0.5",
    "GONGKAI_RETRY_BACKOFF_MAX": "4",
    "GONGKAI_SOFT_TIME_LIMIT": "20",
    "GONGKAI_TIME_LIMIT": "30",
    "GONGKAI_VISIBILITY_TIMEOUT": "40",
    "GONGKAI_MAX_DELIVERIES": "6",
    "GONGKAI_PREFETCH_MULTIPLIER": "1",
}


@dataclass
class Faults:
    kills: int = 0
    redis_restarts: int = 0
    s3_cuts: int = 0
    duplicated: int = 0
    dropped: int = 0


def worker_children(stack: LocalStack) -> list[psutil.Process]:
    procs: list[psutil.Process] = []
    alive: list[psutil.Process] = []
    for name, p in stack.procs.items():
        if name.startswith("worker") and p.poll() is None:
            with contextlib.suppress(psutil.Error):
                procs += psutil.Process(p.pid).children(recursive=True)
    # Every child of a worker is a pool process; a zombie is one the parent has not reaped yet.
    for c in procs:
        with contextlib.suppress(psutil.Error):
            if c.status() != psutil.STATUS_ZOMBIE:
                alive.append(c)
    return alive


def killer(stack: LocalStack, faults: Faults, stop: threading.Event, every: float) -> None:
    """SIGKILLs one worker pool process every few seconds; the worker's parent replaces it."""
    rng = random.Random(7)
    while not stop.wait(every):
        kids = worker_children(stack)
        if kids:
            victim = rng.choice(kids)
            with contextlib.suppress(psutil.Error, OSError):
                victim.send_signal(signal.SIGKILL)
                faults.kills += 1


def restart_redis(stack: LocalStack, faults: Faults) -> None:
    stack.kill("redis", signal.SIGTERM)  # a clean shutdown: AOF flushed, as an operator's restart does
    stack.start_redis()
    faults.redis_restarts += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--kill-every", type=float, default=3.0)
    ap.add_argument("--s3-cut", type=float, default=10.0)
    ap.add_argument("--timeout", type=float, default=1500)
    args = ap.parse_args(argv)
    return 0 if soak(args.reports, args.workers, args.kill_every, args.s3_cut, args.timeout)["ok"] else 1


def soak(
    reports: int, workers: int, kill_every: float, s3_cut: float, timeout: float, dispatch_ttl: int = 300
) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="gongkai-soak-"))
    proxy_port = free_port()
    # A chain lost with the Redis restart is found again by the sweep once its in-flight mark expires.
    overrides = {"GONGKAI_DISPATCH_TTL": str(dispatch_ttl), "GONGKAI_S3_ENDPOINT": f"http://127.0.0.1:{proxy_port}"}
    stack = LocalStack(work, settings_env=SOAK_ENV | overrides)
    proxy = CuttableProxy(proxy_port, stack.ports["s3"])
    faults = Faults()
    stop = threading.Event()
    rng = random.Random(11)
    try:
        stack.start(workers=workers, concurrency=2, sweep_every=15)
        env = stack.env()
        s = stack.settings()
        direct = Storage(s.model_copy(update={"s3_endpoint": f"http://127.0.0.1:{stack.ports['s3']}"}))
        http = urllib3.PoolManager(retries=urllib3.Retry(total=20, backoff_factor=0.2, connect=20))
        files = [(p, p.read_bytes()) for p in report_files()]
        t0 = time.time()
        threading.Thread(target=killer, args=(stack, faults, stop, kill_every), daemon=True).start()
        refs: list[ObjectRef] = []
        consumer = GroupRun(env, "soak-readers")
        for i in range(reports):
            path, body = files[i % len(files)]
            ref = direct.put_source(f"soak/{i:05d}-{path.name}", body, "application/octet-stream")
            refs.append(ref)
            roll = rng.random()
            if roll < 0.10:
                faults.dropped += 1  # the sweep has to find it
            else:
                _announce(stack, http, ref)
                if roll < 0.30:
                    _announce(stack, http, ref)
                    faults.duplicated += 1
            if i == reports // 3:
                proxy.cut(s3_cut)
                faults.s3_cuts += 1
            if i == reports // 2:
                restart_redis(stack, faults)
            if i == reports // 4:
                consumer.start_and_kill_midway()
        ids = [record_id_for(r) for r in refs]
        client = connect(s.redis_url)
        streams = Streams(client)
        outcomes = _wait(streams, ids, timeout)
        stop.set()
        consumer.finish()
        result = verify(client, ids, outcomes, consumer.group)
        result |= {"reports": reports, "seconds": round(time.time() - t0, 1), "faults": faults.__dict__}
        emit("soak", **result)
        return result
    finally:
        stop.set()
        proxy.close()
        stack.stop()


def _announce(stack: LocalStack, http: urllib3.PoolManager, ref: ObjectRef) -> None:
    # A webhook target retries until the intake answers 200 (MinIO keeps the event in its queue_dir).
    for _ in range(100):
        try:
            if stack.announce(http, build_notification(ref)) == 200:
                return
        except urllib3.exceptions.HTTPError:
            pass
        time.sleep(0.2)


def _wait(streams: Streams, ids: list[str], timeout: float) -> list[str | None]:
    deadline = time.monotonic() + timeout
    outcomes: list[str | None] = [None] * len(ids)
    while time.monotonic() < deadline:
        try:
            outcomes = streams.outcomes(ids)
        except Exception:
            time.sleep(0.5)
            continue
        if all(outcomes):
            break
        time.sleep(0.5)
    return outcomes


@dataclass
class GroupRun:
    """A consumer that dies mid-batch (SIGKILL after reading, before acknowledging), then a peer."""

    env: dict[str, str]
    group: str
    proc: subprocess.Popen[bytes] | None = None

    def start_and_kill_midway(self) -> None:
        code = (
            "import sys, os, signal; from workers.streams import GroupReader, connect; from workers import names;"
            "r = GroupReader(connect(os.environ['GONGKAI_REDIS_URL']), names.RECORDS_STREAM,"
            f" '{self.group}', 'doomed', 0);"
            "import time\nwhile not r.read(5, 1000): time.sleep(0.1)\nos.kill(os.getpid(), signal.SIGKILL)"
        )
        self.proc = subprocess.Popen([sys.executable, "-c", code], env=self.env)
        self.proc.wait(timeout=300)

    def finish(self) -> None:
        subprocess.run(
            [sys.executable, "-m", "workers.cli", "consume", "--group", self.group, "--consumer", "survivor",
             "--claim-idle", "0"],
            env=self.env, stdout=subprocess.DEVNULL, check=True, timeout=600,
        )  # fmt: skip


def verify(client: Redis, ids: list[str], outcomes: list[str | None], group: str) -> dict[str, object]:
    per_id: Counter[str] = Counter()
    for stream in (names.RECORDS_STREAM, names.DEAD_STREAM):
        for _, fields in Streams(client).entries(stream, batch=1000):
            per_id[fields[b"record_id"].decode()] += 1
    wanted = set(ids)
    lost = sum(1 for o in outcomes if not o)
    duplicated = sum(1 for i in wanted if per_id[i] > 1)
    dead = Counter(o.split(":")[0] for o in outcomes if o)["dead"]
    pending = client.xpending(names.RECORDS_STREAM, group)["pending"]
    stuck = queue_depth(client)
    ok = lost == 0 and duplicated == 0 and pending == 0
    return {"ok": ok, "lost": lost, "duplicated": duplicated, "dead_lettered": dead, "consumer_pending": pending,
            "queue_left": stuck}  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
