"""Thin Celery tasks: each loads its inputs, calls one pure stage, hands the result on.

A message carries a small job dict: the object reference, the record id and timings. What the stages produce
(the source's description, document, segmentation, extraction, checks) waits in Redis for the next stage
(workers/intermediates.py); the object store is read once per report, by normalize.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import redis
import structlog
from celery import Task
from celery.exceptions import Ignore, Retry, SoftTimeLimitExceeded

from schemas import DeadLetter, ObjectRef
from workers import names, pipeline
from workers.app import Services, app, services
from workers.errors import (
    GongkaiError,
    PoisonMessage,
    RedisUnavailable,
    RetryableError,
    StageTimeout,
    Superseded,
    TooLarge,
    backoff,
)
from workers.identity import record_id_for
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
    published = svc.streams.dead_letter(letter, forget=_in_flight(svc, job["record_id"]))
    log.warning("dead_lettered", error=exc.code, attempts=attempts, new=published.new)
    return DeadLettered(exc.code, message)


def _in_flight(svc: Services, record_id: str) -> tuple[str, ...]:
    """The keys that go when the version's outcome is written, in the same Lua step (and this process's copy
    of its intermediates with them): its in-flight mark, its intermediates, its delivery counts."""
    svc.intermediates.evict(record_id)
    return names.dispatched_key(record_id), names.intermediates_key(record_id), names.deliveries_key(record_id)


# What each stage reads of what the earlier ones handed on.
NEEDS: dict[str, tuple[str, ...]] = {
    "normalize": (),
    "segment": ("document",),
    "extract": ("document", "segmentation"),
    "validate": ("document", "segmentation", "extraction"),
    "publish": ("source", "document", "segmentation", "extraction", "checks"),
    "process": (),
}


def _arrival(svc: Services, job: Job, stage: str, retries: int) -> tuple[bytes | None, int]:
    """Whether the version is already done, and how often this message has been delivered; and, since the
    chain is evidently alive, its in-flight mark is renewed so the sweep leaves it alone. The stage's inputs
    that this process does not hold yet come in the same round trip."""
    rid = job["record_id"]
    key = names.deliveries_key(rid)
    fetch = svc.intermediates.uncached(rid, NEEDS[stage])
    try:
        with svc.redis.pipeline(transaction=False) as pipe:
            pipe.hget(names.DONE_HASH, rid)
            pipe.hincrby(key, names.delivery_field(job.get("dispatch_id", ""), stage, retries), 1)
            pipe.expire(key, svc.settings.intermediates_ttl)
            pipe.expire(names.dispatched_key(rid), svc.settings.dispatch_ttl)
            if fetch:
                pipe.hmget(names.intermediates_key(rid), fetch)
            done, deliveries, *rest = pipe.execute()
        if done is not None:  # a late duplicate: what it just made must not outlive it
            svc.redis.delete(key, names.dispatched_key(rid))
    except redis.RedisError as exc:
        raise RedisUnavailable(f"arrival: {type(exc).__name__}") from exc
    if fetch and done is None:
        svc.intermediates.absorb(rid, fetch, rest[-1])
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


def _settle_identity(svc: Services, job: Job, served: ObjectRef) -> bool:
    """The job continues as the version the store served (its ref, content type included, is the served one
    from here on, so that a rebuild reads the source as normalize did). An event's claims (version id, ETag)
    usually name it; when they do not (a stale or forged ETag, an object overwritten in an unversioned bucket,
    a claim without a version id in a versioned one), the job takes the served version's identity, unless
    that version is already done or has a chain of its own, and then this job ends. The in-flight mark holds
    the dispatch id, so this job run again (a redelivery) finds its own mark and goes on."""
    claimed = ObjectRef(**job["ref"])
    if served.version == claimed.version:
        job["ref"] = served.model_dump()
        return True
    rid, served_rid = job["record_id"], record_id_for(served)
    mark, dispatch_id = names.dispatched_key(served_rid), job.get("dispatch_id", "")
    try:
        if svc.streams.outcome(served_rid) is not None:
            fresh = False
        else:
            taken = svc.redis.set(mark, dispatch_id, nx=True, ex=svc.settings.dispatch_ttl)
            fresh = bool(taken) or svc.redis.get(mark) == dispatch_id.encode()
        # The claim's delivery counts stay (until their TTL): a redelivery of this message counts on them.
        svc.redis.delete(names.dispatched_key(rid))
    except redis.RedisError as exc:
        raise RedisUnavailable(f"identity: {type(exc).__name__}") from exc
    log.info("claim_reidentified", served_record_id=served_rid, continues=fresh)
    if not fresh:
        return False
    job["ref"], job["record_id"] = served.model_dump(), served_rid
    structlog.contextvars.bind_contextvars(record_id=served_rid)
    return True


def _read_source(svc: Services, job: Job) -> tuple[bytes, ObjectRef]:
    """The source's bytes and the version they are. Ends the task (Ignore) when this job's claim named
    another version that has its own chain; a source refused as too large is refused as the served version."""
    try:
        data, served = svc.storage.read_source(ObjectRef(**job["ref"]), svc.settings.max_bytes)
    except TooLarge as exc:
        if isinstance(exc.served, ObjectRef) and not _settle_identity(svc, job, exc.served):
            raise Ignore() from None
        raise
    if not _settle_identity(svc, job, served):
        raise Ignore()
    return data, served


def _normalize(svc: Services, job: Job) -> Job:
    data, ref = _read_source(svc, job)
    doc = pipeline.normalize(data, ref.key, ref.content_type, svc.settings.limits())
    source = pipeline.source_for(ref, data, ref.content_type, doc)
    svc.intermediates.put(job["record_id"], source=source, document=doc)
    return job


def _inputs(svc: Services, job: Job, wanted: tuple[str, ...]) -> dict[str, Any]:
    """What the earlier stages handed on. Should it be gone (its TTL ran out in a long outage, Redis lost it),
    the earlier stages run again here from the source: slower, never lost."""
    rid = job["record_id"]
    got = svc.intermediates.get(rid, wanted)
    if len(got) == len(wanted):
        return got
    log.warning("intermediates_rebuilt", missing=[n for n in wanted if n not in got])
    ref = ObjectRef(**job["ref"])
    data, served = svc.storage.read_source(ref, svc.settings.max_bytes)
    if served.version != ref.version:  # an unversioned object overwritten meanwhile: its own event covers it
        raise Superseded(f"version {ref.version} is no longer in the store")
    doc, seg, ext, checks = pipeline.run_stages(data, served.key, served.content_type, svc.settings.limits())
    source = pipeline.source_for(served, data, served.content_type, doc)
    rebuilt = {"source": source, "document": doc, "segmentation": seg, "extraction": ext, "checks": checks}
    svc.intermediates.put(rid, **{name: rebuilt[name] for name in wanted})
    return {name: rebuilt[name] for name in wanted}


def _segment(svc: Services, job: Job) -> Job:
    got = _inputs(svc, job, NEEDS["segment"])
    svc.intermediates.put(job["record_id"], segmentation=pipeline.segment(got["document"]))
    return job


def _extract(svc: Services, job: Job) -> Job:
    got = _inputs(svc, job, NEEDS["extract"])
    svc.intermediates.put(job["record_id"], extraction=pipeline.extract(got["document"], got["segmentation"]))
    return job


def _validate(svc: Services, job: Job) -> Job:
    got = _inputs(svc, job, NEEDS["validate"])
    checks = pipeline.validate(got["document"], got["segmentation"], got["extraction"])
    svc.intermediates.put(job["record_id"], checks=checks)
    return job


def _publish(svc: Services, job: Job) -> Job:
    got = _inputs(svc, job, NEEDS["publish"])
    record = pipeline.assemble(
        job["record_id"],
        got["source"],
        got["document"],
        got["segmentation"],
        got["extraction"],
        got["checks"],
        dict(job.get("timings", {})),
    )
    published = svc.streams.publish_record(
        job["record_id"], record.model_dump_json(), forget=_in_flight(svc, job["record_id"])
    )
    log.info("published", new=published.new, entry=published.entry)
    return job


def _everything(svc: Services, job: Job) -> Job:
    """Bulk mode for backfills: all stages in one task, nothing handed on; a fraction of the queue cost."""
    data, ref = _read_source(svc, job)
    record = pipeline.process_bytes(data, ref, ref.content_type, svc.settings.limits())
    published = svc.streams.publish_record(
        job["record_id"], record.model_dump_json(), forget=_in_flight(svc, job["record_id"])
    )
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
