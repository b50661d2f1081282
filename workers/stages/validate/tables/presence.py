"""structure.tables: tables 二, 三 and 四 present and table 三 complete; and the not-applicable marker."""

from __future__ import annotations

import re

from schemas import Check, Document, Extraction, Segmentation
from workers.stages.tables.labels import ROWS_F21
from workers.stages.validate.structure import is_complete

# Words printed only inside each table: when they are in the text the table is there, just not read.
_TRACES = {
    "二": re.compile(r"第二十条|处理决定数量|制发件数"),
    "三": re.compile(r"本年新收|上年结转|勾稽关系"),
    "四": re.compile(r"尚未审结|结果维持|复议后起诉|直接起诉"),
}


def presence(doc: Document, seg: Segmentation, ext: Extraction) -> Check:
    t = ext.tables
    present = {"二": t.proactive, "三": t.requests, "四": t.review_litigation}
    missing = [k for k, v in present.items() if not v]
    short = [r for r in ROWS_F21 if t.requests and r not in t.requests and not r.startswith("other.")]
    if not missing and not short:
        return Check(rule="structure.tables", status="pass", message="表二、表三、表四齐全")
    msg = "缺少表" + "、".join(missing) if missing else "表三缺少行：" + "、".join(short)
    # A whole report with no trace of a table's printed labels lacks it; otherwise the text may be cut short, or
    # the table there but unreadable.
    absent = [k for k in missing if not _TRACES[k].search(doc.text)]
    if absent and not short and is_complete(doc, seg):
        return Check(rule="structure.tables", status="fail", message="缺少表" + "、".join(absent))
    return Check(rule="structure.tables", status="uncertain", message=msg + "（也可能是未能读出）")


def not_applicable(rule: str, message: str = "无此表") -> Check:
    return Check(rule=rule, status="not_applicable", message=message)
