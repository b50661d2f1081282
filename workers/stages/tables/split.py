"""拆格: a number that PDF extraction split across two cells ("1", "2" for 12).

A row with one cell too many is tested by joining each pair of neighbouring numbers; a join that
makes the row's own identity hold is suggested, never applied, so the record shows what was read.
"""

from __future__ import annotations

from schemas import SplitCell
from workers.stages.tables.cells import is_number, parse_cell


def _joined(values: list[str], k: int) -> list[str] | None:
    a, b = values[k].strip(), values[k + 1].strip()
    if not (is_number(a) and is_number(b)) or "." in a:
        return None
    return [*values[:k], a + b, *values[k + 2 :]]


def _number(raw: str) -> float | None:
    return parse_cell(raw).value


def split_row(values: list[str], cols: list[str], row: str) -> list[SplitCell]:
    """Table 三 row with len(cols)+1 cells: the join after which 总计 = the six applicant columns."""
    found: list[SplitCell] = []
    for k in range(len(values) - 1):
        joined = _joined(values, k)
        if joined is None:
            continue
        nums = [_number(v) for v in joined]
        if any(n is None for n in nums):
            continue
        by_col = dict(zip(cols, nums, strict=True))
        parts = [v for c, v in by_col.items() if c not in ("total", "subtotal")]
        if by_col.get("total") == sum(p for p in parts if p is not None):
            found.append(_split(f"requests.{row}.{cols[k]}", values[k], values[k + 1], joined[k]))
    return found if len(found) == 1 else []


def split_blocks(values: list[str], cols: tuple[str, ...], names: tuple[str, ...]) -> list[SplitCell]:
    """Table 四 read as one run of numbers with one too many: the join after which every block adds up."""
    width = len(cols)
    found: list[SplitCell] = []
    for k in range(len(values) - 1):
        joined = _joined(values, k)
        if joined is None or len(joined) != width * len(names):
            continue
        nums = [_number(v) for v in joined]
        if any(n is None for n in nums):
            continue
        blocks = [nums[i * width : (i + 1) * width] for i in range(len(names))]
        if all(sum(n or 0 for n in b[:-1]) == b[-1] for b in blocks):
            block, col = divmod(k, width)
            path = f"review_litigation.{names[block]}.{cols[col]}"
            found.append(_split(path, values[k], values[k + 1], joined[k]))
    return found if len(found) == 1 else []


def _split(path: str, a: str, b: str, joined: str) -> SplitCell:
    value = _number(joined)
    return SplitCell(
        path=path,
        raw_parts=[a, b],
        suggested_value=value if value is not None else 0.0,
        note=f"“{a}”与“{b}”疑为同一数字被拆成两格，合并为{joined}后本行数字相符；未自动合并",
    )
