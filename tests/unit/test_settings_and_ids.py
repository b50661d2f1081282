"""Settings come from the environment; record ids are deterministic."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from schemas import ObjectRef
from workers.identity import PIPELINE_VERSION, record_id_for
from workers.settings import Settings


def test_settings_read_gongkai_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_REDIS_URL", "redis://h:1/2")
    monkeypatch.setenv("GONGKAI_BUCKET", "inbox")
    monkeypatch.setenv("GONGKAI_S3_SECRET_KEY", "s3cr3t")
    s = Settings()
    assert s.redis_url == "redis://h:1/2" and s.bucket == "inbox"
    assert s.effective_broker_url == "redis://h:1/2", "the broker defaults to the Redis URL"
    assert "s3cr3t" not in repr(s), "secrets do not show in reprs or logs"


def test_a_visibility_timeout_shorter_than_the_time_limit_is_refused() -> None:
    with pytest.raises(ValidationError):
        Settings(time_limit=600, visibility_timeout=300)


def test_the_same_object_version_always_gets_the_same_record_id() -> None:
    ref = ObjectRef(bucket="reports", key="a.txt", version_id="v1", etag="e")
    assert record_id_for(ref) == record_id_for(ref.model_copy())


def test_a_new_version_or_pipeline_version_gets_a_new_record_id() -> None:
    ref = ObjectRef(bucket="reports", key="a.txt", version_id="v1", etag="e")
    assert record_id_for(ref) != record_id_for(ref.model_copy(update={"version_id": "v2"}))
    assert record_id_for(ref) != record_id_for(ref, PIPELINE_VERSION + "x")


def test_an_unversioned_bucket_uses_the_etag_as_the_version() -> None:
    a = ObjectRef(bucket="reports", key="a.txt", etag='"e1"')
    b = ObjectRef(bucket="reports", key="a.txt", etag="e2")
    assert a.version == "e1" and record_id_for(a) != record_id_for(b)


def test_messages_carry_references_not_bodies() -> None:
    import json

    from workers.dispatch import Dispatcher

    ref = ObjectRef(bucket="reports", key="年报/长长的文件名.pdf", version_id="v" * 36, etag="e" * 32, size=10**7)
    job = Dispatcher.job_for(None, ref)  # type: ignore[arg-type]
    assert len(json.dumps(job, ensure_ascii=False).encode()) < 512


def test_a_pool_process_that_grew_past_the_memory_setting_is_replaced() -> None:
    from workers.app import celery_config

    config = celery_config(Settings(max_worker_memory_mb=700))
    assert config["worker_max_memory_per_child"] == 700 * 1024


def test_the_master_freezes_what_it_imported_before_the_pool_forks() -> None:
    import gc

    from celery import signals

    import workers.app  # noqa: F401  (connects the handler)

    gc.unfreeze()
    try:
        signals.worker_init.send(sender=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


@pytest.mark.parametrize(
    "ages",
    [
        {"ledger_max_age": 10, "records_max_age": 20, "dead_max_age": 5},  # shorter than a stream's
        {"ledger_max_age": 100, "records_max_age": 0, "dead_max_age": 5},  # records kept for ever, ledger not
    ],
)
def test_a_ledger_that_forgets_before_the_streams_do_is_refused(ages: dict[str, int]) -> None:
    # Its versions would get a second entry while the first is still on a stream.
    with pytest.raises(ValidationError, match="GONGKAI_LEDGER_MAX_AGE"):
        Settings(**ages)  # type: ignore[arg-type]


def test_retention_reaches_the_publishing_side_in_milliseconds() -> None:
    r = Settings(records_max_len=5, records_max_age=60, dead_max_age=60, ledger_max_age=120).retention()
    assert (r.records_max_len, r.records_max_age_ms, r.ledger_max_age_ms) == (5, 60_000, 120_000)


def _published(monkeypatch: pytest.MonkeyPatch, send: Callable[[], object]) -> list[tuple[Any, dict[str, Any]]]:
    from kombu import Producer

    sent: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(Producer, "publish", lambda self, body, **kw: sent.append((body, kw)))
    send()
    return sent


def _job_and_id() -> tuple[dict[str, object], str]:
    from workers.dispatch import Dispatcher

    job = Dispatcher.job_for(None, ObjectRef(bucket="reports", key="年报/a.txt", version_id="v1"))  # type: ignore[arg-type]
    return job, str(job["record_id"])


def test_a_dispatch_sends_one_message_carrying_the_other_stages_in_the_order_the_worker_pops_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workers import names
    from workers.dispatch import Dispatcher

    job, rid = _job_and_id()
    sent = _published(monkeypatch, lambda: Dispatcher(None, None, "reports", 60).send(job, rid))  # type: ignore[arg-type]

    assert len(sent) == 1
    (args, kwargs, embed), options = sent[0]
    assert list(args) == [job] and kwargs == {}
    headers = options["headers"]
    assert headers["task"] == "gongkai.normalize" and headers["id"] == f"{rid}.normalize"
    assert headers["argsrepr"] == f"(<{rid} '年报/a.txt'>,)"
    assert headers["ignore_result"] is True
    assert options["priority"] == names.STAGE_PRIORITY["normalize"]
    popped = list(reversed(embed["chain"]))
    assert [step["task"] for step in popped] == [f"gongkai.{stage}" for stage in names.STAGES[1:]]
    assert [step["options"]["priority"] for step in popped] == [names.STAGE_PRIORITY[s] for s in names.STAGES[1:]]
    # Each later step takes the job the one before returned.
    assert all(not step["immutable"] and not step["args"] for step in popped)

    bulk = _published(monkeypatch, lambda: Dispatcher(None, None, "reports", 60, bulk=True).send(job, rid))  # type: ignore[arg-type]
    assert bulk[-1][1]["headers"]["task"] == "gongkai.process" and not bulk[-1][0][2]["chain"]


def test_a_dispatch_sends_what_celerys_own_chain_would(monkeypatch: pytest.MonkeyPatch) -> None:
    """The message is built without the canvas (its freezing and copying cost the intake a quarter of its CPU);
    it must stay the one the canvas sends, but for the steps' reply_to (results are ignored)."""
    from celery import chain

    import workers.tasks  # noqa: F401  (registered, as in a worker: the canvas then sends what the tasks say)
    from workers import names
    from workers.app import app
    from workers.dispatch import Dispatcher

    job, rid = _job_and_id()
    shown = {"argsrepr": f"(<{rid} '年报/a.txt'>,)", "kwargsrepr": "{}"}

    def step(stage: str, **options: Any) -> Any:
        return app.signature(
            f"gongkai.{stage}", task_id=f"{rid}.{stage}", priority=names.STAGE_PRIORITY[stage], **shown, **options
        )

    first, *rest = names.STAGES
    canvas = chain(step(first, args=(job,), immutable=True), *(step(s) for s in rest))
    (ours,) = _published(monkeypatch, lambda: Dispatcher(None, None, "reports", 60).send(job, rid))  # type: ignore[arg-type]
    (theirs,) = _published(monkeypatch, canvas.apply_async)

    def comparable(message: tuple[Any, dict[str, Any]]) -> Any:
        (args, kwargs, embed), options = message
        for sig in embed["chain"]:
            sig["options"].pop("reply_to", None)
        headers = {k: v for k, v in options["headers"].items() if k != "origin"}
        return json.loads(json.dumps([args, kwargs, embed, headers, options["priority"], options["routing_key"]]))

    assert comparable(ours) == comparable(theirs)
