"""pdfplumber's table finder with its cell search indexed. pdfplumber's `intersections_to_cells` scans every later
crossing for each crossing and rebuilds the sets of edges through two crossings on every comparison: a fifth of
the cost of reading a PDF report with tables. The cells found here are the same ones, in the same order
(tests/unit/test_normalize_pdf_finder.py holds the two side by side)."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from typing import Any

from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections

Point = tuple[float, float]
Bbox = tuple[float, float, float, float]


def _bboxes(edges: list[dict[str, Any]]) -> frozenset[Bbox]:
    return frozenset((e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges)


def intersections_to_cells(intersections: dict[Point, dict[str, list[dict[str, Any]]]]) -> list[Bbox]:
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
    """TableFinder's own steps (pdfplumber 0.11), with the indexed cell search."""

    def __init__(self, page: Any, settings: dict[str, Any] | None = None) -> None:
        self.page = page
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance
        )
        self.cells = intersections_to_cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]
