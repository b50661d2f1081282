"""Where tables 二, 三 and 四 stand in the text, found by words only the tables print."""

from __future__ import annotations

import re
from dataclasses import dataclass

# 信息内容 alone is prose too (充实公开信息内容): as table 二's caption it heads its column words.
_T2 = re.compile(r"第二十条第|信息内容(?=[\s|]{0,8}(?:本年|新制作|上一年|处理决定|收费金额|采购))")
_T3 = re.compile(r"勾稽关系|申请人情况|本年新收政府信息公开申请")
_T3_LAST = re.compile(r"结转下年|下年度继续办理")
# PDF cells wrap anywhere (行政复\n议), so the words are matched across whitespace.
_T4 = re.compile(r"行\s*政\s*复\s*议")
_T4_HEADER = re.compile(r"维\s*持|纠\s*正|审\s*结")
_AFTER_T4 = re.compile(r"\n[ \t#]*(?:[五六七]\s*[、.]|（[一1]）\s*主要问题|存在的?主要问题|其他需要报告)")
_LOOKAHEAD = 400


@dataclass
class Regions:
    """Half-open [start, end) spans of each table; None when the table is not there."""

    proactive: tuple[int, int] | None
    requests: tuple[int, int] | None
    review: tuple[int, int] | None

    def end(self) -> int:
        spans = [s for s in (self.proactive, self.requests, self.review) if s]
        return max(e for _, e in spans) if spans else 0

    def start(self) -> int:
        spans = [s for s in (self.proactive, self.requests, self.review) if s]
        return min(s for s, _ in spans) if spans else 0


def find_regions(text: str) -> Regions:
    m3 = _T3.search(text)
    t3 = m3.start() if m3 else None
    t4 = _find_t4(text, t3)
    stop = t3 if t3 is not None else t4 if t4 is not None else len(text)
    m2 = _T2.search(text, 0, stop)
    t4_end = _t4_end(text, t4) if t4 is not None else None
    return Regions(
        proactive=(m2.start(), stop) if m2 else None,
        requests=(t3, t4 if t4 is not None else len(text)) if t3 is not None else None,
        review=(t4, t4_end) if t4 is not None and t4_end is not None else None,
    )


def _find_t4(text: str, t3: int | None) -> int | None:
    pos = 0
    if t3 is not None:
        last = _T3_LAST.search(text, t3)
        pos = last.end() if last else t3
    for m in _T4.finditer(text, pos):
        if _T4_HEADER.search(text, m.end(), m.end() + _LOOKAHEAD):
            return m.start()
    # The caption can be lost (a header row left alone at a page foot); the block headers still mark the table.
    if t3 is None:
        return None
    header = _T4_HEADER.search(text, pos, pos + _LOOKAHEAD)
    return text.rfind("\n", pos, header.start()) + 1 if header else None


def _t4_end(text: str, t4: int) -> int:
    m = _AFTER_T4.search(text, t4 + 1)
    return m.start() if m else len(text)
