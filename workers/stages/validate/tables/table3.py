"""Table 三 identities: per column 一+二 = （七）总计+四 and （七）总计 = the result rows;
per row 总计 = the six applicant columns.
"""

from __future__ import annotations

from schemas import Check
from workers.stages.tables.identities import COLUMN_NAMES, ROW_NAMES, Term
from workers.stages.tables.labels import APPLICANTS, REQUEST_COLUMNS, RESULTS_F19, RESULTS_F21
from workers.stages.validate.tables.identity import Block, identity, term


def per_column(req: Block, splits: set[str]) -> list[Check]:
    results = RESULTS_F21 if any(r.startswith("other.") and r != "other.total" for r in req) else RESULTS_F19
    out: list[Check] = []
    for col in REQUEST_COLUMNS:
        name = COLUMN_NAMES[col]
        left = [term(req, "requests", r, col) for r in ("new_received", "carried_over")]
        right = [term(req, "requests", r, col) for r in ("total_processed", "carried_forward")]
        out += identity("table3.balance", f"requests.{col}", left, right, f"{name}栏", splits)
        parts = [Term(f"requests.{r}.{col}", r, req.get(r, {}).get(col)) for r in results]
        whole = [term(req, "requests", "total_processed", col)]
        out += identity(
            "table3.results_sum",
            f"requests.{col}",
            parts,
            whole,
            f"{name}栏",
            splits,
            "（七）总计栏为",
            "各项办理结果合计",
        )
    return out


def row_totals(req: Block, splits: set[str]) -> list[Check]:
    out: list[Check] = []
    for row, cells in req.items():
        parts = [Term(f"requests.{row}.{c}", COLUMN_NAMES[c], cells.get(c)) for c in APPLICANTS]
        whole = [Term(f"requests.{row}.total", "总计", cells.get("total"))]
        name = ROW_NAMES.get(row, row)
        out += identity("table3.row_total", f"requests.{row}", parts, whole, name, splits, "总计栏为")
    return out
