"""One-line pages: a whole web page (chrome and body) copied onto one line gets its line breaks back.

Crawler dumps and `innerText` copies turn every block boundary into a single space, so a report of thirty
paragraphs arrives as one line of 5,000 characters. Every later step (chrome, headings, the closing date,
header labels) reads lines, so the breaks are put back first: on a long line that shows this shape, a space
with Chinese on both sides is a lost break (Chinese prose puts no spaces between words). Spaces next to
Latin letters or digits stay (`2024 年`, `00:00`, `条 6`): inside a sentence they are typesetting, not breaks.

Each break replaces one space with one newline, so no offset moves.
"""

from __future__ import annotations

import re

# Chinese text on the left of a lost break: ideographs, CJK punctuation (full-width or already folded to ASCII),
# closing quotes and brackets, and the '>' of a breadcrumb arrow ("-->", ">>").
_LEFT = r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65”’》」』】〗>:;,!?)]"
# Chinese text on the right: ideographs, opening punctuation, circled and parenthesised numbers.
_RIGHT = r"[\u3400-\u9fff“‘《「『【〖（(\u3220-\u3229\u2460-\u249b]"
# A paragraph may also open with a year ("(二)公开内容 2009年1月1日至…"), and a top-level heading after
# anything at all ("…行政事业性收费0 三、收到和处理…": a flattened table's last cell before it).
_SPACES = r"[ \t\u3000\u00a0]+"
_GAP = re.compile(rf"(?<={_LEFT}){_SPACES}(?={_RIGHT}|\d{{4}}年)|(?<=\S){_SPACES}(?=[一二三四五六七八九十]{{1,3}}、)")
# A line is reflowed only when it is long and has many such gaps: a real paragraph has none or one.
_LONG = 300
_MIN_GAPS = 4


def reflow(text: str) -> str:
    """`text` with the lost breaks of its one-line pages restored as newlines (same length, same offsets)."""
    if len(text) < _LONG:
        return text
    out: list[str] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if len(line) >= _LONG:
            gaps = [m.span() for m in _GAP.finditer(line)]
            if len(gaps) >= _MIN_GAPS:
                line = _break(line, gaps)
        out.append(line)
        pos = end + 1
    return "\n".join(out)


def _break(line: str, gaps: list[tuple[int, int]]) -> str:
    chars = list(line)
    for start, end in gaps:
        # The whole run becomes breaks, so a double space does not leave a space at the next line's start.
        for i in range(start, end):
            chars[i] = "\n"
    return "".join(chars)
