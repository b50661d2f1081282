"""Thin Celery tasks: each loads its inputs, calls one pure stage, passes the result on.

A message carries a job dict: the object reference, the record id, timings, and the small models the
stages produce (sections, facts and tables, checks). The normalized document, the bulk of a report,
travels by reference through the artifacts bucket.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import redis
import structlog
from celery import Task
from celery.exceptions import Ignore, Retry, SoftTimeLimitExceeded

from schemas import Check, DeadLetter, Extraction, ObjectRef, Segmentation, Source
from workers import names, pipeline
from workers.app import Services, app, services
from workers.errors import GongkaiError, PoisonMessage, RedisUnavailable, RetryableError, StageTimeout, backoff
from workers.redact import Redactor, secrets_of

log = structlog.get_logger("gongkai.tasks")

Job = dict[str, Any]


class DeadLettered(Exception):
    """Raised by a task whose version was dead-lettered: the task ends FAILED (not STARTED, as after Ignore)
    with the error code in Flower; the chain stops; the message is acknowledged like any finished task."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


def dead_letter(svc: Services, job: Job, stage: str, exc: GongkaiError, attempts: int) -> DeadLettered:
    ref = ObjectRef(**job["ref"])
    message = exc.message if exc.hint in exc.message else f"{exc.message} — {exc.hint}"
    message = Redactor(secrets_of(svc.settings)).text(message)  # an exception's message may quote a URL
    letter = DeadLetter(
        key=ref.key,
        version=ref.version,
        stage=stage,
        error=exc.code,
        message=message,
        attempts=attempts,
        record_id=job["record_id"],
        bucket=ref.bucket,
    )
    published = svc.streams.dead_letter(letter)
    svc.redis.delete(names.dispatched_key(job["record_id"]))
    log.warning("dead_lettered", error=exc.code, attempts=attempts, new=published.new)
    return DeadLettered(exc.code, message)


def _arrival(svc: Services, job: Job, stage: str, retries: int) -> tuple[bytes | None, int]:
    """Whether the version is already done, and how often this message has been delivered; and, since the
    chain is evidently alive, its in-flight mark is renewed so the sweep leaves it alone. One round trip."""
    rid = job["record_id"]
    key = names.deliveries_key(rid, job.get("dispatch_id", ""), stage, retries)
    try:
        with svc.redis.pipeline(transaction=False) as pipe:
            pipe.hget(names.DONE_HASH, rid)
            pipe.incr(key)
            pipe.expire(key, 86400)
            pipe.expire(names.dispatched_key(rid), svc.settings.dispatch_ttl)
            done, deliveries, *_ = pipe.execute()
    except redis.RedisError as exc:
        raise RedisUnavailable(f"arrival: {type(exc).__name__}") from exc
    return done, int(deliveries)


def run_stage(task: Task, stage: str, job: Job, body: Callable[[Services, Job], Job]) -> Job:
    svc = services()
    s = svc.settings
    rid = job["record_id"]
    retries = task.request.retries
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(task_id=task.request.id, key=job["ref"]["key"], stage=stage, record_id=rid)
    try:
        done, deliveries = _arrival(svc, job, stage, retries)
        if done is not None:
            log.info("already_done")
            raise Ignore()
        if deliveries > s.max_deliveries:
            raise PoisonMessage(f"delivered {deliveries} times without finishing")
        t0 = time.perf_counter()
        out = body(svc, job)
        out.pop("failing_since", None)  # the next stage's failures get a window of their own
        out.setdefault("timings", {})[stage] = round((time.perf_counter() - t0) * 1000, 3)
        log.info("stage_done", ms=out["timings"][stage])
        return out
    except (Ignore, Retry, DeadLettered):
        raise
    except SoftTimeLimitExceeded:
        timeout = StageTimeout(f"{stage} ran past {s.soft_time_limit} s")
        raise dead_letter(svc, job, stage, timeout, retries + 1) from None
    except RetryableError as exc:
        # An outage lasts minutes: a transient failure dead-letters only after both the retries and the window.
        failing_since = job.setdefault("failing_since", time.time())
        if retries >= s.max_retries and time.time() - failing_since >= s.retry_window:
            raise dead_letter(svc, job, stage, exc, retries + 1) from None
        delay = backoff(retries, s.retry_backoff, s.retry_backoff_max)
        log.warning("retrying", error=exc.code, attempt=retries + 1, countdown=round(delay, 2))
        raise task.retry(args=(job,), exc=exc, countdown=delay) from None
    except GongkaiError as exc:
        raise dead_letter(svc, job, stage, exc, retries + 1) from None
    except Exception as exc:
        # An unexpected exception is a bug in a stage on this input; looping on it helps nobody.
        log.exception("stage_crashed")
        crash = GongkaiError(f"{stage} failed unexpectedly ({type(exc).__name__})")
        raise dead_letter(svc, job, stage, crash, retries + 1) from None


