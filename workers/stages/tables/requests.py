"""Table 三 (收到和处理政府信息公开申请情况): rows aligned to the template, columns by header or order."""

from __future__ import annotations

import re

from schemas import Cell, SplitCell
from workers.stages.tables.align import align
from workers.stages.tables.cells import clean, parse_cell
from workers.stages.tables.labels import (
    REQUEST_COLUMNS,
    ROWS_F19,
    ROWS_F21,
    applicant_column,
    request_group,
    request_row,
)
from workers.stages.tables.rows import Row
from workers.stages.tables.split import split_row

Block = dict[str, dict[str, Cell]]
_F21_OTHER = re.compile(r"不补正|缴纳费用|收费通知")
_MIN_FILL = 4


def other_rows_f21(rows: list[Row], region_text: str) -> bool:
    """True when （六）其他处理 has the three F21 sub-rows; False for the single F19 row."""
    keys = {row.match(request_row) for row in rows if row.values}
    if keys & {"other.overdue_correction", "other.overdue_fee", "other.other"}:
        return True
    if "other.total" in keys:
        return False
    return bool(_F21_OTHER.search(region_text))


def read_requests(rows: list[Row], region_text: str) -> tuple[Block, Block, list[SplitCell]]:
    """The template rows, the rows and columns outside the template, and suspected split numbers."""
    template = ROWS_F21 if other_rows_f21(rows, region_text) else ROWS_F19
    subtotal = "小计" in clean(region_text)
    candidates: list[Row] = []
    extra: Block = {}
    for row in rows:
        if not row.values:
            continue
        key = row.match(request_row)
        group = row.match(request_group) if row.strong else None
        if key == "other.total" and key not in template:
            group = "other"  # a lone 其他处理 row above the three F21 sub-rows is their subtotal
        if (key is None or group == "other") and group is not None:
            extra[f"{group}.subtotal"] = _cells(row, subtotal, extra, f"{group}.subtotal")[0]
            continue
        candidates.append(row)
    keys = [row.match(request_row) for row in candidates]
    full = [len(row.values) >= _MIN_FILL for row in candidates]
    keys = [k if k is None or k in template else "__none__" for k in keys]
    placed = align(keys, full, template)
    block: Block = {}
    splits: list[SplitCell] = []
    for row, slot in zip(candidates, placed, strict=True):
        if slot is None or template[slot] in block:
            continue
        name = template[slot]
        block[name], split = _cells(row, subtotal, extra, name)
        splits.extend(split)
    return block, extra, splits


def _cells(row: Row, subtotal: bool, extra: Block, name: str) -> tuple[dict[str, Cell], list[SplitCell]]:
    if row.columns and any(row.columns):
        placed = _by_header(row)
        if placed:
            return _keep(placed, extra, name), []
    values = list(row.values)
    cols = list(REQUEST_COLUMNS)
    if subtotal and len(values) == len(cols) + 1:
        cols.insert(len(cols) - 1, "subtotal")
    values = _trim(values, len(cols))
    split = split_row(values, cols, name) if len(values) == len(cols) + 1 else []
    placed = list(zip(cols, values, strict=False))
    placed += [(f"overflow{i}", v) for i, v in enumerate(values[len(cols) :], 1)]
    return _keep(placed, extra, name), split


def _by_header(row: Row) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    assert row.columns is not None
    for raw, heads in zip(row.values, row.columns, strict=True):
        # The innermost header names the column; a name already taken means that header spilled over
        # from a neighbour, so the outer level is used.
        used = {c for c, _ in out}
        col = next((c for h in reversed(heads) if (c := applicant_column(h)) and c not in used), None)
        if col:
            out.append((col, raw))
    return out if len(out) >= 2 else []


def _keep(placed: list[tuple[str, str]], extra: Block, name: str) -> dict[str, Cell]:
    cells = {col: parse_cell(raw) for col, raw in placed if col in REQUEST_COLUMNS}
    outside = {col: parse_cell(raw) for col, raw in placed if col not in REQUEST_COLUMNS}
    if outside:
        extra.setdefault(name, {}).update(outside)
    return cells


def _trim(values: list[str], width: int) -> list[str]:
    # Padding from spanned label cells shows up as blank cells at the row's start or end.
    values = list(values)
    while len(values) > width and not values[0].strip():
        values.pop(0)
    while len(values) > width and not values[-1].strip():
        values.pop()
    return values
