"""table.values: every cell a non-negative number of the right kind (counts whole, amounts may be decimal)."""

from __future__ import annotations

from schemas import Check, CheckEvidence
from workers.stages.validate.tables.identity import Block


def values(*blocks: Block) -> list[Check]:
    out: list[Check] = []
    for table, block in zip(("proactive", "requests", "review_litigation"), blocks, strict=True):
        if not block:
            continue
        bad: list[CheckEvidence] = []
        odd: list[CheckEvidence] = []
        for row, cells in block.items():
            for col, cell in cells.items():
                path, v = f"{table}.{row}.{col}", cell.value
                # 本年增/减 may go down; only amounts may carry decimals.
                if v is not None and ((v < 0 and col != "change") or (v != int(v) and col != "amount")):
                    bad.append(CheckEvidence(cell=path, raw=cell.raw))
                elif v is None:
                    odd.append(CheckEvidence(cell=path, raw=cell.raw))
        if bad:
            msg = "、".join(f"{e.cell}为{e.raw}" for e in bad[:5]) + "：应为非负整数（金额可为小数）"
            out.append(Check(rule="table.values", status="fail", scope=table, message=msg, evidence=bad))
        elif odd:
            msg = f"{len(odd)}个格不是数字（空白、“—”、“/”、“无”或文字），无法确认"
            out.append(Check(rule="table.values", status="uncertain", scope=table, message=msg, evidence=odd[:20]))
        else:
            out.append(Check(rule="table.values", status="pass", scope=table, message="各格均为非负数"))
    return out
