"""Starting work for an object version: one path for events, the sweep and backfills."""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from typing import Any, Literal

import redis
import structlog
from celery import Signature, chain

from schemas import ObjectRef
from workers import names
from workers.app import app
from workers.errors import RedisUnavailable
from workers.identity import record_id_for
from workers.streams import Streams

log = structlog.get_logger("gongkai.dispatch")

Outcome = Literal["dispatched", "done", "in_flight", "ignored"]


@dataclass
class Dispatcher:
    redis: redis.Redis
    streams: Streams
    watched_bucket: str
    dispatch_ttl: int
    bulk: bool = False

    def job_for(self, ref: ObjectRef) -> dict[str, object]:
        # dispatch_id tells a redelivery of this dispatch (counted against max_deliveries) from a new one.
        return {"ref": ref.model_dump(), "record_id": record_id_for(ref), "dispatch_id": uuid.uuid4().hex[:12],
                "timings": {}}  # fmt: skip

    def dispatch(self, ref: ObjectRef, force: bool = False) -> Outcome:
        """Start the chain unless the version is done or already in flight (force: even then)."""
        if ref.bucket != self.watched_bucket:
            return "ignored"
        job = self.job_for(ref)
        rid = str(job["record_id"])
        try:
            if self.streams.outcome(rid) is not None:
                return "done"
            # The mark holds the dispatch id: a job that re-settles its identity knows its own mark (tasks.py).
            mark = str(job["dispatch_id"])
            if not self.redis.set(names.dispatched_key(rid), mark, nx=not force, ex=self.dispatch_ttl):
                return "in_flight"
        except redis.RedisError as exc:
            raise RedisUnavailable(f"dispatch: {type(exc).__name__}") from exc
        try:
            self.signature(job, rid).apply_async()
        except Exception as exc:
            # Forget the marker so a retried event or the sweep starts it again (with Redis down, its TTL does).
            with contextlib.suppress(redis.RedisError):
                self.redis.delete(names.dispatched_key(rid))
            raise RedisUnavailable(f"enqueue: {type(exc).__name__}") from exc
        log.info("dispatched", key=ref.key, version=ref.version, record_id=rid, bulk=self.bulk)
        return "dispatched"

    def signature(self, job: dict[str, object], rid: str) -> chain:
        # By name: the intake sends work without importing the stages and their libraries. Each message's
        # argument repr (what Flower and task events show) is given, not computed: Celery's saferepr of the
        # job on every hop cost more CPU than some stages.
        shown = {"argsrepr": f"(<{rid} {job['ref']['key']!r}>,)", "kwargsrepr": "{}"}  # type: ignore[index]

        def step(stage: str, **options: Any) -> Signature:
            return app.signature(
                f"gongkai.{stage}", task_id=f"{rid}.{stage}", priority=names.STAGE_PRIORITY[stage], **shown, **options
            )

        if self.bulk:
            return chain(step("process", args=(job,), immutable=True))
        first, *rest = names.STAGES
        return chain(step(first, args=(job,), immutable=True), *(step(stage) for stage in rest))
