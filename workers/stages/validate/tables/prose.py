"""prose_vs_table: totals the prose states (facts, or a plain scan when there are none), and the result groups
its breakdowns of the requests name (无法提供2件), against the table cells."""

from __future__ import annotations

from typing import Any

from schemas import Cell, Check, CheckEvidence, Document, Extraction, Fact
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


# A part of the requests named by its result group (无法提供2件, 其他处理2件) against the sum of that group's rows
# in table 三 (the template prints no group total for them).
_GROUPS = (("不予公开", "denied."), ("无法提供", "unable."), ("不予处理", "not_processed."), ("其他处理", "other."))
_PARTS_OF = ("requests.received", "requests.answered")


def _group_parts(ext: Extraction, tables: dict[str, Any]) -> list[tuple[Fact, str, float, list[Term]]]:
    requests = tables.get("requests")
    if not isinstance(requests, dict):
        return []
    out = []
    for f in ext.facts:
        if f.concept not in _PARTS_OF:
            continue
        for part in f.parts:
            groups = [prefix for word, prefix in _GROUPS if word in part.label]
            if len(groups) != 1 or part.value is None:
                continue
            paths = [f"requests.{row}.total" for row in requests if row.startswith(groups[0])]
            terms = [Term(p, p, cell) for p in paths if (cell := _dig(tables, p)) is not None]
            if terms:
                out.append((f, part.label, part.value, terms))
    return out


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
    for f, label, value, terms in _group_parts(ext, tables):
        table_value = total(terms, True)
        ev = [CheckEvidence(start=f.evidence.start, end=f.evidence.end, quote=f.evidence.quote), *evidence(terms)]
        said = f"正文“{f.evidence.quote}”中{label}{fmt(value)}，表格{expression(terms, table_value)}"
        out.append(_compared(f.concept, value, table_value, f.approx, said, ev))
    for concept, value, approx, start, end, quote in stated:
        terms = [Term(p, p, _dig(tables, p)) for p in _PROSE[concept]]
        table_value = total(terms, False)
        ev = [CheckEvidence(start=start, end=end, quote=quote), *evidence(terms)]
        said = f"正文“{quote}”为{fmt(value)}，表格{expression(terms, table_value)}"
        out.append(_compared(concept, value, table_value, approx, said, ev))
    return out


def _compared(
    scope: str, value: float, table_value: float | None, approx: bool, said: str, ev: list[CheckEvidence]
) -> Check:
    same = table_value is not None and abs(table_value - value) < 1e-6
    status = "uncertain" if table_value is None or approx else "pass" if same else "fail"
    return Check(
        rule="prose_vs_table",
        severity="warning",
        status=status,
        scope=scope,
        message=said,
        expected=value,
        actual=table_value,
        evidence=ev,
    )


def _dig(tables: dict[str, object], path: str) -> Cell | None:
    table, rest = path.split(".", 1)
    row, col = rest.rsplit(".", 1)
    block = tables.get(table) or {}
    cell = block.get(row, {}).get(col) if isinstance(block, dict) else None
    return Cell(**cell) if isinstance(cell, dict) else None
