"""Consumers read the records stream through a group; a dead consumer's entries are claimed by another."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workers import names
from workers.streams import GroupReader

from .conftest import Live

pytestmark = pytest.mark.integration


def _consume(live: Live, *args: str) -> list[dict[str, object]]:
    out = subprocess.run(
        [sys.executable, "-m", "workers.cli", "consume", *args],
        env=live.stack.env(), capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def test_a_consumer_killed_mid_batch_has_its_entries_claimed_and_acknowledged(live: Live, samples_dir: Path) -> None:
    for n in range(3):
        live.outcome(live.drop(f"consume/r{n}.txt", (samples_dir / "qinghe-2016-f07.txt").read_bytes()))
    group = "claims"
    dead = GroupReader(live.redis, names.RECORDS_STREAM, group, "dies", claim_idle_ms=0)
    taken = dead.read(count=2, block_ms=None)  # read, never acknowledged: the consumer "died"
    assert len(taken) == 2
    records = _consume(live, "--group", group, "--consumer", "survivor", "--claim-idle", "0")
    assert len(records) == live.redis.xlen(names.RECORDS_STREAM)
    assert all("record_id" in r for r in records)
    assert live.redis.xpending(names.RECORDS_STREAM, group)["pending"] == 0


def test_consume_count_stops_after_n_records(live: Live, samples_dir: Path) -> None:
    live.outcome(live.drop("consume/one.txt", (samples_dir / "qinghe-2016-f07.txt").read_bytes()))
    assert len(_consume(live, "--group", "counted", "--count", "1")) == 1
