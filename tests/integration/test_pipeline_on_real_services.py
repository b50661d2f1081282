"""A report dropped into the bucket becomes exactly one record on the stream, on real services."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from celery.exceptions import Ignore

from workers import names
from workers.identity import record_id_for

from .conftest import Live

pytestmark = pytest.mark.integration


def test_a_dropped_report_comes_out_as_one_valid_record(live: Live, samples_dir: Path) -> None:
    ref = live.drop("2016/qinghe.txt", (samples_dir / "qinghe-2016-f07.txt").read_bytes())
    outcome = live.outcome(ref)
    assert outcome.startswith("record:")
    record = json.loads(live.entry(outcome)["record"])
    assert record["record_id"] == record_id_for(ref)
    assert record["source"]["key"] == "2016/qinghe.txt"
    assert record["source"]["version_id"] == ref.version_id
    assert record["meta"]["report_year"] == 2016
    assert record["sections"], "the sections of the report"
    assert set(record["pipeline"]["timings_ms"]) >= {"normalize", "segment", "extract"}


def test_event_keys_are_url_decoded_exactly_once(live: Live, samples_dir: Path) -> None:
    # "+" for a space, %2F for "/", %E5... for Chinese; a literal "%41" and "+" in the key must survive.
    key = "年报 2016/青禾县 报告+附件 %41.txt"
    ref = live.drop(key, (samples_dir / "qinghe-2016-f07.txt").read_bytes())
    record = json.loads(live.entry(live.outcome(ref))["record"])
    assert record["source"]["key"] == key


def test_an_event_delivered_twice_plus_a_sweep_still_gives_one_record(live: Live, samples_dir: Path) -> None:
    ref = live.upload("dup/report.txt", (samples_dir / "qinghe-2016-f07.txt").read_bytes())
    assert live.announce(ref) == 200
    assert live.announce(ref) == 200
    live.outcome(ref)
    live.cli("sweep", "--force")
    time.sleep(1)
    assert live.entries_for(ref) == 1


def test_a_chain_run_twice_publishes_once(live: Live, samples_dir: Path) -> None:
    """What a worker crash after publish but before the ack amounts to: the same tasks run again."""
    ref = live.upload("twice/report.txt", (samples_dir / "qinghe-2016-f07.txt").read_bytes())
    live.cli("sweep", "--force")
    live.cli("sweep", "--force")  # the version is in flight: force starts a second chain for it
    live.outcome(ref)
    time.sleep(2)  # let the second chain reach publish too
    assert live.entries_for(ref) == 1


def test_a_new_version_of_the_same_key_gets_a_new_record(live: Live, samples_dir: Path) -> None:
    body = (samples_dir / "qinghe-2016-f07.txt").read_bytes()
    first = live.drop("versions/report.txt", body)
    second = live.drop("versions/report.txt", body + "\n附件：无\n".encode())
    assert first.version_id != second.version_id
    a, b = live.outcome(first), live.outcome(second)
    assert a != b and a.startswith("record:") and b.startswith("record:")


def test_events_other_than_object_created_are_acknowledged_and_ignored(live: Live, samples_dir: Path) -> None:
    from workers.events import build_notification

    ref = live.upload("ignored/report.txt", (samples_dir / "qinghe-2016-f07.txt").read_bytes())
    status = live.stack.announce(live.http, build_notification(ref, "s3:ObjectRemoved:Delete"))
    assert status == 200
    assert live.redis.get(names.dispatched_key(record_id_for(ref))) is None
    assert live.streams.outcome(record_id_for(ref)) is None


@pytest.mark.parametrize(
    ("key", "body", "code"),
    [
        ("bad/empty.txt", b"", "empty_file"),
        ("bad/noise.pdf", bytes(range(256)) * 64, "unsupported_format"),
        ("bad/huge.txt", "青".encode() * 1_100_000, "too_large"),
    ],
)
def test_a_file_that_cannot_be_processed_is_dead_lettered_with_its_reason(
    live: Live, key: str, body: bytes, code: str
) -> None:
    ref = live.drop(key, body, "application/octet-stream")
    outcome = live.outcome(ref)
    assert outcome.startswith("dead:")
    letter = live.entry(outcome)
    assert letter["error"] == code
    assert letter["key"] == key and letter["version"] == ref.version
    assert letter["message"] and int(letter["attempts"]) >= 1


def test_the_worker_keeps_serving_after_bad_input(live: Live, samples_dir: Path) -> None:
    live.drop("bad/again-empty.txt", b"")
    ref = live.drop("after-bad/report.txt", (samples_dir / "qinghe-2016-f07.txt").read_bytes())
    assert live.outcome(ref).startswith("record:")


def test_worker_logs_are_json_with_task_key_and_stage_bound(live: Live, samples_dir: Path) -> None:
    ref = live.drop("logs/report.txt", (samples_dir / "qinghe-2016-f07.txt").read_bytes())
    live.outcome(ref)
    lines = (live.stack.workdir / "worker0.log").read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines if line.startswith("{")]
    done = [e for e in events if e.get("event") == "stage_done" and e.get("key") == "logs/report.txt"]
    assert {e["stage"] for e in done} >= {"normalize", "segment", "extract", "validate", "publish"}
    assert all(e.get("task_id") and e.get("record_id") for e in done)
    report_text = (samples_dir / "qinghe-2016-f07.txt").read_text(encoding="utf-8")
    assert not any(report_text[200:230] in line for line in lines), "no document text in logs"


def test_a_backlog_is_worked_through_report_by_report(live: Live, samples_dir: Path) -> None:
    """Later stages go ahead of new reports: the first report of a queued backlog is published before the last one
    is even normalized (first come, first served would normalize all of them first)."""
    body = (samples_dir / "qinghe-2016-f07.txt").read_bytes()
    refs = [live.upload(f"backlog/{i:02d}.txt", body + f"\n{i}".encode()) for i in range(30)]
    with live.worker_stopped():
        for ref in refs:
            assert live.announce(ref) == 200
    for ref in refs:
        assert live.outcome(ref).startswith("record:")
    lines = (live.stack.workdir / "worker0.log").read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines if line.startswith("{")]
    order = [(e["event"], e.get("stage"), e.get("key")) for e in events if str(e.get("key", "")).startswith("backlog/")]
    first_published = next(i for i, (event, _, _) in enumerate(order) if event == "published")
    last_normalized = max(
        i for i, (event, stage, _) in enumerate(order) if event == "stage_done" and stage == "normalize"
    )
    assert first_published < last_normalized


def test_what_stages_hand_on_waits_in_redis_and_goes_with_the_outcome(live: Live, samples_dir: Path) -> None:
    body = (samples_dir / "songxi-scj-2022-f21.html").read_bytes()
    ref = live.upload("handoff/report.html", body, "text/html")
    with live.worker_stopped():
        assert live.announce(ref) == 200
        [message] = [m for key in names.queue_lists() for m in live.redis.lrange(key, 0, -1)]
    # The message names the report; the report itself is read by normalize alone.
    assert len(message) < 2048 < len(body)
    assert live.outcome(ref).startswith("record:")
    assert not live.redis.exists(names.intermediates_key(record_id_for(ref)))


def test_intermediates_lost_between_stages_are_rebuilt_from_the_source(live: Live, samples_dir: Path) -> None:
    from workers.app import Services
    from workers.dispatch import Dispatcher
    from workers.intermediates import Intermediates
    from workers.pipeline import process_bytes
    from workers.tasks import _extract, _normalize, _publish, _segment, _validate

    body = (samples_dir / "songxi-scj-2022-f21.html").read_bytes()
    ref = live.upload("lost/report.html", body, "text/html")
    svc = Services(live.settings, live.redis, live.streams, live.storage, Intermediates(live.redis, 60, cache_size=0))
    job = Dispatcher.job_for(None, ref)  # type: ignore[arg-type]
    job = _segment(svc, _normalize(svc, job))
    live.redis.delete(names.intermediates_key(job["record_id"]))  # as after a Redis restart without persistence
    svc.intermediates.evict(job["record_id"])  # and the next stage on the other pool process
    _publish(svc, _validate(svc, _extract(svc, job)))
    record = json.loads(live.entry(live.outcome(ref))["record"])
    expected = process_bytes(body, ref, "text/html", live.settings.limits())
    assert record["facts"] == expected.model_dump(mode="json")["facts"]
    assert record["checks"] == expected.model_dump(mode="json")["checks"]


def test_damaged_intermediates_are_rebuilt_not_failed(live: Live, samples_dir: Path) -> None:
    from workers.app import Services
    from workers.dispatch import Dispatcher
    from workers.intermediates import Intermediates
    from workers.pipeline import process_bytes
    from workers.tasks import _extract, _normalize, _publish, _segment, _validate

    body = (samples_dir / "qinghe-2016-f07.txt").read_bytes()
    ref = live.upload("damaged/report.txt", body)
    svc = Services(live.settings, live.redis, live.streams, live.storage, Intermediates(live.redis, 60, cache_size=0))
    job = _normalize(svc, Dispatcher.job_for(None, ref))  # type: ignore[arg-type]
    live.redis.hset(names.intermediates_key(job["record_id"]), "document", b"written by another version")
    svc.intermediates.evict(job["record_id"])  # the next stage on the other pool process: it reads what Redis holds
    _publish(svc, _validate(svc, _extract(svc, _segment(svc, job))))
    record = json.loads(live.entry(live.outcome(ref))["record"])
    expected = process_bytes(body, ref, "text/plain", live.settings.limits())
    assert record["facts"] == expected.model_dump(mode="json")["facts"]


def test_a_claim_settled_to_another_version_goes_on_when_its_message_runs_again(live: Live, samples_dir: Path) -> None:
    from workers.app import Services
    from workers.dispatch import Dispatcher
    from workers.intermediates import Intermediates
    from workers.tasks import _normalize

    ref = live.upload("settled/report.txt", (samples_dir / "qinghe-2016-f07.txt").read_bytes())
    claim = ref.model_copy(update={"version_id": None, "etag": "0" * 32})  # an event without the version id
    svc = Services(live.settings, live.redis, live.streams, live.storage, Intermediates(live.redis, 60))
    job = Dispatcher.job_for(None, claim)  # type: ignore[arg-type]
    first = _normalize(svc, json.loads(json.dumps(job)))
    again = _normalize(svc, json.loads(json.dumps(job)))  # the same message, redelivered after a crash
    assert first["record_id"] == again["record_id"] == record_id_for(ref)
    other = Dispatcher.job_for(None, claim)  # type: ignore[arg-type]  # another dispatch of the same claim
    with pytest.raises(Ignore):
        _normalize(svc, other)
