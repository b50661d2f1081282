"""Table 二 (主动公开政府信息情况): rows by their label, columns by header or by template order."""

from __future__ import annotations

import re

from schemas import Cell
from workers.stages.tables.cells import header_unit, parse_cell
from workers.stages.tables.labels import compact, proactive_row
from workers.stages.tables.rows import Row

_F21_WORDS = re.compile(r"制发|废止|现行有效")
_F19_WORDS = re.compile(r"新制作|新公开|对外公开总|上一年项目|集中采购|其他对外管理服务")

_FEE_HEADER = re.compile(r"收费金额[^\n|]{0,12}")
_PROCUREMENT_HEADER = re.compile(r"采购总?金额[^\n|]{0,12}")
# Column order of each row kind in each template version.
_LAYOUT: dict[str, dict[str, tuple[str, ...]]] = {
    "F21": {
        "docs": ("made", "repealed", "in_force"),
        "items": ("decisions",),
        "fees": ("amount",),
        "procurement": ("items", "amount"),
    },
    "F19": {
        "docs": ("new_made", "new_published", "total_published"),
        "items": ("prev_items", "change", "decisions"),
        "fees": ("prev_items", "change"),
        "procurement": ("items", "amount"),
    },
}
_KIND = {
    "regs": "docs",
    "normative_docs": "docs",
    "licensing": "items",
    "other_services": "items",
    "penalty": "items",
    "coercion": "items",
    "admin_fees": "fees",
    "procurement": "procurement",
}
_HEADERS = (
    ("制发", "made"),
    ("废止", "repealed"),
    ("现行有效", "in_force"),
    ("新制作", "new_made"),
    ("新公开", "new_published"),
    ("对外公开总", "total_published"),
    ("上一年项目", "prev_items"),
    ("增", "change"),
    ("处理决定", "decisions"),
    ("收费金额", "amount"),
    ("采购项目", "items"),
    ("采购总金额", "amount"),
    ("金额", "amount"),
)


def variant(region_text: str) -> str | None:
    """F21 or F19 from table 二's own column words; None when it shows neither."""
    f21, f19 = len(_F21_WORDS.findall(region_text)), len(_F19_WORDS.findall(region_text))
    if f21 == f19:
        return None
    return "F21" if f21 > f19 else "F19"


def read_proactive(rows: list[Row], region_text: str) -> dict[str, dict[str, Cell]]:
    version = variant(region_text) or "F21"
    other = "F19" if version == "F21" else "F21"
    block: dict[str, dict[str, Cell]] = {}
    for row in rows:
        key = row.match(proactive_row, depth=2)
        if not key or key in block or not row.values:
            continue
        kind = _KIND[key]
        columns = _by_header(row) or _by_order(row.values, _LAYOUT[version][kind], _LAYOUT[other][kind])
        unit = _unit(key, region_text)
        block[key] = {col: parse_cell(raw, unit if col == "amount" else None) for col, raw in columns}
    return block


def proactive_columns(version: str, key: str) -> tuple[str, ...]:
    """The cells of a table 二 row in template order, e.g. ("made", "repealed", "in_force")."""
    return _LAYOUT.get(version, _LAYOUT["F21"])[_KIND[key]]


def _by_header(row: Row) -> list[tuple[str, str]]:
    if not row.columns or not any(row.columns):
        return []
    out: list[tuple[str, str]] = []
    for raw, heads in zip(row.values, row.columns, strict=True):
        col = next((key for word, key in _HEADERS if heads and word in compact(heads[-1])), None)
        if col and all(c != col for c, _ in out):
            out.append((col, raw))
    return out


def _by_order(values: list[str], cols: tuple[str, ...], alt: tuple[str, ...]) -> list[tuple[str, str]]:
    # A row whose count fits only the other version's layout is read that way (mixed reports exist).
    if len(values) != len(cols) and len(values) == len(alt):
        cols = alt
    return list(zip(cols, values, strict=False))


def _unit(key: str, region_text: str) -> str | None:
    if key == "admin_fees":
        m = _FEE_HEADER.search(region_text)
        return (header_unit(m.group(0)) if m else None) or "万元"
    if key == "procurement":
        m = _PROCUREMENT_HEADER.search(region_text)
        return header_unit(m.group(0)) if m else None
    return None
