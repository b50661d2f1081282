"""`gongkai view`: record JSON lines in, a folder of static pages out (index.html, <record_id>.html, assets/).

Records are read and written one at a time, so a long list costs the memory of one record plus the index rows.
A line that is not a record is reported and skipped, never the end of the run.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from schemas import Record
from workers.view.assets import ASSETS
from workers.view.index import Summary, render_index
from workers.view.page import page_name, render_report


@dataclass
class Built:
    pages: int = 0
    problems: list[str] = field(default_factory=list)


def build(out: Path, sources: list[str]) -> Built:
    """Pages for the records in `sources` (files of JSON lines; "-" is stdin); the same id twice keeps the last."""
    (out / "assets").mkdir(parents=True, exist_ok=True)
    for name, (_, body) in ASSETS.items():
        (out / "assets" / name).write_text(body, encoding="utf-8")
    built = Built()
    summaries: dict[str, Summary] = {}
    for where, line in _lines(sources, built):
        try:
            record = Record.model_validate_json(line)
        except ValidationError as exc:
            built.problems.append(f"{where}: not a record ({exc.error_count()} problems, first: {_first(exc)})")
            continue
        page = page_name(record.record_id)
        if page is None:
            built.problems.append(f"{where}: record id {record.record_id[:80]!r} cannot name a file")
            continue
        (out / page).write_text(render_report(record), encoding="utf-8")
        summaries.pop(record.record_id, None)  # a later copy of a record takes its place at the end
        summaries[record.record_id] = Summary.of(record)
    built.pages = len(summaries)
    (out / "index.html").write_text(render_index(list(summaries.values())), encoding="utf-8")
    return built


def _lines(sources: list[str], built: Built) -> Iterator[tuple[str, str]]:
    for source in sources:
        if source == "-":
            yield from _numbered("stdin", sys.stdin)
            continue
        try:
            with open(source, encoding="utf-8") as f:
                yield from _numbered(source, f)
        except (OSError, UnicodeDecodeError) as exc:
            built.problems.append(f"{source}: {exc}")


def _numbered(name: str, lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    for number, line in enumerate(lines, 1):
        if line.strip():
            yield f"{name}:{number}", line


def _first(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return f"{'.'.join(map(str, err['loc'])) or 'line'}: {err['msg']}"
