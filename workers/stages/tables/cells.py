"""Cell semantics: what a table cell says, kept apart from what it is worth.

Blank is not zero, and "—", "/" and "无" are marks with their own meaning, so every cell keeps its
raw text and a semantic next to the number.
"""

from __future__ import annotations

import re
from functools import lru_cache

from schemas import Cell
from schemas.tables import Semantic

_NUMBER = re.compile(r"^([-+]?)(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)\s*(万元|元|万|件|条|个|项|次|人次|宗|笔)?$")
_DASHES = frozenset({"-", "--", "—", "——", "–", "－", "一一", "―", "─"})
_SLASHES = frozenset({"/", "\\", "／", "//"})
_NA = frozenset({"无", "暂无", "没有", "不涉及", "空"})
_YUAN = re.compile(r"[（(:：]元[）)]?|单位:?元")


def clean(raw: str) -> str:
    return "".join(raw.split()).strip("|")


# Tables repeat the same few cell texts ("0", "/", labels): what a text says is worked out once.
@lru_cache(maxsize=4096)
def is_value(raw: str) -> bool:
    """True when the text can be a value cell (a number, a mark or nothing); labels are everything else."""
    s = clean(raw)
    return not s or bool(_NUMBER.match(s)) or s in _DASHES or s in _SLASHES or s in _NA


def is_number(raw: str) -> bool:
    return bool(_NUMBER.match(clean(raw)))


def parse_cell(raw: str, unit: str | None = None) -> Cell:
    """Read one cell; `unit` is the unit the column is kept in ("万元" for amounts), others are counts."""
    value, semantic = _read(raw, unit)
    return Cell(value=value, raw=raw.strip(), semantic=semantic)


@lru_cache(maxsize=4096)
def _read(raw: str, unit: str | None) -> tuple[float | None, Semantic]:
    s = clean(raw)
    if not s:
        return None, "blank"
    if s in _DASHES:
        return None, "dash"
    if s in _SLASHES:
        return None, "slash"
    if s in _NA:
        return None, "na"
    m = _NUMBER.match(s)
    if not m:
        return None, "text"
    value = float(m.group(2).replace(",", ""))
    if m.group(1) == "-":
        value = -value
    value = _convert(value, m.group(3), unit)
    if value == int(value):
        value = float(int(value))
    return value, "zero" if value == 0 else "number"


def _convert(value: float, written: str | None, unit: str | None) -> float:
    # Only money moves between units: a cell written in 元 under a 万元 column is divided, and back.
    if unit == "万元" and written == "元":
        return round(value / 10000, 6)
    if unit == "元" and written in ("万元", "万"):
        return round(value * 10000, 6)
    return value


def header_unit(header: str) -> str | None:
    """The unit a column header declares, e.g. 本年收费金额（单位：万元）."""
    s = clean(header)
    if "万元" in s:
        return "万元"
    if _YUAN.search(s):
        return "元"
    return None
