"""One identity (left == right) over table cells, with the statuses every table rule shares.

Strict first: a blank or unreadable operand makes it uncertain. A lenient pass (blank read as 0) is
reported apart and never fails; a mismatch on a suspected 拆格 cell is uncertain, not failed.
"""

from __future__ import annotations

from schemas import Cell, Check
from schemas.checks import Status
from workers.stages.tables.identities import ROW_NAMES, Term, evidence, expression, fmt, only_blanks_unknown, total

Block = dict[str, dict[str, Cell]]


def term(block: Block, table: str, row: str, col: str) -> Term:
    return Term(f"{table}.{row}.{col}", ROW_NAMES.get(row, row), block.get(row, {}).get(col))


def identity(
    rule: str,
    scope: str,
    left: list[Term],
    right: list[Term],
    head: str,
    splits: set[str],
    right_name: str = "",
    left_name: str = "",
) -> list[Check]:
    lhs, rhs = total(left, False), total(right, False)
    ev = evidence(left + right)
    shown_left = f"{left_name}{fmt(lhs)}" if left_name else expression(left, lhs)
    shown_right = expression(right, rhs) if len(right) > 1 else right[0].shown().removeprefix(right[0].name)
    said = f"{head}：{shown_left}，{right_name}{shown_right}"

    def check(status: Status, message: str, lo: float | None, ro: float | None, lenient: bool = False) -> Check:
        return Check(
            rule=rule,
            status=status,
            scope=scope,
            lenient=lenient,
            message=message,
            expected=lo,
            actual=ro,
            evidence=ev,
        )

    if lhs is None or rhs is None:
        out = [check("uncertain", f"{said}（有空白或无法读取的格，无法核对）", lhs, rhs)]
        if only_blanks_unknown(left + right):
            lo, ro = total(left, True), total(right, True)
            agree = lo == ro
            note = "空白按0计后相符" if agree else f"空白按0计：{fmt(lo)}与{fmt(ro)}仍不相符"
            out.append(check("pass" if agree else "uncertain", f"{said}（{note}）", lo, ro, lenient=True))
        return out
    if abs(lhs - rhs) < 1e-6:
        return [check("pass", said, lhs, rhs)]
    if {t.path for t in left + right} & splits:
        return [check("uncertain", f"{said}（疑有拆格，见split_cells）", lhs, rhs)]
    return [check("fail", f"{said}，两者不符", lhs, rhs)]
