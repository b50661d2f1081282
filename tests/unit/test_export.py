"""`gongkai export`: records made by the real pipeline from the sample reports, exported to Parquet and CSV and
read back with DuckDB and pyarrow, against counts and values taken from the record JSON on its own."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest

from schemas import Limits, ObjectRef, Record
from workers.cli import EXIT_FAILURES, EXIT_UNAVAILABLE
from workers.export import TABLES, InvalidRecord, export, read_jsonl
from workers.pipeline import process_bytes

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "workers" / "samples"
REPORTS = ["baishui-2016-gb18030.txt", "longtan-2012-big5.txt", "qinghe-2016-f07.txt", "songxi-scj-2022-f21.html"]
# The samples print no blank cell and no total that fails: this is the F21 sample with one cell of table 三
# emptied and another miscounted.
EDITED = "songxi-edited.html"
_EDITS = {
    "上年结转政府信息公开申请数量</td><td>1</td><td>0</td>": "上年结转政府信息公开申请数量</td><td>1</td><td></td>",
    "本年新收政府信息公开申请数量</td><td>14</td>": "本年新收政府信息公开申请数量</td><td>15</td>",
}
BLOCKS = ("proactive", "requests", "review_litigation", "extra_rows")


def _record(name: str, data: bytes) -> Record:
    return process_bytes(data, ObjectRef(bucket="", key=name, size=len(data)), None, Limits())


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `gongkai process` prints for the samples and the edited variant, one record per line."""
    records = [_record(name, (SAMPLES / name).read_bytes()) for name in REPORTS]
    f21 = (SAMPLES / "songxi-scj-2022-f21.html").read_text(encoding="utf-8")
    for before, after in _EDITS.items():
        assert f21.count(before) == 1
        f21 = f21.replace(before, after)
    records.append(_record(EDITED, f21.encode()))
    path = tmp_path_factory.mktemp("records") / "records.jsonl"
    path.write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def records(jsonl: Path) -> list[dict[str, Any]]:
    """The records as plain JSON: the expectations are counted from these, not from the models the export uses."""
    return [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module", params=["parquet", "csv"])
def exported(request: pytest.FixtureRequest, jsonl: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"export-{request.param}")
    export(read_jsonl([str(jsonl)]), out, request.param)
    return out


def _path(out: Path, table: str) -> Path:
    [path] = out.glob(f"{table}.*")
    return path


def _sql(out: Path, table: str, query: str) -> list[tuple[Any, ...]]:
    """Runs `query` with `t` standing for the exported table, read by DuckDB from the file itself."""
    path = _path(out, table)
    # In CSV a null is an empty field and an empty text is "": DuckDB reads both as null unless told not to.
    reader = f"read_parquet('{path}')" if path.suffix == ".parquet" else f"read_csv('{path}', allow_quoted_nulls=false)"
    result = duckdb.sql(f"WITH t AS (SELECT * FROM {reader}) {query}")
    assert result is not None
    return result.fetchall()


def _read(out: Path, table: str) -> pa.Table:
    """The table through pyarrow with its declared types; in CSV an unquoted empty field is a null."""
    path, schema = _path(out, table), TABLES[table][0]
    if path.suffix == ".parquet":
        return pq.read_table(path)
    options = pa_csv.ConvertOptions(column_types=schema, strings_can_be_null=True, quoted_strings_can_be_null=False)
    return pa_csv.read_csv(path, convert_options=options)


def _cells(record: dict[str, Any]) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    for block in BLOCKS:
        for row, columns in record["tables"].get(block, {}).items():
            for column, cell in columns.items():
                yield block, row, column, cell


def test_the_sample_records_cover_what_the_export_flattens(records: list[dict[str, Any]]) -> None:
    assert any(f["parts"] for r in records for f in r["facts"]), "a fact with a breakdown"
    assert any(c["semantic"] == "blank" for r in records for *_, c in _cells(r)), "a blank cell"
    assert any(c["status"] == "fail" for r in records for c in r["checks"]), "a failing check"
    assert any(isinstance(c["expected"], str) for r in records for c in r["checks"]), "a check on dates"


def test_each_table_has_as_many_rows_as_the_records_hold(exported: Path, records: list[dict[str, Any]]) -> None:
    expected = {
        "reports": len(records),
        "sections": sum(len(r["sections"]) for r in records),
        "facts": sum(1 + len(f["parts"]) for r in records for f in r["facts"]),
        "cells": sum(1 for r in records for _ in _cells(r)),
        "checks": sum(len(r["checks"]) for r in records),
    }
    assert {table: _sql(exported, table, "SELECT count(*) FROM t")[0][0] for table in TABLES} == expected


def test_every_row_carries_the_id_of_an_exported_record(exported: Path, records: list[dict[str, Any]]) -> None:
    ids = {r["record_id"] for r in records}
    for table in TABLES:
        column = _read(exported, table).column("record_id")
        assert column.null_count == 0, table
        assert set(column.to_pylist()) <= ids, table
    assert {r[0] for r in _sql(exported, "reports", "SELECT record_id FROM t")} == ids


def test_columns_have_the_declared_types(exported: Path) -> None:
    for table, (schema, _) in TABLES.items():
        path = _path(exported, table)
        if path.suffix == ".parquet":
            assert pq.read_schema(path) == schema, table
        else:
            header = path.read_text(encoding="utf-8").splitlines()[0]
            assert header == ",".join(f'"{name}"' for name in schema.names), table
            assert _read(exported, table).schema.types == schema.types, table


def test_every_fact_and_part_has_the_records_concept_value_and_quote(
    exported: Path, records: list[dict[str, Any]]
) -> None:
    rows = _read(exported, "facts").to_pylist()
    got = {(r["record_id"], r["position"], r["part"]): r for r in rows}
    for record in records:
        for i, fact in enumerate(record["facts"]):
            row = got[(record["record_id"], i, None)]
            assert (row["concept"], row["value"], row["unit"], row["approx"]) == (
                fact["concept"], fact["value"], fact["unit"], fact["approx"],
            )  # fmt: skip
            assert (row["quote"], row["start_offset"], row["end_offset"]) == tuple(
                fact["evidence"][k] for k in ("quote", "start", "end")
            )
            assert row["parent"] is None and row["label"] is None
            for k, part in enumerate(fact["parts"]):
                prow = got[(record["record_id"], i, k)]
                assert (prow["parent"], prow["concept"], prow["label"], prow["value"]) == (
                    fact["concept"], None, part["label"], part["value"],
                )  # fmt: skip


def test_every_cell_has_the_records_value_raw_and_semantic(exported: Path, records: list[dict[str, Any]]) -> None:
    got = {
        (r["record_id"], r["table_name"], r["row_name"], r["column_name"]): (r["value"], r["raw"], r["semantic"])
        for r in _read(exported, "cells").to_pylist()
    }
    want = {
        (record["record_id"], block, row, column): (cell["value"], cell["raw"], cell["semantic"])
        for record in records
        for block, row, column, cell in _cells(record)
    }
    assert got == want


def test_a_blank_cell_is_null_not_zero(exported: Path, records: list[dict[str, Any]]) -> None:
    [blanked] = [r["record_id"] for r in records if r["source"]["key"] == EDITED]
    query = (
        f"SELECT value, raw, semantic FROM t WHERE record_id = '{blanked}' AND table_name = 'requests' "
        "AND row_name = 'carried_over' AND column_name = 'commercial_enterprise'"
    )
    assert _sql(exported, "cells", query) == [(None, "", "blank")]
    assert _sql(exported, "cells", "SELECT count(*) FROM t WHERE semantic = 'blank' AND value IS NOT NULL") == [(0,)]
    assert _sql(exported, "cells", "SELECT count(*) FROM t WHERE semantic = 'zero' AND value = 0") != [(0,)]


def test_reports_carry_meta_dates_and_counts(exported: Path, records: list[dict[str, Any]]) -> None:
    rows = {r["record_id"]: r for r in _read(exported, "reports").to_pylist()}
    for record in records:
        row, meta = rows[record["record_id"]], record["meta"]
        assert (row["key"], row["report_year"], row["template"]) == (
            record["source"]["key"], meta["report_year"], meta["template"],
        )  # fmt: skip
        assert row["published_date"] == datetime.date.fromisoformat(meta["published_date"])
        assert (row["n_sections"], row["n_facts"], row["n_checks"]) == tuple(
            len(record[k]) for k in ("sections", "facts", "checks")
        )
        assert row["n_cells"] == sum(1 for _ in _cells(record))
        assert row["n_failed"] == sum(c["status"] == "fail" for c in record["checks"])


def test_checks_keep_rule_status_and_operands(exported: Path, records: list[dict[str, Any]]) -> None:
    got = {(r["record_id"], r["position"]): r for r in _read(exported, "checks").to_pylist()}
    for record in records:
        for i, check in enumerate(record["checks"]):
            row = got[(record["record_id"], i)]
            assert (row["rule"], row["severity"], row["status"], row["message"]) == tuple(
                check[k] for k in ("rule", "severity", "status", "message")
            )
            for side in ("expected", "actual"):
                value = check[side]
                assert row[f"{side}_text" if isinstance(value, str) else side] == value
            assert json.loads(row["evidence"]) == check["evidence"]


def test_sections_keep_heading_number_kinds_and_offsets(exported: Path, records: list[dict[str, Any]]) -> None:
    got = {(r["record_id"], r["position"]): r for r in _read(exported, "sections").to_pylist()}
    for record in records:
        for i, s in enumerate(record["sections"]):
            row = got[(record["record_id"], i)]
            assert (row["heading"], row["number"], row["kinds"].split(","), row["start_offset"], row["end_offset"]) == (
                s["heading"], s["number"], s["kinds"], s["start"], s["end"],
            )  # fmt: skip


def test_batch_boundaries_change_nothing(jsonl: Path, tmp_path: Path) -> None:
    one, many = tmp_path / "one", tmp_path / "many"
    export(read_jsonl([str(jsonl)]), one, "parquet", batch_records=1)
    export(read_jsonl([str(jsonl)]), many, "parquet")
    for table in TABLES:
        assert pq.read_table(one / f"{table}.parquet").equals(pq.read_table(many / f"{table}.parquet")), table


def test_a_record_seen_twice_is_exported_once(jsonl: Path, tmp_path: Path) -> None:
    summary = export(read_jsonl([str(jsonl), str(jsonl)]), tmp_path, "parquet")
    lines = len(jsonl.read_text(encoding="utf-8").splitlines())
    assert (summary.records, summary.duplicates) == (lines, lines)
    assert pq.read_table(tmp_path / "reports.parquet").num_rows == lines


def test_no_records_give_empty_tables_with_their_columns(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    export(read_jsonl([str(empty)]), tmp_path / "out", "parquet")
    for table, (schema, _) in TABLES.items():
        got = pq.read_table(tmp_path / "out" / f"{table}.parquet")
        assert got.num_rows == 0 and got.schema == schema


def _with_bad_line(jsonl: Path, tmp_path: Path) -> Path:
    bad = tmp_path / "bad.jsonl"
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join([lines[0], '{"record_id": "x"', *lines[1:]]) + "\n", encoding="utf-8")
    return bad


def test_a_malformed_line_stops_the_export_naming_file_and_line_and_keeps_the_last_export(
    jsonl: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    export(read_jsonl([str(jsonl)]), out, "parquet")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(InvalidRecord, match=r"bad\.jsonl:2: not a record: Invalid JSON"):
        export(read_jsonl([str(_with_bad_line(jsonl, tmp_path))]), out, "parquet")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temporary file left either


def test_skipping_malformed_lines_counts_them(jsonl: Path, tmp_path: Path) -> None:
    skipped: list[InvalidRecord] = []
    summary = export(read_jsonl([str(_with_bad_line(jsonl, tmp_path))]), tmp_path / "out", "csv", skipped.append)
    assert summary.skipped == 1 and [e.where for e in skipped] == [f"{tmp_path / 'bad.jsonl'}:2"]
    assert summary.records == summary.rows["reports"] == len(jsonl.read_text(encoding="utf-8").splitlines())


def gongkai(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workers.cli", *args],
        input=stdin, capture_output=True, text=True, timeout=60, cwd=REPO, env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_the_command_exports_what_gongkai_process_prints(tmp_path: Path) -> None:
    processed = gongkai("process", *(str(SAMPLES / name) for name in REPORTS))
    assert processed.returncode == 0
    for fmt in ("parquet", "csv"):
        done = gongkai("export", "--out", str(tmp_path / fmt), "--format", fmt, "-", stdin=processed.stdout)
        assert done.returncode == 0, done.stderr
        summary = json.loads(done.stdout)
        assert summary["records"] == len(REPORTS) and summary["rows"]["reports"] == len(REPORTS)
        assert sorted(p.name for p in (tmp_path / fmt).iterdir()) == sorted(f"{t}.{fmt}" for t in TABLES)


def test_the_command_names_a_bad_line_in_one_line_and_writes_nothing(jsonl: Path, tmp_path: Path) -> None:
    bad = _with_bad_line(jsonl, tmp_path)
    done = gongkai("export", "--out", str(tmp_path / "out"), str(bad))
    assert done.returncode == EXIT_FAILURES
    assert done.stderr.count("\n") == 1 and f"{bad}:2: not a record" in done.stderr
    assert not list((tmp_path / "out").iterdir())


def test_the_command_wants_files_or_the_stream(tmp_path: Path) -> None:
    assert gongkai("export", "--out", str(tmp_path)).returncode == 2
    assert gongkai("export", "--out", str(tmp_path), "--stream", "x.jsonl").returncode == 2
    missing = gongkai("export", "--out", str(tmp_path), str(tmp_path / "absent.jsonl"))
    assert missing.returncode == 2 and "absent.jsonl" in missing.stderr


def test_the_stream_unreachable_is_one_line_and_exit_code_4(tmp_path: Path) -> None:
    done = gongkai("export", "--stream", "--out", str(tmp_path / "out"), env={"GONGKAI_REDIS_URL": "redis://127.0.0.1:9/0"})
    assert done.returncode == EXIT_UNAVAILABLE
    assert done.stderr.strip().count("\n") == 0 and "redis_unavailable" in done.stderr
    assert not list((tmp_path / "out").iterdir())
