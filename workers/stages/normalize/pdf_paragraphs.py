"""Rejoin a PDF's visual lines into paragraphs: a line that runs to the right margin continues on the next one."""

from __future__ import annotations

import itertools
import re
from statistics import median

from .pdf_lines import Line

_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|第[一二三四五六七八九十\d]+[章节条部分])"
)
_SENTENCE_END = re.compile(r"[。；;:：!！?？」』”)）]$")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]$")


def join_lines(lines: list[Line]) -> list[str]:
    """Paragraph texts from a run of lines (one page or consecutive pages without a table in between)."""
    if not lines:
        return []
    right = _quantile([ln.x1 for ln in lines], 0.9)
    left = _quantile([ln.x0 for ln in lines], 0.1)
    em = median(max(ln.bottom - ln.top, 4.0) for ln in lines)
    paragraphs: list[str] = [lines[0].text]
    for prev, line in itertools.pairwise(lines):
        # A line set far in (a right-aligned signature, a centred title) is complete even when it reaches the margin.
        full = prev.x1 >= right - 1.5 * em and prev.x0 <= left + 3 * em
        indented = line.x0 > left + 1.2 * em
        starts_unit = bool(_HEADING.match(line.text)) and bool(_SENTENCE_END.search(prev.text))
        if full and not indented and not starts_unit:
            glue = " " if _ASCII_WORD.search(prev.text) and line.text[:1].isascii() and line.text[:1].isalnum() else ""
            paragraphs[-1] += glue + line.text
        else:
            paragraphs.append(line.text)
    return paragraphs


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
