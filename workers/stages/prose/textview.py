"""The prose of a document as one string per paragraph, with a map back to offsets in Document.text.

Tables (grid spans, pipe rows, one-cell-per-line runs, label rows followed by cells) are left out; lines
that a PDF or a page wrapped mid-sentence are joined; whitespace inside a line is dropped except between
two digits (`2 0` stays two numbers). Headings always start a new paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from schemas import Document, Segmentation
from workers.stages.prose.headings import is_table_row

_CELL_LINE = re.compile(r"^[\s\d.,/—\-–%]*$")
_ENDS_SENTENCE = re.compile(r"[。！？!?:：;；]\s*$")


@dataclass(frozen=True)
class View:
    text: str
    # The view is made of runs copied whole from Document.text: run k starts at text[run_starts[k]] and at
    # Document.text[run_offsets[k]].
    run_starts: list[int]
    run_offsets: list[int]

    def at(self, i: int) -> int:
        """Position in Document.text of text[i]."""
        k = bisect_right(self.run_starts, i) - 1
        return self.run_offsets[k] + i - self.run_starts[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Document offsets covering view[start:end]."""
        if start >= end:
            pos = self.at(start) if start < len(self.text) else (self.at(len(self.text) - 1) + 1 if self.text else 0)
            return pos, pos
        return self.at(start), self.at(end - 1) + 1


class _Builder:
    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.starts: list[int] = []
        self.offsets: list[int] = []
        self.size = 0
        self.last = ""  # the last character of the view so far

    def add(self, piece: str, offset: int) -> None:
        self.pieces.append(piece)
        self.starts.append(self.size)
        self.offsets.append(offset)
        self.size += len(piece)
        self.last = piece[-1]

    def view(self) -> View:
        return View("".join(self.pieces), self.starts, self.offsets)


def _in_grid(doc: Document, offset: int) -> bool:
    return any(g.start <= offset < g.end for g in doc.grids)


def _is_table_line(doc: Document, offset: int, line: str) -> bool:
    if doc.grids and _in_grid(doc, offset):
        return True
    body = line.strip()
    return bool(body) and (is_table_row(body) or bool(_CELL_LINE.match(body)))


def build_view(doc: Document, seg: Segmentation, skip: Sequence[tuple[int, int]] = ()) -> View:
    """The prose view; `skip` are spans of Document.text that are tables though they share lines with prose
    (a flattened page runs its prose into the table after it): left out, with a paragraph break in their place."""
    heading_end = {h.start: h.end for h in seg.headings}
    starts = sorted(heading_end)
    cuts: list[tuple[int, int]] = []
    for a, b in sorted(skip):  # merged, so that each position is tested against one cut
        if cuts and a <= cuts[-1][1]:
            cuts[-1] = (cuts[-1][0], max(cuts[-1][1], b))
        else:
            cuts.append((a, b))
    out = _Builder()
    pos = 0
    prev_open = False  # the previous prose line ended mid-sentence
    for raw in doc.text.splitlines(keepends=True):
        whole = raw.rstrip("\r\n")
        line_start = pos
        pos += len(raw)
        kept = list(_kept(line_start, line_start + len(whole), cuts))
        if not kept or kept[0][0] > line_start:
            prev_open = False  # a table stood between the last line and what is kept of this one
        for start, end, cut_after in kept:
            line = whole[start - line_start : end - line_start]
            after_cut = start > line_start
            prev_open = _add_line(doc, line, start, heading_end, starts, prev_open, out, after_cut) and not cut_after
    return out.view()


def _kept(lo: int, hi: int, cuts: list[tuple[int, int]]) -> Iterator[tuple[int, int, bool]]:
    """The pieces of [lo, hi) outside the cuts, each with whether a cut follows it."""
    k = max(0, bisect_right(cuts, (lo, lo)) - 1)
    at = lo
    while k < len(cuts) and cuts[k][0] < hi:
        a, b = cuts[k]
        if b > at:
            if a > at:
                yield at, a, True
            at = max(at, b)
        k += 1
    if at < hi or at == lo:
        yield at, hi, False


def _add_line(
    doc: Document,
    line: str,
    start: int,
    heading_end: dict[int, int],
    starts: list[int],
    prev_open: bool,
    out: _Builder,
    after_cut: bool = False,
) -> bool:
    """Appends one line (or the part of one outside the tables); returns whether it ends mid-sentence. The part
    after a table is a line within a line: a heading it opens with stands apart from its body, as inline."""
    if not line.strip() or _is_table_line(doc, start, line):
        return False
    head_end = heading_end.get(start + len(line) - len(line.lstrip()))
    if out.size and not (prev_open and head_end is None):
        out.add("\n", start)
    # A heading inside a flattened line is a paragraph of its own: 四、不予公开政府信息情况 无。 answers it alone.
    first = (bisect_left if after_cut else bisect_right)(starts, start)
    inline = starts[first : bisect_left(starts, start + len(line))]
    breaks = (
        sorted({b - start for h in inline for b in (h, heading_end[h]) if start < b < start + len(line)})
        if inline
        else []
    )
    _append_line(line, start, breaks, out)
    # A run-in heading ((一)依申请公开。全年共受理…申请 41) leaves its body open to the wrapped next line.
    whole_heading = head_end is not None and head_end >= start + len(line.rstrip())
    return not _ENDS_SENTENCE.search(line) and not whole_heading


def _append_line(line: str, start: int, breaks: list[int], out: _Builder) -> None:
    """Copy a line without its whitespace, a line break before each of `breaks` (positions in the line)."""
    lo = 0
    for at in breaks:
        _append_piece(line, lo, at, start, out)
        if out.size and out.last != "\n":
            out.add("\n", start + at)
        lo = at
    _append_piece(line, lo, len(line), start, out)


def _append_piece(line: str, lo: int, hi: int, start: int, out: _Builder) -> None:
    # The words between whitespace are copied whole; a whitespace run leaves one space only between two digits
    # (2 0), placed at its last character.
    pos = lo
    for word in line[lo:hi].split():
        at = line.find(word, pos)  # the next word: whitespace before it cannot hold its first character
        if at > pos and out.last.isdigit() and word[0].isdigit():
            out.add(" ", start + at - 1)
        out.add(word, start + at)
        pos = at + len(word)
    if pos < hi < len(line) and out.last.isdigit() and line[hi].isdigit():
        out.add(" ", start + hi - 1)
