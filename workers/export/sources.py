"""Where records come from: JSON lines files (what `gongkai process` and `gongkai consume` print) or the
records stream itself, read without a consumer group so an export takes nothing from any consumer."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

import redis
from pydantic import ValidationError

from schemas import Record
from workers import names
from workers.streams import Streams


class InvalidRecord(ValueError):
    """An input line or stream entry that is not a record; `where` is FILE:LINE or the stream entry."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: not a record: {reason}")
        self.where = where


def parse(raw: bytes, where: str) -> Record | InvalidRecord:
    try:
        return Record.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(map(str, first["loc"]))
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        return InvalidRecord(where, f"{loc + ': ' if loc else ''}{first['msg']}{more}")


def read_jsonl(paths: Iterable[str]) -> Iterator[Record | InvalidRecord]:
    """Records of each file in turn ('-' is stdin); blank lines are skipped, bad ones yielded as errors."""
    for path in paths:
        if path == "-":
            yield from _lines(sys.stdin.buffer, "<stdin>")
            continue
        with open(path, "rb") as f:
            yield from _lines(f, path)


def _lines(f: BinaryIO, name: str) -> Iterator[Record | InvalidRecord]:
    for n, line in enumerate(f, 1):
        if line.strip():
            yield parse(line, f"{name}:{n}")


def read_stream(client: redis.Redis, batch: int = 500) -> Iterator[Record | InvalidRecord]:
    """Every record on the stream up to the last entry there when the export started (XRANGE, in batches),
    so an export while workers publish still ends, on a snapshot."""
    streams = Streams(client)
    end = streams.last_entry(names.RECORDS_STREAM)
    if end is None:
        return
    for eid, fields in streams.entries(names.RECORDS_STREAM, batch, end):
        where = f"{names.RECORDS_STREAM} entry {eid}"
        raw = fields.get(b"record")
        yield parse(raw, where) if raw is not None else InvalidRecord(where, "no `record` field")