def _normalize(svc: Services, job: Job) -> Job:
    ref = ObjectRef(**job["ref"])
    data, ctype = svc.storage.read_source(ref, svc.settings.max_bytes)
    ctype = ctype or ref.content_type
    doc = pipeline.normalize(data, ref.key, ctype, svc.settings.limits())
    svc.documents.put(job["record_id"], doc)
    job["source"] = pipeline.source_for(ref, data, ctype, doc).model_dump(mode="json")
    return job


# The small models ride in the job; only the document (the bulk of a report) goes by reference.
def _segment(svc: Services, job: Job) -> Job:
    doc = svc.documents.get(job["record_id"])
    job["segmentation"] = pipeline.segment(doc).model_dump(mode="json")
    return job


def _extract(svc: Services, job: Job) -> Job:
    doc = svc.documents.get(job["record_id"])
    seg = Segmentation.model_validate(job["segmentation"])
    job["extraction"] = pipeline.extract(doc, seg).model_dump(mode="json")
    return job


def _validate(svc: Services, job: Job) -> Job:
    doc = svc.documents.get(job["record_id"])
    seg = Segmentation.model_validate(job["segmentation"])
    ext = Extraction.model_validate(job["extraction"])
    job["checks"] = [c.model_dump(mode="json") for c in pipeline.validate(doc, seg, ext)]
    return job


def _publish(svc: Services, job: Job) -> Job:
    record = pipeline.assemble(
        job["record_id"],
        Source.model_validate(job["source"]),
        svc.documents.get(job["record_id"]),
        Segmentation.model_validate(job["segmentation"]),
        Extraction.model_validate(job["extraction"]),
        [Check.model_validate(c) for c in job["checks"]],
        dict(job.get("timings", {})),
    )
    published = svc.streams.publish_record(job["record_id"], record.model_dump_json())
    svc.redis.delete(names.dispatched_key(job["record_id"]))
    log.info("published", new=published.new, entry=published.entry)
    return job


def _everything(svc: Services, job: Job) -> Job:
    """Bulk mode for backfills: all stages in one task, no artifacts; a fraction of the queue cost."""
    ref = ObjectRef(**job["ref"])
    data, ctype = svc.storage.read_source(ref, svc.settings.max_bytes)
    record = pipeline.process_bytes(data, ref, ctype or ref.content_type, svc.settings.limits())
    published = svc.streams.publish_record(job["record_id"], record.model_dump_json())
    svc.redis.delete(names.dispatched_key(job["record_id"]))
    log.info("published", new=published.new, entry=published.entry, mode="bulk")
    return job


@app.task(bind=True, max_retries=None, throws=(DeadLettered,), name="gongkai.normalize")
def normalize(self: Task, job: Job) -> Job:
    return run_stage(self, "normalize", job, _normalize)


@app.task(bind=True, max_retries=None, throws=(DeadLettered,), name="gongkai.segment")
def segment(self: Task, job: Job) -> Job:
    return run_stage(self, "segment", job, _segment)


@app.task(bind=True, max_retries=None, throws=(DeadLettered,), name="gongkai.extract")
def extract(self: Task, job: Job) -> Job:
    return run_stage(self, "extract", job, _extract)


@app.task(bind=True, max_retries=None, throws=(DeadLettered,), name="gongkai.validate")
def validate(self: Task, job: Job) -> Job:
    return run_stage(self, "validate", job, _validate)


@app.task(bind=True, max_retries=None, throws=(DeadLettered,), name="gongkai.publish")
def publish(self: Task, job: Job) -> Job:
    return run_stage(self, "publish", job, _publish)


@app.task(bind=True, max_retries=None, throws=(DeadLettered,), name="gongkai.process")
def process(self: Task, job: Job) -> Job:
    return run_stage(self, "process", job, _everything)
