"""Outages longer than a few retries end with every report published or dead-lettered, never lost; dead
letters can be redriven, and a redriven version still has exactly one outcome on the streams."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.faults import CuttableProxy
from schemas import DeadLetter, ObjectRef
from workers.identity import record_id_for
from workers.localstack import LocalStack, free_port
from workers.storage import Storage

from .conftest import FAST, Live, start_stack

pytestmark = pytest.mark.integration


@pytest.fixture
def cuttable(tmp_path: Path) -> Iterator[tuple[Live, CuttableProxy, Storage]]:
    port = free_port()
    # Retries alone (3, at most 1 s apart) would give up within seconds; the window carries them through.
    env = {
        "GONGKAI_S3_ENDPOINT": f"http://127.0.0.1:{port}",
        "GONGKAI_RETRY_WINDOW": "60",
        "GONGKAI_DISPATCH_TTL": "20",
    }
    stack = LocalStack(tmp_path, settings_env=FAST | env)
    proxy = CuttableProxy(port, stack.ports["s3"])  # in front of the object store before anything uses it
    live = start_stack(stack, sweep_every=5)
    direct = Storage(live.settings.model_copy(update={"s3_endpoint": f"http://127.0.0.1:{live.stack.ports['s3']}"}))
    yield live, proxy, direct
    proxy.close()
    live.stack.stop()


def test_reports_in_flight_through_an_object_store_outage_and_a_redis_restart_all_end_published(
    cuttable: tuple[Live, CuttableProxy, Storage], samples_dir: Path
) -> None:
    live, proxy, direct = cuttable
    body = (samples_dir / "qinghe-2016-f07.txt").read_bytes()
    refs = [direct.put_source(f"outage/{i}.txt", body, "text/plain") for i in range(4)]
    with live.worker_stopped():
        for ref in refs:
            assert live.announce(ref) == 200
        proxy.cut(8)
    # Redis goes away too while the stages are retrying against the cut object store.
    live.stack.kill("redis")
    live.stack.start_redis()
    outcomes = [live.outcome(ref, timeout=150) for ref in refs]
    assert all(o.startswith("record:") for o in outcomes), [live.entry(o) for o in outcomes]
    assert all(live.entries_for(ref) == 1 for ref in refs)


def _letter(ref: ObjectRef, error: str) -> DeadLetter:
    return DeadLetter(
        key=ref.key, version=ref.version, stage="normalize", error=error, message="test", attempts=1,
        record_id=record_id_for(ref), bucket=ref.bucket,
    )  # fmt: skip


def test_redrive_sends_chosen_dead_letters_through_again_and_leaves_one_outcome(live: Live, samples_dir: Path) -> None:
    body = (samples_dir / "qinghe-2016-f07.txt").read_bytes()
    chosen = live.upload("redrive/chosen.txt", body)
    other_error = live.upload("redrive/other-error.txt", body)
    other_prefix = live.upload("elsewhere/report.txt", body)
    letters = ((chosen, "storage_unavailable"), (other_error, "empty_file"), (other_prefix, "storage_unavailable"))
    for ref, error in letters:
        assert live.streams.dead_letter(_letter(ref, error)).new
    gone = ObjectRef(bucket=chosen.bucket, key="redrive/deleted.txt", etag="0" * 32)
    live.streams.dead_letter(_letter(gone, "storage_unavailable"))

    counts = json.loads(live.cli("redrive", "--error", "storage_unavailable", "--prefix", "redrive/"))
    assert counts == {"dispatched": 1, "gone": 1}
    assert live.outcome(chosen).startswith("record:")
    assert live.entries_for(chosen) == 1  # the letter was taken back when the version was sent again
    assert live.streams.outcome(record_id_for(other_error)).startswith("dead:")
    assert live.streams.outcome(record_id_for(other_prefix)).startswith("dead:")
    assert json.loads(live.cli("redrive", "--error", "storage_unavailable", "--prefix", "redrive/")) == {"gone": 1}
