"""The baseline: a Celery chain with as many hops as the pipeline, whose tasks do nothing but pass the
job on, and whose last hop XADDs a small entry. Same broker, same Celery settings as the real app."""

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


@app.on_configure.connect
def _configure(sender: Celery, **_: Any) -> None:
    sender.conf.update(celery_config(get_settings()) | {"task_default_queue": QUEUE})


@app.task(name="noop.pass")
def hop(job: dict[str, Any]) -> dict[str, Any]:
    return job


@app.task(name="noop.publish")
def publish(job: dict[str, Any]) -> dict[str, Any]:
    global _redis
    if _redis is None:
        _redis = connect(get_settings().redis_url)
    _redis.xadd(BASELINE_STREAM, {"id": job["id"]})
    return job


def send(job_id: str) -> None:
    job = {"id": job_id, "ref": {"bucket": "reports", "key": f"noop/{job_id}"}, "timings": {}}
    hops = len(names.STAGES) - 1
    chain(hop.si(job), *(hop.s() for _ in range(hops - 1)), publish.s()).apply_async()
