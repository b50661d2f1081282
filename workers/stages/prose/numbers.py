"""Counts written in prose: Arabic, full-width, thousands separators, Chinese numerals, 万/亿, approximations.

`find_counts` returns only numbers followed by a counting unit (条, 件, 人, 元 ...), which already rules out
most things that merely look like figures (years, dates, phone numbers, postcodes, document numbers,
percentages, URLs); ordinals (第二十条) and numbers glued to other digits or letters are dropped explicitly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

import cn2an

_CN_CHARS = "零〇一二两三四五六七八九十百千"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
_CHINESE = rf"[{_CN_CHARS}]+(?:[万亿][{_CN_CHARS}]*)?"
# Longest units first so that 人次 wins over 人 and 万元 over 元.
UNITS = (
    "人次",
    "万元",
    "亿元",
    "元",
    "条",
    "件",
    "篇",
    "人",
    "名",
    "封",
    "份",
    "个",
    "项",
    "次",
    "起",
    "宗",
    "例",
    "期",
    "批次",
    "场",
    "则",
    "家",
    "位",
)
_UNIT = "|".join(UNITS)
_APPROX_BEFORE = re.compile(r"(?:约|近|超过|超|逾|将近|大约|接近|达近|多达)$")
_APPROX_AFTER = re.compile(r"^(?:余|多|左右|以上|上下)")
COUNT = re.compile(
    rf"(?P<num>{_ARABIC}|{_CHINESE})\s*(?P<mag>[万亿])?(?P<more>余|多)?\s*(?P<unit>{_UNIT})(?P<tail>余|多|左右|以上|上下)?"
)
# Where a COUNT can start. Scanning for these first is far cheaper than trying COUNT at every position: the
# regex engine has no fast prefix test for a pattern that opens with alternatives.
_NUM_START = re.compile(rf"[\d{_CN_CHARS}]")
_NUMERAL_RUN = re.compile(rf"\d+|[{_CN_CHARS}]+")
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_RATE_AFTER = re.compile(r"[/每]")
# A number glued to digits, letters, dots or dashes belongs to something else (a code, a phone number, a version).
_GLUED = re.compile(r"[\dA-Za-z.\-/_@#]$")
PERCENT = re.compile(rf"(?P<num>{_ARABIC})\s*%")


class Count(NamedTuple):
    value: float
    unit: str
    approx: bool
    start: int  # where the number starts in the searched text
    end: int  # after the unit (and any trailing 余/左右)
    num_end: int  # after the number itself
    chinese: bool = False  # written in Chinese numerals (一项, 两件): often a determiner, not a count


def fold_digits(s: str) -> str:
    """Full-width digits and separators to ASCII (the normalizer does this already; cheap to repeat)."""
    return "".join(unicodedata.normalize("NFKC", c) if "\uff01" <= c <= "\uff5e" else c for c in s)


@lru_cache(maxsize=4096)
def parse_number(raw: str, magnitude: str | None = None) -> float | None:
    """`1,154` -> 1154, `一千一百五十四` -> 1154, `1.2` + 万 -> 12000; None when it is not a number."""
    raw = fold_digits(raw).replace(",", "").strip()
    try:
        value = float(raw) if _PLAIN_NUMBER.fullmatch(raw) else float(cn2an.cn2an(raw.replace("〇", "零"), "smart"))
    except (ValueError, KeyError):
        return None
    scale = {"万": 1e4, "亿": 1e8}.get(magnitude or "", 1.0)
    return value * scale


def _is_false_figure(text: str, m: re.Match[str]) -> bool:
    before = text[max(0, m.start() - 1) : m.start()]
    if before == "第" or _GLUED.search(before):
        return True
    if m.group("num")[0] in _CN_CHARS and before and before in _CN_CHARS + "万亿":
        return True
    after = text[m.end() : m.end() + 2]
    # 5条/天, 3件每月: rates, not counts.
    return bool(_RATE_AFTER.match(after))


def _count_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of COUNT.finditer(text), found from the positions where a number can start."""
    pos = 0
    while (start := _NUM_START.search(text, pos)) is not None:
        at = start.start()
        m = COUNT.match(text, at)
        if m:
            yield m
            pos = m.end()
            continue
        # A later start in the same run of digits (or of Chinese numerals) can only end its number where this
        # one could, and what must follow is the same: it fails too. Digits before a comma are the exception
        # (1234,567件 is read from 234).
        run = _NUMERAL_RUN.match(text, at)
        assert run is not None  # text[at] is a digit or a numeral
        end = run.end()
        pos = at + 1 if text[end : end + 1] == "," else end


# A statistic named by its label and given bare (不予公开信息数1402。): the count has no unit of its own.
_BARE_STATISTIC = re.compile(r"(?<=[\u4e00-\u9fff]数)(?:为|是|:)?\s*(?P<num>\d+)(?=\s*[。,;，；]|\s*$)")


def find_counts(text: str) -> list[Count]:
    out = _bare_statistics(text)
    for m in _count_matches(text):
        if _is_false_figure(text, m):
            continue
        value = parse_number(m.group("num"), m.group("mag"))
        if value is None:
            continue
        approx = bool(
            m.group("more") or m.group("tail") or _APPROX_BEFORE.search(text[max(0, m.start() - 4) : m.start()])
        )
        unit = m.group("unit")
        if m.group("mag") and unit == "元":
            unit = m.group("mag") + unit
            value = value / {"万": 1e4, "亿": 1e8}[m.group("mag")]
        num = m.group("num")
        out.append(Count(value, unit, approx, m.start(), m.end(), m.start("num") + len(num), num[0] in _CN_CHARS))
    return sorted(out, key=lambda c: c.start)


def _bare_statistics(text: str) -> list[Count]:
    if "数" not in text:
        return []
    return [
        Count(float(m.group("num")), "", False, m.start("num"), m.end("num"), m.end("num"), False)
        for m in _BARE_STATISTIC.finditer(text)
    ]


def find_percents(text: str) -> list[tuple[float, int, int]]:
    """(value, start, end) of every percentage (which is never a count)."""
    return [(float(m.group("num").replace(",", "")), m.start(), m.end()) for m in PERCENT.finditer(text)]
