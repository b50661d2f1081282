"""HTML tables: tell data tables from layout tables, and resolve rowspan/colspan into a full grid."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from .blocks import Table

# Hostile spans ("colspan=100000") must not make a grid of a billion cells.
_MAX_SPAN = 64
_MAX_COLS = 128
_MAX_ROWS = 2000
_SPACE = re.compile(r"\s+")


def own_rows(table: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The table's own <tr> elements (directly or in thead/tbody/tfoot), not those of nested tables."""
    rows: list[lxml_html.HtmlElement] = []
    for child in table:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if isinstance(c.tag, str) and c.tag == "tr")
    return rows[:_MAX_ROWS]


def _cells(row: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    return [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]


def is_data_table(table: lxml_html.HtmlElement) -> bool:
    """A grid of short cells; pages that lay themselves out with tables put whole articles in one cell."""
    rows = own_rows(table)
    if len(rows) < 2 or max((len(_cells(r)) for r in rows), default=0) < 2:
        return False
    if table.find(".//table") is not None:
        return False
    return all(len(cell.text_content()) < 400 for row in rows for cell in _cells(row))


def _span(cell: lxml_html.HtmlElement, name: str) -> int:
    try:
        return max(1, min(_MAX_SPAN, int(str(cell.get(name, "1")).strip() or "1")))
    except ValueError:
        return 1


def cell_text(cell: lxml_html.HtmlElement) -> str:
    return _SPACE.sub(" ", cell.text_content()).strip()


def to_grid(table: lxml_html.HtmlElement) -> Table:
    """Every slot a merged cell covers repeats its text in `rows`; `shown` keeps it in the first slot only."""
    filled: dict[tuple[int, int], tuple[str, bool]] = {}
    rows = own_rows(table)
    for r, row in enumerate(rows):
        c = 0
        for cell in _cells(row):
            while (r, c) in filled:
                c += 1
            if c >= _MAX_COLS:
                break
            text = cell_text(cell)
            for dr in range(_span(cell, "rowspan")):
                for dc in range(_span(cell, "colspan")):
                    if r + dr < len(rows) and c + dc < _MAX_COLS:
                        filled.setdefault((r + dr, c + dc), (text, dr == 0 and dc == 0))
            c += _span(cell, "colspan")
    width = max((c for _, c in filled), default=-1) + 1
    grid = [[filled.get((r, c), ("", False)) for c in range(width)] for r in range(len(rows))]
    return Table(
        rows=[[text for text, _ in row] for row in grid],
        shown=[[text if first else "" for text, first in row] for row in grid],
    )
