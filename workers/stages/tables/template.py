"""F19 or F21, decided from what the tables print, never from the year.

Table 二's columns decide first (本年制发/废止/现行有效 against 新制作/新公开/对外公开总数,
上一年项目数量, 政府集中采购); table 三's （六）其他处理 decides when table 二 is missing.
Mixed reports exist (an F21 table 二 over a one-row 其他处理); table 二 wins there.
"""

from __future__ import annotations

from schemas.document import Template
from workers.stages.tables.proactive import variant


def decide(proactive_text: str | None, has_tables: bool, other_rows_f21: bool | None) -> Template:
    if not has_tables:
        return "unknown"
    by_t2 = variant(proactive_text) if proactive_text else None
    if by_t2 == "F21":
        return "F21"
    if by_t2 == "F19":
        return "F19"
    if other_rows_f21 is None:
        return "unknown"
    return "F21" if other_rows_f21 else "F19"
