"""Figures the prose states for table totals, when the fact extractor has given none.

Only the text outside the tables is read, and only plain statements (收到申请34件, 1件行政复议);
anything less clear is left alone so that prose_vs_table stays uncertain rather than wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NON_SPACE = re.compile(r"\S+")
_NUM = r"(\d+)\s*件"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (concept, re.compile(pattern))
    for concept, pattern in (
        (
            "requests.received",
            r"(?:收到|受理|新收)(?:各类|政府信息公开|信息公开|依申请公开)*申请"
            + r"(?:共计|共|合计|数量为|数为)?\s*"
            + _NUM,
        ),
        ("requests.carried_over", r"上年结转(?:政府信息公开|信息公开)?申请(?:数量为|共)?\s*" + _NUM),
        ("requests.carried_forward", r"(?:结转下一?年度?|转下一?年度)(?:继续)?(?:办理|答复)?[^。；，,\d]{0,8}" + _NUM),
        ("review.total", r"行政复议(?:案件)?(?:共|数为|数量为|数)?\s*" + _NUM),
        ("review.total", _NUM + r"[^。；，,\d]{0,16}行政复议"),
        ("litigation.total", r"行政诉讼(?:案件)?(?:共|数为|数量为|数)?\s*" + _NUM),
    )
)


@dataclass
class Stated:
    concept: str
    value: float
    start: int
    end: int
    quote: str


def scan(text: str, spans: list[tuple[int, int]]) -> list[Stated]:
    """First statement of each concept outside `spans` (the tables).

    Reports wrap lines anywhere, even inside a word (行政复\n议), so whitespace is taken out first and
    offsets are mapped back to the text.
    """
    keep: list[int] = []
    pieces: list[str] = []
    pos = 0
    for a, b in [*sorted(spans), (len(text), len(text))]:
        for word in _NON_SPACE.finditer(text, pos, max(a, pos)):
            keep.extend(range(word.start(), word.end()))
            pieces.append(word.group())
        pos = max(pos, a, b)
    compact = "".join(pieces)
    found: dict[str, Stated] = {}
    for concept, pattern in _PATTERNS:
        m = pattern.search(compact)
        if m and concept not in found:
            start, end = keep[m.start()], keep[m.end() - 1] + 1
            found[concept] = Stated(concept, float(m.group(1)), start, end, m.group(0))
    return list(found.values())
