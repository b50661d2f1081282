"""Starting work for an object version: one path for events, the sweep and backfills."""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from typing import Literal

import redis
import structlog

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
            self.send(job, rid)
        except Exception as exc:
            # Forget the marker so a retried event or the sweep starts it again (with Redis down, its TTL does).
            with contextlib.suppress(redis.RedisError):
                self.redis.delete(names.dispatched_key(rid))
            raise RedisUnavailable(f"enqueue: {type(exc).__name__}") from exc
        log.info("dispatched", key=ref.key, version=ref.version, record_id=rid, bulk=self.bulk)
        return "dispatched"

    def send(self, job: dict[str, object], rid: str) -> None:
        """The first stage's message, carrying the rest of the chain. It is the message `chain(...).apply_async()`
        sends, without the canvas freezing, cloning and deep-copying every step on each dispatch (a quarter of
        the intake's CPU). The worker pops the next step from the end of the list, hence the reverse order."""
        # Each message's argument repr (what Flower and task events show) is given, not computed: Celery's
        # saferepr of the job on every hop cost more CPU than some stages.
        shown = {"argsrepr": f"(<{rid} {job['ref']['key']!r}>,)", "kwargsrepr": "{}"}  # type: ignore[index]
        first, *rest = ("process",) if self.bulk else names.STAGES
        # By name: the intake sends work without importing the stages and their libraries.
        steps = [
            app.signature(f"gongkai.{stage}", task_id=f"{rid}.{stage}", priority=names.STAGE_PRIORITY[stage], **shown)
            for stage in reversed(rest)
        ]
        app.send_task(
            f"gongkai.{first}",
            args=(job,),
            task_id=f"{rid}.{first}",
            priority=names.STAGE_PRIORITY[first],
            chain=steps,
            # What the task says (task_ignore_result), stated in the message as the canvas does where the tasks
            # are registered: a process that only dispatches would otherwise ask the worker to store results.
            ignore_result=True,
            **shown,
        )
