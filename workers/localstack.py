"""A local stack on free loopback ports: redis-server, an S3 endpoint, the intake, workers, Flower.

Used by `gongkai demo`, the integration tests, the benchmarks and the soak. MinIO is used when a
`minio` binary is on PATH (it then delivers events itself, through its webhook target); otherwise
moto's S3 server stands in, and uploads are announced to the intake in MinIO's event shape.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import urllib3

from workers.app import WORKER_FLAGS
from workers.errors import GongkaiError
from workers.settings import Settings

REPO = Path(__file__).resolve().parents[1]
WEBHOOK_ID = "GONGKAI"


class StackError(GongkaiError):
    code = "stack_failed"
    hint = "A local service did not start; its log is in the stack's work folder."


def _ephemeral_ports() -> range:
    """The ports the kernel hands outgoing connections (Linux's default where it does not say; BSDs and macOS
    use the top of it)."""
    try:
        low, high = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    except (OSError, ValueError):
        low, high = 32768, 65535
    return range(low, high + 1)


def free_port() -> int:
    """A free loopback port outside the ephemeral range. A port the kernel picked (bind to 0) is an ephemeral
    one: between being chosen and being bound by the service, any outgoing connection's local end can take it,
    and a poll of it can even connect to itself. That once left the intake unable to bind while its port
    seemed open."""
    ephemeral = _ephemeral_ports()
    for port in secrets.SystemRandom().sample(range(10_000, 65_536), 200):
        if port in ephemeral:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise StackError("no free loopback port outside the ephemeral range")


def wait_port(port: int, timeout: float, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise StackError(f"process exited with {proc.returncode} before port {port} opened")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                if s.getsockname() != s.getpeername():  # a connection to itself: nobody listens there
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise StackError(f"port {port} did not open in {timeout} s")


@dataclass
class LocalStack:
    workdir: Path
    settings_env: dict[str, str] = field(default_factory=dict)
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)
    token: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    # Redis with a password, as in production: the password then travels in every Redis and broker URL.
    redis_password: str = field(default_factory=lambda: secrets.token_hex(12))
    native_events: bool = False

    def __post_init__(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.ports = {name: free_port() for name in ("redis", "s3", "intake", "flower")}

    # ---------- environment ----------
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                "GONGKAI_REDIS_URL": f"redis://:{self.redis_password}@127.0.0.1:{self.ports['redis']}/0",
                "GONGKAI_S3_ENDPOINT": f"http://127.0.0.1:{self.ports['s3']}",
                "GONGKAI_S3_ACCESS_KEY": "gongkai-local",
                "GONGKAI_S3_SECRET_KEY": "gongkai-local-secret",
                "GONGKAI_WEBHOOK_TOKEN": self.token,
                "GONGKAI_LOG_FORMAT": "json",
            }
        )
        env.update(self.settings_env)
        return env

    def adopt(self) -> None:
        """Point this process's settings at the stack, for harnesses that dispatch or publish in-process.
        Call before the Celery app is first used: it reads its settings once."""
        from workers.settings import get_settings

        os.environ.update({k: v for k, v in self.env().items() if k.startswith("GONGKAI_")})
        get_settings.cache_clear()

    def wait_workers(self, timeout: float = 60) -> None:
        """Until every started worker answers a control ping: before that, work only queues up."""
        from celery import Celery

        expected = {
            f"{name}-{self.ports['redis']}@{socket.gethostname()}"
            for name, proc in self.procs.items()
            if name.startswith("worker") and proc.poll() is None
        }
        probe = Celery(broker=self.env()["GONGKAI_REDIS_URL"])
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                answered = {name for reply in probe.control.ping(timeout=0.5) for name in reply}
                if expected <= answered:
                    return
            raise StackError(f"workers {sorted(expected)} did not answer in {timeout} s")
        finally:
            probe.close()

    def settings(self) -> Settings:
        return Settings.from_env(self.env())

    @property
    def intake_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['intake']}/events"

    def _spawn(self, name: str, cmd: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        with open(self.workdir / f"{name}.log", "ab") as log:  # the child keeps its own descriptor
            proc = subprocess.Popen(
                cmd, cwd=REPO, env=env or self.env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.procs[name] = proc
        return proc

    # ---------- services ----------
    def start_redis(self) -> None:
        exe = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not Path(exe).exists():
            raise StackError("redis-server is not installed: run `make services` (apt-get install redis-server)")
        data = self.workdir / "redis"
        data.mkdir(exist_ok=True)
        cmd = [exe, "--port", str(self.ports["redis"]), "--bind", "127.0.0.1", "--dir", str(data),
               "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--maxmemory-policy", "noeviction",
               "--protected-mode", "no", "--requirepass", self.redis_password]  # fmt: skip
        wait_port(self.ports["redis"], 15, self._spawn("redis", cmd))

    def start_s3(self) -> None:
        minio = shutil.which("minio")
        if minio:
            env = self.env() | {
                "MINIO_ROOT_USER": "gongkai-local",
                "MINIO_ROOT_PASSWORD": "gongkai-local-secret",
                f"MINIO_NOTIFY_WEBHOOK_ENABLE_{WEBHOOK_ID}": "on",
                f"MINIO_NOTIFY_WEBHOOK_ENDPOINT_{WEBHOOK_ID}": self.intake_url,
                f"MINIO_NOTIFY_WEBHOOK_AUTH_TOKEN_{WEBHOOK_ID}": self.token,
                f"MINIO_NOTIFY_WEBHOOK_QUEUE_DIR_{WEBHOOK_ID}": str(self.workdir / "minio-events"),
            }
            cmd = [minio, "server", str(self.workdir / "minio"), "--address", f"127.0.0.1:{self.ports['s3']}",
                   "--console-address", f"127.0.0.1:{free_port()}"]  # fmt: skip
            self.native_events = True
        else:
            env = self.env()
            # moto's server logs every request through werkzeug; at benchmark rates that costs it real CPU.
            quiet = "import logging; logging.getLogger('werkzeug').setLevel(logging.WARNING)"
            serve = f"from moto.server import main; main(['-H', '127.0.0.1', '-p', '{self.ports['s3']}'])"
            cmd = [sys.executable, "-c", f"{quiet}; {serve}"]
        wait_port(self.ports["s3"], 30, self._spawn("s3", cmd, env))

    def start_intake(self, sweep_every: float = 0) -> None:
        cmd = [sys.executable, "-m", "workers.cli", "intake", "--port", str(self.ports["intake"])]
        if sweep_every:
            cmd += ["--sweep-every", str(sweep_every)]
        wait_port(self.ports["intake"], 30, self._spawn("intake", cmd))

    def start_worker(
        self, name: str = "worker", concurrency: int = 2, app: str | None = None, queue: str | None = None
    ) -> subprocess.Popen[bytes]:
        """A `gongkai worker`, or (app, queue) another Celery app's worker under the same settings."""
        base = (
            [sys.executable, "-m", "workers.cli", "worker"]
            if app is None
            else [
                sys.executable,
                "-m",
                "celery",
                "-A",
                app,
                "worker",
                *WORKER_FLAGS,
                "-Q",
                queue or app,
                "--loglevel",
                "WARNING",
            ]
        )
        cmd = [*base, "--concurrency", str(concurrency), "--hostname", f"{name}-{self.ports['redis']}@%h"]
        return self._spawn(name, cmd)

    def start_flower(self) -> None:
        cmd = [sys.executable, "-m", "celery", "-A", "workers.app", "flower", "--address=127.0.0.1",
               f"--port={self.ports['flower']}"]  # fmt: skip
        self._spawn("flower", cmd)

    def prepare_buckets(self) -> None:
        from workers.storage import Storage

        settings = self.settings()
        storage = Storage(settings)
        storage.ensure_buckets()
        if self.native_events:
            from minio.notificationconfig import NotificationConfig, QueueConfig

            arn = f"arn:minio:sqs::{WEBHOOK_ID}:webhook"
            config = NotificationConfig(queue_config_list=[QueueConfig(queue=arn, events=["s3:ObjectCreated:*"])])
            storage.client.set_bucket_notification(settings.bucket, config)

    def start(self, workers: int = 1, concurrency: int = 2, flower: bool = False, sweep_every: float = 0) -> None:
        self.start_redis()
        self.start_intake(sweep_every)  # before MinIO, which probes its webhook target at start
        self.start_s3()
        self.prepare_buckets()
        for n in range(workers):
            self.start_worker(f"worker{n}", concurrency)
        if workers:
            self.wait_workers()
        if flower:
            self.start_flower()

    # ---------- faults and teardown ----------
    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        proc = self.procs.get(name)
        if proc and proc.poll() is None:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=30)

    def stop(self) -> None:
        for name in reversed(list(self.procs)):
            proc = self.procs[name]
            if proc.poll() is not None:
                continue
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        self.procs.clear()

    def announce(self, http: urllib3.PoolManager, body: dict[str, object]) -> int:
        """Deliver a notification the way MinIO's webhook target does."""
        import json

        resp = http.request(
            "POST",
            self.intake_url,
            body=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )
        return int(resp.status)
