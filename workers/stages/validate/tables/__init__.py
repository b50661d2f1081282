"""Checks on the template tables: table 三 and 四 identities, cell values, prose against table, presence.

One module per family; `run` composes them in the order the record lists them.
"""

from __future__ import annotations

from schemas import Check, Document, Extraction, Segmentation
from workers.stages.validate.tables.presence import not_applicable, presence
from workers.stages.validate.tables.prose import prose_vs_table
from workers.stages.validate.tables.table3 import per_column, row_totals
from workers.stages.validate.tables.table4 import review_totals
from workers.stages.validate.tables.values import values

RULES = (
    "table3.balance",
    "table3.results_sum",
    "table3.row_total",
    "table4.row_total",
    "table.values",
    "prose_vs_table",
    "structure.tables",
)


def run(doc: Document, seg: Segmentation, ext: Extraction) -> list[Check]:
    if ext.template not in ("F19", "F21"):
        return []
    t = ext.tables
    split_paths = {s.path for s in t.split_cells or []}
    checks: list[Check] = []
    req, rev = t.requests or {}, t.review_litigation or {}
    if req:
        checks += per_column(req, split_paths) + row_totals(req, split_paths)
    else:
        checks += [not_applicable(r) for r in ("table3.balance", "table3.results_sum", "table3.row_total")]
    checks += review_totals(rev, split_paths) if rev else [not_applicable("table4.row_total")]
    checks += values(t.proactive or {}, req, rev)
    checks += prose_vs_table(doc, ext)
    checks.append(presence(doc, seg, ext))
    return checks
