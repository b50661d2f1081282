"""Nothing grows without bound: the streams are trimmed by length and age, the ledger by age, and what
stages hand on leaves Redis with the outcome."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from schemas import ObjectRef
from workers import names
from workers.identity import record_id_for

from .conftest import Live, start_live

pytestmark = pytest.mark.integration

AGE = 4  # seconds: every age limit at once, so one wait outlives them all
NODE = 4  # entries per stream node: approximate trimming removes whole nodes, so small nodes trim tightly


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Live]:
    limits = {"GONGKAI_RECORDS_MAX_LEN": "10", "GONGKAI_RECORDS_MAX_AGE": str(AGE),
              "GONGKAI_DEAD_MAX_AGE": str(AGE), "GONGKAI_LEDGER_MAX_AGE": str(AGE)}  # fmt: skip
    lv = start_live(tmp_path, limits)
    lv.redis.config_set("stream-node-max-entries", NODE)
    yield lv
    lv.stack.stop()


def _run(live: Live, body: bytes, prefix: str, n: int) -> list[str]:
    """n versions through the pipeline (one task each); their record ids, once all have an outcome."""
    refs = [live.upload(f"{prefix}/{i:03d}.txt", body) for i in range(n)]
    live.cli("sweep", "--bulk")  # dispatches every version that has no outcome yet
    for ref in refs:
        live.outcome(ref)
    return [record_id_for(ref) for ref in refs]


def _server_ms(live: Live) -> int:
    seconds, micros = live.redis.time()
    return int(seconds) * 1000 + int(micros) // 1000


def test_the_records_stream_is_trimmed_to_its_length(small: Live, samples_dir: Path) -> None:
    _run(small, (samples_dir / "qinghe-2016-f07.txt").read_bytes(), "len", 30)
    assert small.redis.xlen(names.RECORDS_STREAM) <= 10 + NODE


def test_entries_and_ledger_older_than_their_age_leave_as_new_ones_arrive(small: Live, samples_dir: Path) -> None:
    body = (samples_dir / "qinghe-2016-f07.txt").read_bytes()
    old = _run(small, body, "old", 6)
    small.drop("old/empty.txt", b"")  # a dead letter, aged with the rest
    last_old = _server_ms(small)
    while _server_ms(small) < last_old + AGE * 1000 + 50:  # the server's clock is what the trimming reads
        time.sleep(0.1)
    new = _run(small, body, "new", 6)
    ledger = {k.decode() for k in small.redis.hkeys(names.DONE_HASH)}
    assert not ledger & set(old), "old outcomes left the ledger"
    assert ledger <= set(new)
    assert small.redis.zcard(names.DONE_INDEX) == len(ledger)
    on_stream = {f[b"record_id"].decode() for _, f in small.redis.xrange(names.RECORDS_STREAM)}
    assert len(on_stream & set(old)) < NODE, "old records trimmed but for the node shared with new ones"
    assert small.redis.xlen(names.DEAD_STREAM) == 0, "an old letter ages out though no letter was written since"
    # The sweep does not reach back past the ledger: it would publish the old versions again.
    swept = json.loads(small.cli("sweep"))
    assert swept["too_old"] == len(old) + 1 and "dispatched" not in swept


def test_what_stages_hand_on_the_in_flight_mark_and_the_delivery_counts_leave_with_the_outcome(
    live: Live, samples_dir: Path
) -> None:
    ref: ObjectRef = live.drop("handed/report.txt", (samples_dir / "qinghe-2016-f07.txt").read_bytes())
    live.outcome(ref)
    rid = record_id_for(ref)
    assert not live.redis.exists(names.intermediates_key(rid), names.dispatched_key(rid), names.deliveries_key(rid))
