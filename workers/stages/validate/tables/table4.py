"""Table 四 identity: in each block (复议, 直接起诉, 复议后起诉) 总计 = 维持 + 纠正 + 其他 + 尚未审结."""

from __future__ import annotations

from schemas import Check
from workers.stages.tables.identities import COLUMN_NAMES, ROW_NAMES, Term
from workers.stages.tables.labels import REVIEW_BLOCKS, REVIEW_COLUMNS
from workers.stages.validate.tables.identity import Block, identity


def review_totals(rev: Block, splits: set[str]) -> list[Check]:
    out: list[Check] = []
    for block in REVIEW_BLOCKS:
        cells = rev.get(block, {})
        parts = [Term(f"review_litigation.{block}.{c}", COLUMN_NAMES[c], cells.get(c)) for c in REVIEW_COLUMNS[:-1]]
        whole = [Term(f"review_litigation.{block}.total", "总计", cells.get("total"))]
        out += identity(
            "table4.row_total", f"review_litigation.{block}", parts, whole, ROW_NAMES[block], splits, "总计栏为"
        )
    return out
