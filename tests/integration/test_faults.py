"""Transient failures retry with backoff and then dead-letter; nothing is dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Live

pytestmark = pytest.mark.integration


def test_an_unreachable_object_store_retries_then_dead_letters(fresh_live: Live, samples_dir: Path) -> None:
    ref = fresh_live.upload("faults/report.txt", (samples_dir / "qinghe-2016-f07.txt").read_bytes())
    with fresh_live.worker_stopped():
        assert fresh_live.announce(ref) == 200
        fresh_live.stack.kill("s3")
    letter = fresh_live.entry(fresh_live.outcome(ref, timeout=90))
    assert letter["error"] == "storage_unavailable"
    assert int(letter["attempts"]) >= int(fresh_live.settings.max_retries) + 1
    log = (fresh_live.stack.workdir / "worker0.log").read_text(encoding="utf-8")
    assert '"retrying"' in log


def test_the_workers_need_no_bucket_but_the_watched_one(live: Live, samples_dir: Path) -> None:
    # An operator makes the bucket they watch and nothing else (the README's contract); intermediates live in
    # Redis, so no report waits on a bucket nobody made.
    ref = live.drop("bucket/report.txt", (samples_dir / "qinghe-2016-f07.txt").read_bytes())
    assert live.outcome(ref).startswith("record:")
    assert [b.name for b in live.storage.client.list_buckets()] == [live.settings.bucket]
