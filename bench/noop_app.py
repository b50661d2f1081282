"""The baselines: a Celery chain with as many hops as the pipeline, whose tasks do nothing but pass the
job on, and whose last hop XADDs a small entry; and the same chain whose first hop GETs the source object
from the object store (the one request any pipeline must make). Same broker, same Celery settings, same
storage client as the real app."""

from __future__ import annotations

from typing import Any

from celery import Celery, chain

from workers import names
from workers.app import celery_config
from workers.settings import get_settings
from workers.streams import connect

BASELINE_STREAM = names.PREFIX + "bench:noop"
QUEUE = "gongkai-noop"

app = Celery("gongkai-noop")
_redis = None
_storage = None


@app.on_configure.connect
def _configure(sender: Celery, **_: Any) -> None:
    sender.conf.update(celery_config(get_settings()) | {"task_default_queue": QUEUE})


@app.task(name="noop.pass")
def hop(job: dict[str, Any]) -> dict[str, Any]:
    return job


@app.task(name="noop.get")
def get(job: dict[str, Any]) -> dict[str, Any]:
    from schemas import ObjectRef
    from workers.storage import Storage

    global _storage
    if _storage is None:
        _storage = Storage(get_settings())
    _storage.read_source(ObjectRef(**job["ref"]), get_settings().max_bytes)
    return job


@app.task(name="noop.publish")
def publish(job: dict[str, Any]) -> dict[str, Any]:
    global _redis
    if _redis is None:
        _redis = connect(get_settings().redis_url)
    _redis.xadd(BASELINE_STREAM, {"id": job["id"]})
    return job


def send(job_id: str, ref: dict[str, Any] | None = None) -> None:
    """A no-op chain; with `ref`, its first hop reads that object first."""
    job = {"id": job_id, "ref": ref or {"bucket": "reports", "key": f"noop/{job_id}"}, "timings": {}}
    hops = len(names.STAGES) - 1
    first = get.si(job) if ref else hop.si(job)
    chain(first, *(hop.s() for _ in range(hops - 1)), publish.s()).apply_async()
