"""One file per table, Parquet or CSV, that appears under its own name only when the export succeeded."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from types import TracebackType
from typing import Literal, Protocol

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

Format = Literal["parquet", "csv"]


class _Writer(Protocol):
    def write_batch(self, batch: pa.RecordBatch) -> None: ...

    def close(self) -> None: ...


class TableFiles:
    """Writers for every table under DIR. Each writes to a hidden temporary file beside its final name and
    is renamed on `commit`; a failed or interrupted export removes them, so a half-written table never
    replaces (or looks like) a complete one."""

    def __init__(self, out: Path, fmt: Format, schemas: dict[str, pa.Schema]) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.final = {name: out / f"{name}.{fmt}" for name in schemas}
        self.temp = {name: out / f".{name}.{fmt}.{os.getpid()}.tmp" for name in schemas}
        self.writers: dict[str, _Writer] = {}
        try:
            for name, schema in schemas.items():
                path = str(self.temp[name])
                writer = pq.ParquetWriter if fmt == "parquet" else pa_csv.CSVWriter
                self.writers[name] = writer(path, schema)
        except BaseException:
            self.abort()
            raise

    def write(self, name: str, batch: pa.RecordBatch) -> None:
        self.writers[name].write_batch(batch)

    def commit(self) -> list[Path]:
        for w in self.writers.values():
            w.close()
        for name, temp in self.temp.items():
            os.replace(temp, self.final[name])
        return list(self.final.values())

    def abort(self) -> None:
        for w in self.writers.values():
            # The file is deleted next; the error that brought us here is the one worth reporting.
            with contextlib.suppress(Exception):
                w.close()
        for temp in self.temp.values():
            temp.unlink(missing_ok=True)

    def __enter__(self) -> TableFiles:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is not None:
            self.abort()
