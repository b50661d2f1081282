"""Sums over table cells for the checks: strict (blank is unknown) and lenient (blank read as 0).

A strict sum with a blank or unreadable operand has no value; the lenient pass is reported apart
and never fails, because a blank cell is not a 0 the report printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas import Cell, CheckEvidence

COLUMN_NAMES = {
    "natural_person": "自然人",
    "commercial_enterprise": "商业企业",
    "research_institution": "科研机构",
    "social_welfare_org": "社会公益组织",
    "legal_service_org": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
    "maintained": "维持",
    "corrected": "纠正",
    "other": "其他",
    "pending": "尚未审结",
}
ROW_NAMES = {
    "new_received": "本年新收",
    "carried_over": "上年结转",
    "total_processed": "办理结果总计",
    "carried_forward": "结转下年度",
    "granted": "予以公开",
    "partially_granted": "部分公开",
    "review": "行政复议",
    "litigation_direct": "未经复议直接起诉",
    "litigation_after_review": "复议后起诉",
}


@dataclass
class Term:
    path: str
    name: str
    cell: Cell | None

    def shown(self) -> str:
        if self.cell is None:
            return f"{self.name}(缺)"
        if self.cell.value is None:
            return f"{self.name}({self.cell.raw or '空白'})"
        return f"{self.name}{_num(self.cell.value)}"


def _num(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"


def total(terms: list[Term], lenient: bool) -> float | None:
    """The sum, or None when an operand is unknown (blank counts as 0 only when lenient)."""
    out = 0.0
    for t in terms:
        if t.cell is not None and t.cell.value is not None:
            out += t.cell.value
        elif lenient and t.cell is not None and t.cell.semantic in ("blank", "dash"):
            continue
        else:
            return None
    return out


def only_blanks_unknown(terms: list[Term]) -> bool:
    unknown = [t for t in terms if t.cell is None or t.cell.value is None]
    return bool(unknown) and all(t.cell is not None and t.cell.semantic in ("blank", "dash") for t in unknown)


def expression(terms: list[Term], value: float | None) -> str:
    text = "+".join(t.shown() for t in terms)
    return f"{text}={_num(value)}" if value is not None and len(terms) > 1 else text


def evidence(terms: list[Term]) -> list[CheckEvidence]:
    return [CheckEvidence(cell=t.path, raw=t.cell.raw if t.cell else None) for t in terms]


def fmt(v: float | None) -> str:
    return "?" if v is None else _num(v)
