"""prose_vs_table: totals the prose states (facts, or a plain scan when there are none) against the table cells."""

from __future__ import annotations

from schemas import Cell, Check, CheckEvidence, Document, Extraction
from workers.stages.tables.identities import Term, evidence, expression, fmt, total
from workers.stages.tables.prose_scan import scan
from workers.stages.tables.regions import find_regions
from workers.stages.validate.tables.presence import not_applicable

_PROSE = {
    "requests.received": ["requests.new_received.total"],
    "requests.carried_over": ["requests.carried_over.total"],
    "requests.carried_forward": ["requests.carried_forward.total"],
    "requests.answered": ["requests.total_processed.total"],
    "requests.granted": ["requests.granted.total"],
    "requests.partially_granted": ["requests.partially_granted.total"],
    "review.total": ["review_litigation.review.total"],
    "litigation.total": [
        "review_litigation.litigation_direct.total",
        "review_litigation.litigation_after_review.total",
    ],
}


def prose_vs_table(doc: Document, ext: Extraction) -> list[Check]:
    stated: list[tuple[str, float, bool, int, int, str]]
    stated = [
        (f.concept, f.value, f.approx, f.evidence.start, f.evidence.end, f.evidence.quote)
        for f in ext.facts
        if f.concept in _PROSE and f.value is not None
    ]
    if not stated:
        regions = find_regions(doc.text)
        spans = [s for s in (regions.proactive, regions.requests, regions.review) if s]
        stated = [(s.concept, s.value, False, s.start, s.end, s.quote) for s in scan(doc.text, spans)]
    if not stated:
        return [not_applicable("prose_vs_table", "正文未见可与表格对照的数字")]
    tables = ext.tables.model_dump()
    out: list[Check] = []
    for concept, value, approx, start, end, quote in stated:
        terms = [Term(p, p, _dig(tables, p)) for p in _PROSE[concept]]
        table_value = total(terms, False)
        ev = [CheckEvidence(start=start, end=end, quote=quote), *evidence(terms)]
        said = f"正文“{quote}”为{fmt(value)}，表格{expression(terms, table_value)}"
        if table_value is None or approx:
            status = "uncertain"
        else:
            status = "pass" if abs(table_value - value) < 1e-6 else "fail"
        out.append(
            Check(
                rule="prose_vs_table",
                severity="warning",
                status=status,
                scope=concept,
                message=said,
                expected=value,
                actual=table_value,
                evidence=ev,
            )
        )
    return out


def _dig(tables: dict[str, object], path: str) -> Cell | None:
    table, rest = path.split(".", 1)
    row, col = rest.rsplit(".", 1)
    block = tables.get(table) or {}
    cell = block.get(row, {}).get(col) if isinstance(block, dict) else None
    return Cell(**cell) if isinstance(cell, dict) else None
