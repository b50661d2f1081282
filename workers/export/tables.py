"""The flat tables of an export: one Arrow schema each, and the rows one record gives them.

Rows are tuples in schema order (a report of the template era gives a few hundred of them, so no dict per
row); `tests/unit/test_export.py` holds every row to its schema. What the record leaves out is a null,
never 0: a blank table cell stays distinguishable from a zero.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pyarrow as pa
from pydantic import TypeAdapter

from schemas import Cell, Record
from schemas.checks import CheckEvidence

Row = tuple[Any, ...]

_STR, _INT, _NUM, _BOOL, _DATE = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.date32()


def _required(name: str, kind: pa.DataType) -> pa.Field:
    """A column the record always fills; the others are nullable, and a null there means "not in the record"."""
    return pa.field(name, kind, nullable=False)


# Column names avoid SQL's reserved words (table, column, end), so queries need no quoting.
REPORTS = pa.schema(
    [
        _required("record_id", _STR),
        _required("schema_version", _STR),
        _required("pipeline_version", _STR),
        ("bucket", _STR),
        _required("key", _STR),
        ("version_id", _STR),
        ("etag", _STR),
        _required("size", _INT),
        _required("sha256", _STR),
        ("content_type", _STR),
        _required("detected_format", _STR),
        ("encoding", _STR),
        ("title", _STR),
        ("report_year", _INT),
        ("publisher", _STR),
        ("published_date", _DATE),
        ("written_date", _DATE),
        ("index_no", _STR),
        _required("template", _STR),
        _required("script", _STR),
        _required("year_sources", _STR),  # JSON object: where a year was read -> the year it says
        _required("timings_ms", _STR),  # JSON object: stage -> milliseconds
        _required("text_chars", _INT),
        _required("n_sections", _INT),
        _required("n_facts", _INT),  # facts only; their parts are rows of `facts` too, but not counted here
        _required("n_cells", _INT),
        _required("n_checks", _INT),
        _required("n_failed", _INT),  # checks with status fail
    ]
)
SECTIONS = pa.schema(
    [
        _required("record_id", _STR),
        _required("position", _INT),
        _required("heading", _STR),
        ("number", _INT),
        _required("kinds", _STR),  # comma-separated: a list column would not survive CSV
        _required("start_offset", _INT),
        _required("end_offset", _INT),
    ]
)
FACTS = pa.schema(
    [
        _required("record_id", _STR),
        _required("position", _INT),  # the fact's place in the record; its parts share it
        ("part", _INT),  # the part's place in the breakdown; null on the fact's own row
        ("parent", _STR),  # on a part: the concept it breaks down
        ("concept", _STR),  # null on a part, so a sum over a concept never counts a breakdown twice
        ("label", _STR),  # on a part: its label as written
        ("value", _NUM),
        _required("unit", _STR),
        ("approx", _BOOL),  # null on a part: the record says nothing of a part's precision
        _required("quote", _STR),
        _required("start_offset", _INT),
        _required("end_offset", _INT),
    ]
)
CELLS = pa.schema(
    [
        _required("record_id", _STR),
        _required("table_name", _STR),  # proactive, requests, review_litigation, extra_rows
        _required("row_name", _STR),
        _required("column_name", _STR),
        ("value", _NUM),
        _required("raw", _STR),
        _required("semantic", _STR),
        ("split_suggested", _NUM),  # 拆格: the value a merge with the next cell would give (PDF reports)
    ]
)
CHECKS = pa.schema(
    [
        _required("record_id", _STR),
        _required("position", _INT),
        _required("rule", _STR),
        _required("severity", _STR),
        _required("status", _STR),
        _required("message", _STR),
        ("scope", _STR),
        _required("lenient", _BOOL),
        ("expected", _NUM),  # numeric operands here; others (dates) in the _text columns
        ("actual", _NUM),
        ("expected_text", _STR),
        ("actual_text", _STR),
        _required("evidence", _STR),  # JSON list of {cell, raw} or {start, end, quote}, as in the record
    ]
)

_BLOCKS = ("proactive", "requests", "review_litigation", "extra_rows")
_evidence_json = TypeAdapter(list[CheckEvidence])


def _cells_of(r: Record) -> Iterator[tuple[str, str, str, Cell]]:
    for name in _BLOCKS:
        for row, columns in (getattr(r.tables, name) or {}).items():
            for column, cell in columns.items():
                yield name, row, column, cell


def _cell_count(r: Record) -> int:
    return sum(len(columns) for name in _BLOCKS for columns in (getattr(r.tables, name) or {}).values())


def report_rows(r: Record) -> Iterator[Row]:
    s, m = r.source, r.meta
    yield (
        r.record_id, r.schema_version, r.pipeline.version,
        s.bucket, s.key, s.version_id, s.etag, s.size, s.sha256, s.content_type, s.detected_format, s.encoding,
        m.title, m.report_year, m.publisher, m.published_date, m.written_date, m.index_no, m.template, m.script,
        json.dumps(m.year_sources), json.dumps(r.pipeline.timings_ms), len(r.text),
        len(r.sections), len(r.facts), _cell_count(r), len(r.checks),
        sum(1 for c in r.checks if c.status == "fail"),
    )  # fmt: skip


def section_rows(r: Record) -> Iterator[Row]:
    for i, s in enumerate(r.sections):
        yield r.record_id, i, s.heading, s.number, ",".join(s.kinds), s.start, s.end


def fact_rows(r: Record) -> Iterator[Row]:
    for i, f in enumerate(r.facts):
        ev = f.evidence
        yield r.record_id, i, None, None, f.concept, None, f.value, f.unit, f.approx, ev.quote, ev.start, ev.end
        for k, p in enumerate(f.parts):
            # A part has no sentence of its own: it was read from its fact's, in its fact's unit.
            yield r.record_id, i, k, f.concept, None, p.label, p.value, f.unit, None, ev.quote, ev.start, ev.end


def cell_rows(r: Record) -> Iterator[Row]:
    splits = {s.path: s.suggested_value for s in r.tables.split_cells or []}
    for name, row, column, cell in _cells_of(r):
        split = splits.get(f"{name}.{row}.{column}")
        yield r.record_id, name, row, column, cell.value, cell.raw, cell.semantic, split


def check_rows(r: Record) -> Iterator[Row]:
    for i, c in enumerate(r.checks):
        evidence = _evidence_json.dump_json(c.evidence).decode()
        yield (
            r.record_id, i, c.rule, c.severity, c.status, c.message, c.scope, c.lenient,
            _number(c.expected), _number(c.actual), _text(c.expected), _text(c.actual), evidence,
        )  # fmt: skip


def _number(v: float | str | None) -> float | None:
    return None if v is None or isinstance(v, str) else v


def _text(v: float | str | None) -> str | None:
    return v if isinstance(v, str) else None


# Table name -> (schema, the rows a record gives it); the names are the export's file names.
TABLES: dict[str, tuple[pa.Schema, Callable[[Record], Iterator[Row]]]] = {
    "reports": (REPORTS, report_rows),
    "sections": (SECTIONS, section_rows),
    "facts": (FACTS, fact_rows),
    "cells": (CELLS, cell_rows),
    "checks": (CHECKS, check_rows),
}
