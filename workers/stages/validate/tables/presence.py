"""structure.tables: tables 二, 三 and 四 present and table 三 complete; and the not-applicable marker."""

from __future__ import annotations

from schemas import Check, Extraction
from workers.stages.tables.labels import ROWS_F21


def presence(ext: Extraction) -> Check:
    t = ext.tables
    present = {"二": t.proactive, "三": t.requests, "四": t.review_litigation}
    missing = [k for k, v in present.items() if not v]
    short = [r for r in ROWS_F21 if t.requests and r not in t.requests and not r.startswith("other.")]
    if not missing and not short:
        return Check(rule="structure.tables", status="pass", message="表二、表三、表四齐全")
    msg = "缺少表" + "、".join(missing) if missing else "表三缺少行：" + "、".join(short)
    # A report cut short, or a table we could not read, looks the same as a missing table: say so.
    return Check(rule="structure.tables", status="uncertain", message=msg + "（也可能是未能读出）")


def not_applicable(rule: str, message: str = "无此表") -> Check:
    return Check(rule=rule, status="not_applicable", message=message)
