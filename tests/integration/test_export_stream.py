"""`gongkai export --stream` on real services: reports dropped into the bucket come out as rows of the exported
tables, read from the records stream without taking anything from its consumers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import duckdb
import pytest

from workers import names
from workers.export import InvalidRecord, read_stream
from workers.identity import record_id_for

from .conftest import Live

pytestmark = pytest.mark.integration


def _groups(live: Live) -> dict[str, tuple[str, int]]:
    """Each consumer group's position and pending count (not its lag, which moves as the workers publish)."""
    groups = live.redis.xinfo_groups(names.RECORDS_STREAM)
    return {g["name"].decode(): (g["last-delivered-id"].decode(), g["pending"]) for g in groups}


def test_dropped_reports_are_rows_of_the_export_from_the_stream(live: Live, samples_dir: Path, tmp_path: Path) -> None:
    refs = [
        live.drop("export/qinghe.txt", (samples_dir / "qinghe-2016-f07.txt").read_bytes()),
        live.drop("export/songxi.html", (samples_dir / "songxi-scj-2022-f21.html").read_bytes(), "text/html"),
    ]
    assert all(live.outcome(ref).startswith("record:") for ref in refs)
    ids = {record_id_for(ref): ref.key for ref in refs}
    groups_before = _groups(live)

    summary = json.loads(live.cli("export", "--stream", "--out", str(tmp_path), "--format", "parquet"))

    assert summary["records"] >= 2 and summary["skipped"] == 0
    reports = duckdb.sql(f"SELECT record_id, key, template FROM read_parquet('{tmp_path / 'reports.parquet'}')")
    assert reports is not None
    rows = {rid: (key, template) for rid, key, template in reports.fetchall()}
    assert {rid: rows[rid][0] for rid in ids} == ids
    assert rows[record_id_for(refs[1])][1] == "F21"
    cells = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{tmp_path / 'cells.parquet'}') WHERE record_id = ?",
        params=[record_id_for(refs[1])],
    )
    assert cells is not None and cells.fetchall()[0][0] > 100  # the F21 sample's three tables
    assert _groups(live) == groups_before, "read-only: no consumer group made or moved"


def test_reading_the_stream_in_small_batches_misses_no_entry(live: Live, samples_dir: Path) -> None:
    ref = live.drop("export/batches.txt", (samples_dir / "baishui-2016-gb18030.txt").read_bytes())
    live.outcome(ref)
    entries = cast(list[Any], live.redis.xrange(names.RECORDS_STREAM))
    items = list(read_stream(live.redis, batch=1))
    assert not [i for i in items if isinstance(i, InvalidRecord)]
    read = [i.record_id for i in items if not isinstance(i, InvalidRecord)]
    assert read[: len(entries)] == [fields[b"record_id"].decode() for _, fields in entries]
    assert record_id_for(ref) in read
