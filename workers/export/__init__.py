"""`gongkai export`: records as flat tables for analysis, one file per table (Parquet or CSV).

Tables, each with the record id on every row: `reports` (source, meta and counts), `sections`, `facts` (a
breakdown's parts as rows of their own), `cells` (the template tables, one row per cell) and `checks`.
Records go through in batches, so memory does not grow with the number of records: only the record ids
seen so far are kept, to export a record that turns up twice (concatenated runs) once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from schemas import Record
from workers.export.sources import InvalidRecord, read_jsonl, read_stream
from workers.export.tables import TABLES, Row
from workers.export.writers import Format, TableFiles

__all__ = ["TABLES", "ExportSummary", "InvalidRecord", "export", "read_jsonl", "read_stream"]

BATCH_RECORDS = 1000


@dataclass
class ExportSummary:
    records: int = 0
    duplicates: int = 0
    skipped: int = 0
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    files: list[Path] = field(default_factory=list)


def export(
    items: Iterable[Record | InvalidRecord],
    out: Path,
    fmt: Format = "parquet",
    on_invalid: Callable[[InvalidRecord], None] | None = None,
    batch_records: int = BATCH_RECORDS,
) -> ExportSummary:
    """Writes every table under `out`. An input that is not a record raises InvalidRecord and leaves no
    table file behind, unless `on_invalid` is given: then it is handed the error, skipped and counted."""
    summary = ExportSummary()
    seen: set[str] = set()
    pending: dict[str, list[Row]] = {name: [] for name in TABLES}
    with TableFiles(out, fmt, {name: schema for name, (schema, _) in TABLES.items()}) as files:
        for item in items:
            if isinstance(item, InvalidRecord):
                if on_invalid is None:
                    raise item
                on_invalid(item)
                summary.skipped += 1
                continue
            if item.record_id in seen:
                summary.duplicates += 1
                continue
            seen.add(item.record_id)
            for name, (_, rows) in TABLES.items():
                pending[name].extend(rows(item))
            summary.records += 1
            if summary.records % batch_records == 0:
                _flush(files, pending, summary)
        _flush(files, pending, summary)
        summary.files = files.commit()
    return summary


def _flush(files: TableFiles, pending: dict[str, list[Row]], summary: ExportSummary) -> None:
    for name, rows in pending.items():
        if not rows:
            continue
        schema = TABLES[name][0]
        columns = [pa.array(col, type=f.type) for col, f in zip(zip(*rows, strict=True), schema, strict=True)]
        files.write(name, pa.RecordBatch.from_arrays(columns, schema=schema))
        summary.rows[name] += len(rows)
        rows.clear()
