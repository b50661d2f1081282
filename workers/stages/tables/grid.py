"""Grids (HTML, DOCX, PDF tables by cell position) to rows, with the header texts above each value.

Spanned cells arrive repeated into every covered position, so a group label (三、本年度办理结果)
stands in each of its rows and a header (法人或其他组织) over each of its columns.
"""

from __future__ import annotations

import re

from schemas import Document, Grid
from workers.stages.tables.cells import clean, is_number, is_value
from workers.stages.tables.labels import applicant_column, compact, proactive_row, request_row, strip_ordinal
from workers.stages.tables.rows import Row

_COLUMN_WORDS = re.compile(r"数量|件数|金额|增/?减|维持|纠正|审结|信息内容")


def grid_rows(doc: Document) -> list[Row]:
    rows: list[Row] = []
    header: dict[int, list[str]] = {}
    width = 0
    for grid in doc.grids:
        offsets = _row_offsets(doc.text, grid)
        cells_width = max((len(r) for r in grid.rows), default=0)
        if cells_width != width:
            header = {}  # a continuation on the next page keeps its header only when the shape matches
        width = cells_width
        in_header = False
        for i, cells in enumerate(grid.rows):
            start, end = offsets[i]
            if _is_header(cells):
                if not in_header:
                    header = {}
                in_header = True
                for j, c in enumerate(cells):
                    text = clean(c)
                    if text and (not header.get(j) or header[j][-1] != text):
                        header.setdefault(j, []).append(text)
                rows.append(Row(labels=_dedupe(cells), values=[], start=start, end=end, from_grid=True))
                continue
            in_header = False
            rows.append(_data_row(cells, header, start, end))
    return rows


def _data_row(cells: list[str], header: dict[int, list[str]], start: int, end: int) -> Row:
    last_label = max((i for i, c in enumerate(cells) if not is_value(c)), default=-1)
    labels = _dedupe(cells[: last_label + 1])
    idx = list(range(last_label + 1, len(cells)))
    shift = _ragged_shift(cells, idx, header)
    return Row(
        labels=labels,
        values=[cells[i].strip() for i in idx[: len(idx) - shift]],
        start=start,
        end=end,
        columns=[header.get(i + shift, []) for i in idx[: len(idx) - shift]],
        from_grid=True,
    )


def _ragged_shift(cells: list[str], idx: list[int], header: dict[int, list[str]]) -> int:
    """How far a row sits left of its header: a table continued in a second <table> loses the cells spanned
    down from the first (三、本年度办理结果), so its rows start early and end in padding."""
    if not header:
        return 0
    shift = 0
    while shift < len(idx) and not _names_column(header.get(idx[shift], [])):
        shift += 1
    if not shift or not any(cells[i].strip() for i in idx[:shift]):
        return 0
    return shift if all(not cells[i].strip() for i in idx[len(idx) - shift :]) else 0


def _names_column(heads: list[str]) -> bool:
    return any(applicant_column(h) or _COLUMN_WORDS.search(clean(h)) for h in heads)


def _is_header(cells: list[str]) -> bool:
    if any(is_number(c) for c in cells):
        return False
    distinct = _dedupe(cells)
    if distinct and _names_template_row(distinct[-1]):
        return False  # a template row printed with every cell blank is data, not a header
    return len(distinct) >= 3 or any(applicant_column(c) or _COLUMN_WORDS.search(clean(c)) for c in distinct)


def _names_template_row(label: str) -> bool:
    """Whether a label is a row of table 二 or 三 ("2.其他法律行政法规禁止公开", "(七)总计", "规章"): numbered row
    labels are never column headers, and table 二's row words are none either."""
    s = compact(label)
    if strip_ordinal(s) != s:
        return bool(request_row(s) or proactive_row(s))
    return bool(proactive_row(s)) and not _COLUMN_WORDS.search(s)


def _dedupe(cells: list[str]) -> list[str]:
    out: list[str] = []
    for c in cells:
        text = c.strip()
        if text and not is_value(text) and (not out or clean(out[-1]) != clean(text)):
            out.append(text)
    return out


def _row_offsets(text: str, grid: Grid) -> list[tuple[int, int]]:
    """Where each grid row is rendered ("| a | b |" lines), so regions found in the text cut grids too."""
    spans: list[tuple[int, int]] = []
    pos = grid.start
    for line in text[grid.start : grid.end].splitlines(keepends=True):
        if line.lstrip().startswith("|") and not set(line.strip()) <= set("|-: "):
            spans.append((pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    if len(spans) == len(grid.rows):
        return spans
    return [(grid.start + i, grid.start + i + 1) for i in range(len(grid.rows))]
