"""Table 四 (行政复议、行政诉讼): fifteen cells, five per block, in template order.

The two-line headers interleave in text order, so headers are not used to place cells; the blocks
are read from rows labelled with the block name when the table is printed one block per row.
"""

from __future__ import annotations

import re

from schemas import Cell, SplitCell
from workers.stages.tables.cells import parse_cell
from workers.stages.tables.labels import REVIEW_BLOCKS, REVIEW_COLUMNS, compact
from workers.stages.tables.rows import Row
from workers.stages.tables.split import split_blocks

Block = dict[str, dict[str, Cell]]
_WIDTH = len(REVIEW_COLUMNS)
_BLOCK_LABELS = (
    (re.compile(r"复议后"), "litigation_after_review"),
    (re.compile(r"未经复议|直接起诉"), "litigation_direct"),
    (re.compile(r"行政复议"), "review"),
)


def _block_of(label: str) -> str | None:
    s = compact(label)
    return next((key for pattern, key in _BLOCK_LABELS if pattern.search(s)), None)


def read_review(rows: list[Row]) -> tuple[Block, list[SplitCell]]:
    want = _WIDTH * len(REVIEW_BLOCKS)
    by_label: Block = {}
    run: list[str] = []
    whole: list[str] | None = None
    for row in rows:
        if not row.values or (row.labels and not any(v.strip() for v in row.values)):
            continue  # header rows with spanned blanks carry no cells of their own
        block = row.match(_block_of, depth=1)
        if block and len(row.values) >= _WIDTH - 1 and block not in by_label:
            by_label[block] = _row(row.values[:_WIDTH])
            continue
        if whole is None and len(row.values) in (want, want + 1):
            whole = row.values
        run.extend(row.values)
    if len(by_label) == len(REVIEW_BLOCKS):
        return by_label, []
    run = whole or run
    splits = split_blocks(run, REVIEW_COLUMNS, REVIEW_BLOCKS) if len(run) == want + 1 else []
    out: Block = {}
    for i, name in enumerate(REVIEW_BLOCKS):
        cells = run[i * _WIDTH : (i + 1) * _WIDTH]
        if cells:
            out[name] = _row(cells)
    return out, splits


def _row(values: list[str]) -> dict[str, Cell]:
    return {col: parse_cell(raw) for col, raw in zip(REVIEW_COLUMNS, values, strict=False)}
