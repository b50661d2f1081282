"""The text of each table cell by pdfplumber's rule: a character belongs to the cell box that holds its midpoint.
(pdfium's bounded-text reading takes any character touching the box: text spilling over a rule would count twice.)"""

from __future__ import annotations

import ctypes
import math
from bisect import bisect_left, bisect_right
from operator import itemgetter

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

Box = tuple[float, float, float, float]  # x0, top, x1, bottom, from the page top


def page_chars(textpage: pdfium.PdfTextPage) -> str:
    """The page's characters, one per index (a character outside the BMP is read code point by code point)."""
    count = textpage.count_chars()
    text: str = textpage.get_text_range()
    if len(text) != count:
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(count))
    return text


class PageChars:
    """A page's characters with their midpoints (top-down), read from pdfium once for all the page's tables: a page
    can hold dozens of small ruled boxes, and reading every character's box again for each cost a real 18-page
    report a fifth of its time. Spaces and line breaks carry no box; they count only between a cell's characters."""

    def __init__(self, textpage: pdfium.PdfTextPage, text: str, height: float) -> None:
        self.text = text
        # pdfium's own call with its four outputs made once: the wrapper's per-character allocations cost as much as
        # the rest of this loop.
        raw = textpage.raw
        left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        placed: list[tuple[float, int, float]] = []  # (y, index, x)
        for i, char in enumerate(text):
            if char.isspace():
                continue
            if not pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top):
                raise pdfium.PdfiumError("Failed to get charbox.")
            y = height - (bottom.value + top.value) / 2
            if math.isfinite(y):  # no real page has another; NaN would unsettle the sort
                placed.append((y, i, (left.value + right.value) / 2))
        placed.sort()
        self._placed = placed

    def between(self, y_lo: float, y_hi: float) -> list[tuple[float, int, float]]:
        """The characters whose midpoints lie in [y_lo, y_hi), in pdfium's reading order: (y, index, x)."""
        y = itemgetter(0)
        band = self._placed[bisect_left(self._placed, y_lo, key=y) : bisect_left(self._placed, y_hi, key=y)]
        return sorted(band, key=lambda c: c[1])


class _Slots:
    """Elementary slots between all cell edges, each mapped to the cell covering it: a midpoint finds its cell by two
    bisections instead of a scan over every cell."""

    def __init__(self, cells: list[Box]) -> None:
        self.xs = sorted({c[0] for c in cells} | {c[2] for c in cells})
        self.ys = sorted({c[1] for c in cells} | {c[3] for c in cells})
        self.owner: dict[tuple[int, int], int] = {}
        for k, (x0, top, x1, bottom) in enumerate(cells):
            for i in range(self.xs.index(x0), self.xs.index(x1)):
                for j in range(self.ys.index(top), self.ys.index(bottom)):
                    self.owner.setdefault((i, j), k)

    def find(self, x: float, y: float) -> int | None:
        i, j = bisect_right(self.xs, x) - 1, bisect_right(self.ys, y) - 1
        if i < 0 or j < 0 or i >= len(self.xs) - 1 or j >= len(self.ys) - 1:
            return None
        return self.owner.get((i, j))


def cell_texts(chars: PageChars, cells: list[Box]) -> list[str]:
    """Each cell's characters in pdfium's reading order; a line break or space between two of them that pdfium put
    in the page text is kept as one whitespace character."""
    slots = _Slots(cells)
    x_lo, x_hi, y_lo, y_hi = slots.xs[0], slots.xs[-1], slots.ys[0], slots.ys[-1]
    text = chars.text
    parts: list[list[str]] = [[] for _ in cells]
    last: list[int] = [-1] * len(cells)
    for y, i, x in chars.between(y_lo, y_hi):
        if not x_lo <= x < x_hi:
            continue
        k = slots.find(x, y)
        if k is None:
            continue
        if last[k] >= 0 and last[k] + 1 < i:
            between = text[last[k] + 1 : i]
            parts[k].append("\n" if "\n" in between else " " if " " in between else "")
        parts[k].append(text[i])
        last[k] = i
    return ["".join(p) for p in parts]
