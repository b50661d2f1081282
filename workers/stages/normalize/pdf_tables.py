"""Ruled tables in a PDF page (only on pages that draw ruling lines): pdfium's drawn rules go through pdfplumber's
table finder; each cell takes the characters whose midpoints it holds."""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium

from .blocks import Table
from .pdf_cells import PageChars, cell_texts
from .pdf_finder import Finder
from .pdf_rulings import page_rulings


@dataclass
class PlacedTable:
    table: Table
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom from the page top


class _Surface:
    """What pdfplumber's table finder reads of a page with the "lines" strategies: its box and its edges."""

    def __init__(self, page: pdfium.PdfPage, edges: list[dict[str, Any]]) -> None:
        self.bbox = (0, 0, page.get_width(), page.get_height())
        self.edges = edges


class CrossingBudget:
    """The table finder's cost grows faster than the square of the points where rules cross (100 x 100 crossing
    lines: 5 s a page; 160 x 160: 33 s). Real report tables have a few hundred crossings a page; the densest real
    page seen (a side-by-side comparison sheet) about 10,000. A page over the page limit, or every page once the
    document's budget is spent, keeps its text and loses only its table grid."""

    PAGE = 12_000
    DOCUMENT = 50_000

    def __init__(self) -> None:
        self.left = self.DOCUMENT

    def allows(self, edges: list[dict[str, Any]]) -> bool:
        n = crossings(edges)
        if n > self.PAGE or n > self.left:
            return False
        self.left -= n
        return True


def crossings(edges: list[dict[str, Any]]) -> int:
    """How many (horizontal, vertical) rule pairs cross on a page: one bisection per vertical rule."""
    horizontals = sorted((e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h")
    ys = [h[0] for h in horizontals]
    n = 0
    for e in edges:
        if e["orientation"] != "v":
            continue
        lo, hi = bisect_left(ys, e["top"] - 1), bisect_right(ys, e["bottom"] + 1)
        n += sum(1 for _, x0, x1 in horizontals[lo:hi] if x0 - 1 <= e["x0"] <= x1 + 1)
    return n


def page_tables(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str, number: int, budget: CrossingBudget | None = None
) -> list[PlacedTable]:
    """`text`: the page's characters, one per index (`pdf_cells.page_chars`)."""
    edges = page_rulings(page)
    if edges is None:
        return []
    verticals = [e for e in edges if e["orientation"] == "v"]
    if not verticals or (budget is not None and not budget.allows(edges)):
        return []
    # A table broken across pages has no closing rule at the page break; without one the cells there never close.
    closing = [min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)]
    found: list[PlacedTable] = []
    settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "explicit_horizontal_lines": closing}
    chars: PageChars | None = None  # read when the page turns out to hold a table
    for table in Finder(_Surface(page, edges), settings).tables:
        if chars is None:
            chars = PageChars(textpage, text, page.get_height())
        boxes = [cell for row in table.rows for cell in row.cells if cell]
        by_box = dict(zip(boxes, cell_texts(chars, boxes), strict=True))
        texts = [[by_box[cell] if cell else None for cell in row.cells] for row in table.rows]
        grid = _grid(table, texts)
        if grid is not None:
            rows, shown, columns = grid
            found.append(PlacedTable(Table(rows=rows, shown=shown, page=number, columns=columns), table.bbox))
    return found


def _edges(values: list[float]) -> list[float]:
    edges: list[float] = []
    for v in sorted(values):
        if not edges or v - edges[-1] > 1.5:
            edges.append(v)
    return edges


def _grid(
    table: Any, texts: list[list[str | None]]
) -> tuple[list[list[str]], list[list[str]], tuple[float, ...]] | None:
    """Resolve merged cells by position: every grid slot takes the text of the cell box covering its centre.
    One row of two or more cells is a table too (a header row left alone at a page foot)."""
    cells = [(cell, texts[i][j] or "") for i, row in enumerate(table.rows) for j, cell in enumerate(row.cells) if cell]
    xs = _edges([b[0] for b, _ in cells] + [b[2] for b, _ in cells])
    ys = _edges([b[1] for b, _ in cells] + [b[3] for b, _ in cells])
    if len(xs) < 3 or len(ys) < 2 or max(sum(1 for c in r.cells if c) for r in table.rows) < 2:
        return None
    rows: list[list[str]] = []
    shown: list[list[str]] = []
    seen: set[int] = set()
    for top, bottom in itertools.pairwise(ys):
        y = (top + bottom) / 2
        across = [(k, b) for k, (b, _) in enumerate(cells) if b[1] <= y <= b[3]]
        full: list[str] = []
        first: list[str] = []
        for left, right in itertools.pairwise(xs):
            x = (left + right) / 2
            hit = next((k for k, b in across if b[0] <= x <= b[2]), None)
            text = cells[hit][1] if hit is not None else ""
            full.append(text)
            first.append(text if hit is not None and hit not in seen else "")
            if hit is not None:
                seen.add(hit)
        rows.append(full)
        shown.append(first)
    return rows, shown, tuple(xs)
