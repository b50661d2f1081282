"""Dates as Chinese pages print them: 2018-03-09, 2018/3/9, 2018.03.09, 2018年3月9日, 二〇一四年一月十日."""

from __future__ import annotations

import re
from datetime import date

# Cleanup has already turned a circle or letter O for zero into 〇 ("二○一九年" -> "二〇一九年"), but an ASCII 0 typed
# among the characters stays: "二0一九年".
_CN_DIGIT = dict(zip("〇零0一二三四五六七八九", (0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
CN_YEAR = "[〇零0一二三四五六七八九]{4}"
NUMERIC_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?"
# 元月 is January.
CHINESE_DATE = rf"({CN_YEAR})\s*年\s*([一二三四五六七八九十元]{{1,2}})\s*月\s*([一二三四五六七八九十]{{1,3}})\s*日"
_DATE = re.compile(rf"{NUMERIC_DATE}|{CHINESE_DATE}")
# What may follow the date a signature closes with: the end of a line, or what comes after a signature.
# What may follow a signature's date: the end of a line, the distribution lines, an attachment.
SIGNATURE_END = r"[ \t]*(?=$|\n|抄送|印发|附件|附表)"
# Where the date closes a signature (after the body's name), also the attached table's own title run onto it
# (…社会事业局 2018年1月11日2017年区社会事业局政府信息公开数据统计表), which opens with a year that is no date.
SIGNATURE_OR_TITLE_END = r"[ \t]*(?=$|\n|抄送|印发|附件|附表|(?:19|20)\d\d年(?!\s*[\d一二三四五六七八九十]{1,2}\s*月))"
_COMPACT = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")


def cn_number(text: str) -> int:
    """一 .. 九十九 (the month and day part of a written-out date)."""
    if text == "元":
        return 1
    if "十" not in text:
        return _CN_DIGIT.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT.get(tens, 0) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)


def cn_year(text: str) -> int:
    """二〇一九 -> 2019."""
    return int("".join(str(_CN_DIGIT[c]) for c in text))


def _build(y: int, m: int, d: int) -> date | None:
    if not 1990 <= y <= 2100:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_match(m: re.Match[str]) -> date | None:
    if m.group(1):
        return _build(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return _build(cn_year(m.group(4)), cn_number(m.group(5)), cn_number(m.group(6)))


def first_date(text: str, compact: bool = False) -> date | None:
    """The first valid date in `text` (with `compact`, also 20180309 written without separators)."""
    for m in _DATE.finditer(text):
        found = parse_match(m)
        if found:
            return found
    if compact:
        for m in _COMPACT.finditer(text):
            found = _build(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if found:
                return found
    return None


def date_spans(text: str) -> list[tuple[int, int, date]]:
    return [(m.start(), m.end(), d) for m in _DATE.finditer(text) if (d := parse_match(m))]
