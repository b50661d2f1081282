"""Statistics lists: the 附表 of the 2008-2018 reports, rows of `label [unit] value`.

Before the national template, many bodies appended a table of indicators (`指标名称 计量单位 年末统计`, then
`主动公开信息数 条 6 其中：1．网站公开 条 6 2．政府公报公开 条 0 … 行政复议数 件 0`), which crawled pages print
flattened onto one line. Each row is a statement whose label names the concept outright; a row introduced by
其中 or an ordinal (1．, 2．) is a part of the row above it that has none. The report states these figures as
much as its prose does, so they are facts, but the prose is the report's own wording: a concept the prose
already states keeps the prose figure (extract.py merges them that way).

A table with a second column of running totals (本年 and 累计, or 历年) prints two figures per row, and a
flattened one runs them together (68181 is 68 this year and 181 in all). Only the year's figure is read: the
readings that keep the running total at least the year's and write no leading zero are weighed, one left is
taken, and among several the one whose year figure the prose states too; otherwise the row is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADER = re.compile(r"指\s*标\s*名\s*称|计\s*量\s*单\s*位|附\s*表\s*[:：]?\s*(?=\S{0,30}?(?:统计|指标|单位))")
_TWO_COLUMNS = re.compile(r"累\s*计|历\s*年")
_ROW = re.compile(
    # The ordinal may have lost its mark (其中:1同意公开答复数).
    r"(?P<lead>(?:其中\s*[:：]?\s*)?(?:\d{1,2}\s*[.．、]?\s*)?)"
    r"(?P<label>[\u4e00-\u9fff“”\"()（）、]{2,30}?)\s*"
    r"(?P<unit>人次|万元|条|件|人|次|个|份|元|起|项)?\s*"
    # A number followed by 年 is a column header (2011年度), not a value; digits right before the next row's
    # ordinal (…数条022.同意部分…, …数条002、同意部分…) end before it.
    r"(?P<num>\d+(?:\.\d+)?)(?P<second>\s+\d+(?:\.\d+)?)?(?:(?![\d.．]|\s*年|、[^\d])|(?=\d[.．、][^\d]))"
)
# Most specific first; a label that names none of these (政府公报公开, 当面申请数) is a part only.
_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("requests.partially_granted", re.compile(r"部分公开|部分同意")),
    ("requests.granted", re.compile(r"同意公开|同意提供|全部公开|予以公开")),
    ("requests.denied", re.compile(r"否决公开|不同意公开|拒绝提供|不予公开答复")),
    ("withheld.total", re.compile(r"不予公开")),
    ("requests.answered", re.compile(r"答复总?数|办结|已答复")),
    ("requests.received", re.compile(r"(?:受理|收到|接收).{0,8}申请|依申请公开(?:信息)?总?数|申请总数")),
    ("proactive.website", re.compile(r"网站")),
    ("proactive.weibo", re.compile(r"微博")),
    ("proactive.wechat", re.compile(r"微信")),
    ("proactive.total", re.compile(r"主动公开")),
    ("review.total", re.compile(r"复议")),
    ("litigation.total", re.compile(r"诉讼")),
    ("complaints.total", re.compile(r"申诉|投诉|举报")),
    ("consultations.total", re.compile(r"咨询")),
    ("fees.amount", re.compile(r"收费|费用")),
)
_LOOKAHEAD = 80
_GAP = 12
# Longer than any row (lead, label, unit, one or two figures): searches stop there instead of running to the
# end of the text for each of many headers with no row after them.
_ROW_SPAN = 400


@dataclass
class StatRow:
    concept: str | None
    value: float
    unit: str
    start: int
    end: int
    parts: list[StatRow] = field(default_factory=list)


def _concept(label: str) -> str | None:
    return next((c for c, pattern in _LABELS if pattern.search(label)), None)


def statistics_rows(text: str, skip: list[tuple[int, int]], known: frozenset[float] = frozenset()) -> list[StatRow]:
    """The rows of every statistics list in `text` (offsets into it), parts under their totals; lists inside
    the `skip` spans (the template tables) are not read. `known`: figures the prose states."""
    out: list[StatRow] = []
    pos = 0
    while (head := _HEADER.search(text, pos)) is not None:
        pos = head.end()
        if any(a <= head.start() < b for a, b in skip):
            continue
        first = _ROW.search(text, pos, pos + _LOOKAHEAD + _ROW_SPAN)
        if first is None or first.start() - pos > _LOOKAHEAD:
            continue
        two = bool(_TWO_COLUMNS.search(text, head.start(), first.start("num")))
        rows, pos = _read_list(text, first.start(), two, known)
        out.extend(rows)
    return out


def _read_list(text: str, start: int, two_columns: bool, known: frozenset[float]) -> tuple[list[StatRow], int]:
    rows: list[StatRow] = []
    parent: StatRow | None = None
    pos = start
    while (m := _ROW.match(text, pos)) is not None or (m := _next_row(text, pos)) is not None:
        pos = m.end()
        value = _year_figure(m.group("num"), known) if two_columns and m.group("second") is None else None
        if two_columns and m.group("second") is None and value is None:
            parent = None
            continue
        value = float(m.group("num")) if value is None else value
        row = StatRow(_concept(m.group("label")), value, m.group("unit") or "", m.start("label"), m.end())
        is_part = bool(m.group("lead").strip())
        if is_part and parent is not None:
            parent.parts.append(row)
        else:
            parent = row
        rows.append(row)
    return rows, pos


def _year_figure(digits: str, known: frozenset[float]) -> float | None:
    """The year's figure of a year figure and a running total run together, when the digits tell it."""
    if "." in digits:
        return None
    readings = [
        (int(digits[:k]), int(digits[k:]))
        for k in range(1, len(digits))
        if (k == 1 or digits[0] != "0") and (len(digits) - k == 1 or digits[k] != "0")
    ]
    readings = [(year, total) for year, total in readings if total >= year]
    if len(readings) > 1:
        readings = [r for r in readings if r[0] in known]
    return float(readings[0][0]) if len(readings) == 1 else None


def _next_row(text: str, pos: int) -> re.Match[str] | None:
    """The next row when only spaces or a stray mark stand before it (a list ends at anything longer)."""
    m = _ROW.search(text, pos, pos + _GAP + _ROW_SPAN)
    if m is None or m.start() - pos > _GAP or text[pos : m.start()].strip(" \t\n:：;；,，"):
        return None
    return m
