"""Checks on the template tables: table 三 and 四 identities, cell values, prose against table, presence."""

from __future__ import annotations

from schemas import Cell, Check, CheckEvidence, Document, Extraction, Segmentation
from workers.stages.tables.identities import (
    COLUMN_NAMES,
    ROW_NAMES,
    Term,
    evidence,
    expression,
    fmt,
    only_blanks_unknown,
    total,
)
from workers.stages.tables.labels import (
    APPLICANTS,
    REQUEST_COLUMNS,
    RESULTS_F19,
    RESULTS_F21,
    REVIEW_BLOCKS,
    REVIEW_COLUMNS,
    ROWS_F21,
)
from workers.stages.tables.prose_scan import scan
from workers.stages.tables.regions import find_regions

Block = dict[str, dict[str, Cell]]
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
    checks += _per_column(req, split_paths) if req else [_na("table3.balance"), _na("table3.results_sum")]
    checks += _row_totals(req, split_paths) if req else [_na("table3.row_total")]
    checks += _review_totals(rev, split_paths) if rev else [_na("table4.row_total")]
    checks += _values(t.proactive or {}, req, rev)
    checks += _prose(doc, ext)
    checks.append(_structure(doc, ext))
    return checks


def _term(block: Block, table: str, row: str, col: str) -> Term:
    name = f"{ROW_NAMES.get(row, row)}"
    return Term(f"{table}.{row}.{col}", name, block.get(row, {}).get(col))


def _identity(
    rule: str,
    scope: str,
    left: list[Term],
    right: list[Term],
    head: str,
    splits: set[str],
    right_name: str = "",
    left_name: str = "",
) -> list[Check]:
    """left == right, strictly; plus a lenient pass when only blanks stood in the way."""
    lhs, rhs = total(left, False), total(right, False)
    ev = evidence(left + right)
    shown_left = f"{left_name}{fmt(lhs)}" if left_name else expression(left, lhs)
    shown_right = expression(right, rhs) if len(right) > 1 else right[0].shown().removeprefix(right[0].name)
    said = f"{head}：{shown_left}，{right_name}{shown_right}"
    if lhs is None or rhs is None:
        out = [
            Check(
                rule=rule,
                status="uncertain",
                scope=scope,
                message=f"{said}（有空白或无法读取的格，无法核对）",
                expected=lhs,
                actual=rhs,
                evidence=ev,
            )
        ]
        if only_blanks_unknown(left + right):
            lo, ro = total(left, True), total(right, True)
            status = "pass" if lo == ro else "uncertain"
            note = "空白按0计后相符" if status == "pass" else f"空白按0计：{fmt(lo)}与{fmt(ro)}仍不相符"
            out.append(
                Check(
                    rule=rule,
                    status=status,
                    scope=scope,
                    lenient=True,
                    message=f"{said}（{note}）",
                    expected=lo,
                    actual=ro,
                    evidence=ev,
                )
            )
        return out
    if abs(lhs - rhs) < 1e-6:
        return [Check(rule=rule, status="pass", scope=scope, message=said, expected=lhs, actual=rhs, evidence=ev)]
    if {t.path for t in left + right} & splits:
        return [
            Check(
                rule=rule,
                status="uncertain",
                scope=scope,
                message=f"{said}（疑有拆格，见split_cells）",
                expected=lhs,
                actual=rhs,
                evidence=ev,
            )
        ]
    return [
        Check(rule=rule, status="fail", scope=scope, message=f"{said}，两者不符", expected=lhs, actual=rhs, evidence=ev)
    ]


def _per_column(req: Block, splits: set[str]) -> list[Check]:
    results = RESULTS_F21 if any(r.startswith("other.") and r != "other.total" for r in req) else RESULTS_F19
    out: list[Check] = []
    for col in REQUEST_COLUMNS:
        name = COLUMN_NAMES[col]
        left = [_term(req, "requests", r, col) for r in ("new_received", "carried_over")]
        right = [_term(req, "requests", r, col) for r in ("total_processed", "carried_forward")]
        out += _identity("table3.balance", f"requests.{col}", left, right, f"{name}栏", splits)
        parts = [Term(f"requests.{r}.{col}", r, req.get(r, {}).get(col)) for r in results]
        whole = [_term(req, "requests", "total_processed", col)]
        out += _identity(
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


def _row_totals(req: Block, splits: set[str]) -> list[Check]:
    out: list[Check] = []
    for row, cells in req.items():
        parts = [Term(f"requests.{row}.{c}", COLUMN_NAMES[c], cells.get(c)) for c in APPLICANTS]
        whole = [Term(f"requests.{row}.total", "总计", cells.get("total"))]
        out += _identity(
            "table3.row_total", f"requests.{row}", parts, whole, ROW_NAMES.get(row, row), splits, "总计栏为"
        )
    return out


def _review_totals(rev: Block, splits: set[str]) -> list[Check]:
    out: list[Check] = []
    for block in REVIEW_BLOCKS:
        cells = rev.get(block, {})
        parts = [Term(f"review_litigation.{block}.{c}", COLUMN_NAMES[c], cells.get(c)) for c in REVIEW_COLUMNS[:-1]]
        whole = [Term(f"review_litigation.{block}.total", "总计", cells.get("total"))]
        out += _identity(
            "table4.row_total", f"review_litigation.{block}", parts, whole, ROW_NAMES[block], splits, "总计栏为"
        )
    return out


def _values(*blocks: Block) -> list[Check]:
    out: list[Check] = []
    for table, block in zip(("proactive", "requests", "review_litigation"), blocks, strict=True):
        if not block:
            continue
        bad: list[CheckEvidence] = []
        odd: list[CheckEvidence] = []
        for row, cells in block.items():
            for col, cell in cells.items():
                path, v = f"{table}.{row}.{col}", cell.value
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


def _prose(doc: Document, ext: Extraction) -> list[Check]:
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
        return [_na("prose_vs_table", "正文未见可与表格对照的数字")]
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


def _structure(doc: Document, ext: Extraction) -> Check:
    t = ext.tables
    present = {"二": t.proactive, "三": t.requests, "四": t.review_litigation}
    missing = [k for k, v in present.items() if not v]
    short = [r for r in ROWS_F21 if t.requests and r not in t.requests and not r.startswith("other.")]
    if not missing and not short:
        return Check(rule="structure.tables", status="pass", message="表二、表三、表四齐全")
    msg = "缺少表" + "、".join(missing) if missing else "表三缺少行：" + "、".join(short)
    # A report cut short, or a table we could not read, looks the same as a missing table: say so.
    return Check(rule="structure.tables", status="uncertain", message=msg + "（也可能是未能读出）")


def _na(rule: str, message: str = "无此表") -> Check:
    return Check(rule=rule, status="not_applicable", message=message)
