"""Tables flattened into text: turn lines back into rows.

Layouts seen in the field: `a | b | c |` rows and markdown pipes, one cell per line (with lone `|`
for blank cells and `||` padding), labels and numbers on separate lines (PDF text order), group
labels merged into the first row, and vertical group labels (三/、/本/年/度) interleaved with rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from workers.stages.tables.cells import clean, is_value
from workers.stages.tables.rows import Row

LineKind = Literal["label", "row", "cell", "pad"]
_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_PAGE_NUMBER = re.compile(r"^[-—–]\s*\d+\s*[-—–]$|^第\s*\d+\s*页(共\s*\d+\s*页)?$")
_MAX_LABEL = 80


@dataclass
class Line:
    kind: LineKind
    labels: list[str]
    values: list[str]
    start: int
    end: int


def split_lines(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> list[Line]:
    """Classify every line of text[start:end] that lies outside the `skip` spans (grids)."""
    out: list[Line] = []
    pos = start
    for raw in text[start:end].splitlines(keepends=True):
        line_start, pos = pos, pos + len(raw)
        if any(a <= line_start < b for a, b in skip):
            continue
        line = _classify(raw.strip(), line_start, line_start + len(raw.rstrip("\r\n")))
        if line:
            out.append(line)
    return out


def _classify(s: str, start: int, end: int) -> Line | None:
    if not s or _SEPARATOR.match(s) or _PAGE_NUMBER.match(s):
        return None
    if "|" in s:
        if s == "|":
            return Line("cell", [], [""], start, end)
        if not s.strip("|").strip():
            return Line("pad", [], [], start, end)
        cells = s.split("|")
        if s.startswith("|"):
            cells = cells[1:]
        if s.endswith("|"):
            cells = cells[:-1]
        return _from_cells([c.strip() for c in cells], start, end)
    tokens = s.split()
    k = len(tokens)
    while k > 0 and is_value(tokens[k - 1]):
        k -= 1
    return _from_cells([" ".join(tokens[:k]), *tokens[k:]] if k else tokens, start, end)


def _from_cells(cells: list[str], start: int, end: int) -> Line | None:
    last_label = max((i for i, c in enumerate(cells) if not is_value(c)), default=-1)
    labels = [c for c in cells[: last_label + 1] if c and not is_value(c)]
    values = cells[last_label + 1 :]
    if labels and not values:
        return Line("label", labels, [], start, end)
    if not labels and len(values) == 1:
        return Line("cell", [], values, start, end)
    if not values:
        return None
    return Line("row", labels, values, start, end)


def to_rows(lines: list[Line]) -> list[Row]:
    """Group lines into rows; one cell per line is grouped under its label, other rows stand alone."""
    cells_mode = sum(ln.kind == "cell" for ln in lines) > sum(ln.kind == "row" and len(ln.values) > 1 for ln in lines)
    rows: list[Row] = []
    pending: list[str] = []
    current: Row | None = None
    for ln in lines:
        if ln.kind == "pad":
            continue
        if ln.kind == "label":
            current = None
            if _is_fragment(ln.labels):
                continue
            pending = [*pending, *ln.labels][-6:]
            continue
        if ln.kind == "cell" and cells_mode:
            if current is None:
                current = Row(labels=pending, values=[], start=ln.start, end=ln.end, strong=bool(pending))
                rows.append(current)
                pending = []
            current.values.extend(ln.values)
            current.end = ln.end
            continue
        current = None
        strong = bool(ln.labels) or (cells_mode and bool(pending))
        labels = ln.labels or pending
        rows.append(Row(labels=labels, values=list(ln.values), start=ln.start, end=ln.end, strong=strong))
        pending = []
    return rows


def _is_fragment(labels: list[str]) -> bool:
    # Vertical group labels print one glyph per line (三 / 、 / 本 / 年 / 度); they name no row.
    text = clean("".join(labels))
    return len(text) <= 1 or len(text) > _MAX_LABEL
