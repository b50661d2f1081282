"""The prose of a document as one string per paragraph, with a map back to offsets in Document.text.

Tables (grid spans, pipe rows, one-cell-per-line runs, label rows followed by cells) are left out; lines
that a PDF or a page wrapped mid-sentence are joined; whitespace inside a line is dropped except between
two digits (`2 0` stays two numbers). Headings always start a new paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from schemas import Document, Segmentation
from workers.stages.headings import is_table_row

_CELL_LINE = re.compile(r"^[\s\d.,/—\-–%]*$")
_ENDS_SENTENCE = re.compile(r"[。！？!?:：;；]\s*$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class View:
    text: str
    offsets: list[int]  # offsets[i] = position in Document.text of text[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Document offsets covering view[start:end]."""
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else (self.offsets[-1] + 1 if self.offsets else 0)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


def _in_grid(doc: Document, offset: int) -> bool:
    return any(g.start <= offset < g.end for g in doc.grids)


def _is_table_line(doc: Document, offset: int, line: str) -> bool:
    if doc.grids and _in_grid(doc, offset):
        return True
    body = line.strip()
    return bool(body) and (is_table_row(body) or bool(_CELL_LINE.match(body)))


def build_view(doc: Document, seg: Segmentation) -> View:
    heading_end = {h.start: h.end for h in seg.headings}
    starts = sorted(heading_end)
    chars: list[str] = []
    offsets: list[int] = []
    pos = 0
    prev_open = False  # the previous prose line ended mid-sentence
    for raw in doc.text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        start = pos
        pos += len(raw)
        if not line.strip() or _is_table_line(doc, start, line):
            prev_open = False
            continue
        head_end = heading_end.get(start + len(line) - len(line.lstrip()))
        if chars and not (prev_open and head_end is None):
            chars.append("\n")
            offsets.append(start)
        # A heading inside a flattened line is a paragraph of its own: 四、不予公开政府信息情况 无。 answers it alone.
        inline = starts[bisect_right(starts, start) : bisect_left(starts, start + len(line))]
        breaks = (
            sorted({b - start for h in inline for b in (h, heading_end[h]) if b < start + len(line)}) if inline else []
        )
        _append_line(line, start, breaks, chars, offsets)
        # A run-in heading ((一)依申请公开。全年共受理…申请 41) leaves its body open to the wrapped next line.
        whole_heading = head_end is not None and head_end >= start + len(line.rstrip())
        prev_open = not _ENDS_SENTENCE.search(line) and not whole_heading
    return View("".join(chars), offsets)


def _append_line(line: str, start: int, breaks: list[int], chars: list[str], offsets: list[int]) -> None:
    """Copy a line without its whitespace, a line break before each of `breaks` (positions in the line)."""
    lo = 0
    for at in breaks:
        _append_piece(line, lo, at, start, chars, offsets)
        if chars and chars[-1] != "\n":
            chars.append("\n")
            offsets.append(start + at)
        lo = at
    _append_piece(line, lo, len(line), start, chars, offsets)


def _append_piece(line: str, lo: int, hi: int, start: int, chars: list[str], offsets: list[int]) -> None:
    # Runs of text are copied whole; a whitespace run leaves one space only between two digits (2 0).
    pos = lo
    for m in _SPACE.finditer(line, lo, hi):
        a, b = m.span()
        if a > pos:
            chars.extend(line[pos:a])
            offsets.extend(range(start + pos, start + a))
        if b < len(line) and chars and chars[-1].isdigit() and line[b].isdigit():
            chars.append(" ")
            offsets.append(start + b - 1)
        pos = b
    if pos < hi:
        chars.extend(line[pos:hi])
        offsets.extend(range(start + pos, start + hi))
