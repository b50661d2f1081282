"""pdfplumber's table finder with its three searches indexed. pdfplumber's `intersections_to_cells` scans every
later crossing for each crossing and rebuilds the sets of edges through two crossings on every comparison (a
fifth of the cost of reading a PDF report with tables); `edges_to_intersections` tests every vertical rule
against every horizontal one, and `cells_to_tables` rescans every remaining cell on every pass (on a real
18-page report with dozens of ruled boxes a page, a fifth of its time between them). The crossings, cells and
tables found here are the same ones, in the same order (tests/unit/test_normalize_pdf_finder.py holds them side
by side with pdfplumber's)."""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import defaultdict
from operator import itemgetter
from typing import Any

from pdfplumber.table import Table, TableFinder, TableSettings
from pdfplumber.table import cells_to_tables as _scanning_cells_to_tables
from pdfplumber.table import edges_to_intersections as _testing_every_pair

Point = tuple[float, float]
Bbox = tuple[float, float, float, float]


Intersections = dict[Point, dict[str, list[dict[str, Any]]]]


def edges_to_intersections(edges: list[dict[str, Any]], x_tolerance: float, y_tolerance: float) -> Intersections:
    """Where vertical and horizontal rules cross: each vertical rule is tested, by pdfplumber's own test, only
    against the horizontal rules in a band around its span, found by bisection."""
    verticals = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    horizontals = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    tops = [h["top"] for h in horizontals]
    if any(t != t for t in tops):  # NaN leaves the rules unsorted, and bisection blind (no real page has it)
        return _testing_every_pair(edges, x_tolerance, y_tolerance)
    intersections: Intersections = {}
    for v in verticals:
        # The band's ends are computed as the test computes them (top + tolerance, top - tolerance), so that
        # rounding cannot set them apart, even where floats are a unit or more apart.
        lo = bisect_left(tops, v["top"], key=lambda t: t + y_tolerance)
        hi = bisect_right(tops, v["bottom"], key=lambda t: t - y_tolerance)
        for h in horizontals[lo:hi]:
            if (
                (v["top"] <= (h["top"] + y_tolerance))
                and (v["bottom"] >= (h["top"] - y_tolerance))
                and (v["x0"] >= (h["x0"] - x_tolerance))
                and (v["x0"] <= (h["x1"] + x_tolerance))
            ):
                crossing = intersections.setdefault((v["x0"], h["top"]), {"v": [], "h": []})
                crossing["v"].append(v)
                crossing["h"].append(h)
    return intersections


def cells_to_tables(cells: list[Bbox]) -> list[list[Bbox]]:
    """Cells sharing corners grouped into tables as pdfplumber groups them. pdfplumber scans the remaining cells
    in order, pass after pass, a cell joining the table when it touches a corner of the table so far; a table
    closes after a pass adds nothing. The same passes are played here over the cells touching the table's
    corners only: a cell found behind the scan waits for the next pass, one ahead of it joins in this one."""
    # pdfplumber removes a repeated cell's first copy, wherever the scan is: not worth imitating, and the finder
    # never repeats one (a cell per top-left crossing).
    if len(set(cells)) != len(cells):
        return _scanning_cells_to_tables(cells)
    at: dict[Point, list[int]] = defaultdict(list)
    for k, (x0, top, x1, bottom) in enumerate(cells):
        for corner in {(x0, top), (x0, bottom), (x1, top), (x1, bottom)}:
            at[corner].append(k)
    found: set[int] = set()  # every cell of the tables so far, and those queued for the one at hand
    tables: list[list[Bbox]] = []
    start = 0
    while start < len(cells):
        table: list[Bbox] = []
        corners: set[Point] = set()
        found.add(start)
        this_pass: list[int] = [start]
        next_pass: list[int] = []
        while this_pass:  # pass after pass, until one adds nothing
            while this_pass:  # this pass's cells, in the scan's order
                k = heapq.heappop(this_pass)
                table.append(cells[k])
                x0, top, x1, bottom = cells[k]
                for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
                    if corner in corners:
                        continue
                    corners.add(corner)
                    for m in at[corner]:
                        if m not in found:  # (a cell of an earlier table would have joined that one)
                            found.add(m)
                            heapq.heappush(this_pass if m > k else next_pass, m)
            this_pass, next_pass = next_pass, []
        tables.append(table)
        while start in found:  # a table closes with every cell it found placed
            start += 1
    ordered = sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in ordered if len(t) > 1]


def _bboxes(edges: list[dict[str, Any]]) -> frozenset[Bbox]:
    return frozenset((e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges)


def intersections_to_cells(intersections: Intersections) -> list[Bbox]:
    """For each crossing in (x, top) order, the smallest cell whose top left it is: the first crossing below it
    and the first to its right (nearest first) joined to it by a rule, whose corner opposite is a crossing joined
    to both."""
    vertical = {p: _bboxes(i["v"]) for p, i in intersections.items()}
    horizontal = {p: _bboxes(i["h"]) for p, i in intersections.items()}

    def connects(p: Point, q: Point) -> bool:
        return (p[0] == q[0] and not vertical[p].isdisjoint(vertical[q])) or (
            p[1] == q[1] and not horizontal[p].isdisjoint(horizontal[q])
        )

    points = sorted(intersections)
    column: dict[float, list[Point]] = defaultdict(list)  # by x, top ascending
    row: dict[float, list[Point]] = defaultdict(list)  # by top, x ascending
    for p in points:
        column[p[0]].append(p)
        row[p[1]].append(p)
    cells: list[Bbox] = []
    for pt in points:
        below = column[pt[0]]
        below = below[bisect_right(below, pt) :]
        right = row[pt[1]]
        right = right[bisect_right(right, pt) :]
        cell = _smallest(pt, below, right, intersections, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(pt: Point, below: list[Point], right: list[Point], intersections: Any, connects: Any) -> Bbox | None:
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            if not connects(pt, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                return (pt[0], pt[1], corner[0], corner[1])
    return None


class Finder(TableFinder):
    """TableFinder's own steps (pdfplumber 0.11), with the indexed searches."""

    def __init__(self, page: Any, settings: dict[str, Any] | None = None) -> None:
        self.page = page
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance
        )
        self.cells = intersections_to_cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]
