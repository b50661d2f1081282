"""The template tables drawn as the template prints them, every cell told apart by what it holds.

The grid is the template's, not the record's: a cell the report does not have is drawn as missing where it
belongs, so a check that cites it still has a cell to point at (`id="cell-<path>"`). Cells the record holds
outside the template are listed under the grid, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape

from schemas import Cell, Tables
from workers.stages.tables.identities import COLUMN_NAMES
from workers.stages.tables.labels import REQUEST_COLUMNS, ROWS_F19, ROWS_F21
from workers.stages.tables.labels import REVIEW_BLOCKS as BLOCK_KEYS
from workers.stages.tables.labels import REVIEW_COLUMNS as REVIEW_KEYS
from workers.stages.tables.proactive import proactive_columns
from workers.view import labels as L

Block = Mapping[str, Mapping[str, Cell]]
# The rows under 三、本年度办理结果, （七）总计 included.
_RESULT_ROWS = frozenset(ROWS_F21[2:-1] + ROWS_F19[2:-1])


@dataclass
class Citations:
    """The failing and uncertain checks that cite each cell: its mark on the grid and its tooltip."""

    by_path: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # path -> [(status, "rule: message")]

    def add(self, path: str, status: str, note: str) -> None:
        self.by_path.setdefault(path, []).append((status, note))

    def status(self, path: str) -> str:
        found = {s for s, _ in self.by_path.get(path, [])}
        return "fail" if "fail" in found else "doubt" if found else ""

    def in_table(self, table: str) -> list[str]:
        return [p for p in self.by_path if p.startswith(table + ".")]


def render_tables(tables: Tables, template: str, cited: Citations) -> str:
    drawn: set[str] = set()
    parts: list[str] = []
    for name, block, draw in (
        ("proactive", tables.proactive, _proactive),
        ("requests", tables.requests, _requests),
        ("review_litigation", tables.review_litigation, _review),
    ):
        paths = cited.in_table(name)
        if not block and not paths:
            parts.append(f'<p class="absent">{L.TABLE_TITLES[name]}：未读出</p>')
            continue
        grid = draw(block or {}, template, cited, paths, drawn)
        outside = _outside(name, block or {}, paths, cited, drawn)
        parts.append(f'<h3>{L.TABLE_TITLES[name]}</h3><div class="scroll">{grid}</div>{outside}')
    if tables.extra_rows:
        parts.append(f"<h3>{L.TABLE_TITLES['extra_rows']}</h3>")
        parts.append(_plain("extra_rows", tables.extra_rows, cited, drawn))
    if tables.split_cells:
        items = "".join(
            f'<li><a href="#cell-{escape(s.path)}">{escape(L.cell_name(s.path))}</a>：'
            f"原文分在两格 {escape(' | '.join(s.raw_parts))}，合并应为 {s.suggested_value}（{escape(s.note)}）</li>"
            for s in tables.split_cells
        )
        parts.append(f'<p class="note">疑有拆格：</p><ul class="splits">{items}</ul>')
    return "".join(parts)


def legend() -> str:
    samples = (("number", "", "12", "数字"), ("zero", "", "0", "零"), ("blank", "", "", "空白"),
               ("dash", "", "—", "横线、斜线、文字"), ("missing", "", "缺", "未读出"),
               ("number", "fail", "7", "不通过的检查所引"), ("number", "doubt", "7", "存疑的检查所引"))  # fmt: skip
    cells = "".join(
        f'<span class="key"><span class="c {sem} {flag}">{escape(raw)}</span>{name}</span>'
        for sem, flag, raw, name in samples
    )
    return f'<p class="legend">{cells}</p>'


def _td(path: str, cell: Cell | None, cited: Citations, drawn: set[str], span: int = 1) -> str:
    drawn.add(path)
    sem = cell.semantic if cell else "missing"
    shown = cell.raw if cell else "缺"
    notes = [f"{path}（{L.SEMANTIC[sem]}）", *(note for _, note in cited.by_path.get(path, []))]
    colspan = f' colspan="{span}"' if span > 1 else ""
    return (
        f'<td id="cell-{escape(path)}" class="c {sem} {cited.status(path)}"{colspan} '
        f'title="{escape(chr(10).join(notes))}">{escape(shown, quote=False)}</td>'
    )


def _proactive(block: Block, template: str, cited: Citations, paths: list[str], drawn: set[str]) -> str:
    version = "F19" if template == "F19" else "F21"
    groups: list[tuple[str, tuple[str, ...]]] = [(f"第二十条第{item}项", r) for item, r in L.PROACTIVE_GROUPS[version]]
    known = {r for _, rows in groups for r in rows}
    rest = [r for r in dict.fromkeys([*block, *(L.split_path(p)[1] for p in paths)]) if r not in known]
    if rest:
        groups.append(("其他行", tuple(rest)))
    cols_of = {row: _proactive_cols(row, version, block, paths) for _, rows in groups for row in rows}
    width = max(3, *(len(c) for c in cols_of.values()))
    out = ['<table class="grid t2">']
    for title, rows in groups:
        heads = cols_of[rows[0]]
        out.append(f'<tr><th class="group" colspan="{width + 1}">{escape(title)}</th></tr><tr><th>信息内容</th>')
        out += [
            f"<th{_span(i, len(heads), width)}>{escape(L.proactive_column(rows[0], c))}</th>"
            for i, c in enumerate(heads)
        ]
        out.append("</tr>")
        for row in rows:
            cols = cols_of[row]
            out.append(f"<tr><th>{escape(L.PROACTIVE_ROWS.get(row, row))}</th>")
            for i, col in enumerate(cols):
                span = width - len(cols) + 1 if i == len(cols) - 1 else 1
                out.append(_td(f"proactive.{row}.{col}", block.get(row, {}).get(col), cited, drawn, span))
            out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _proactive_cols(row: str, version: str, block: Block, paths: list[str]) -> tuple[str, ...]:
    try:
        template = proactive_columns(version, row)
    except KeyError:
        template = ()
    seen = [*block.get(row, {}), *(L.split_path(p)[2] for p in paths if L.split_path(p)[1] == row)]
    return tuple(dict.fromkeys([*template, *seen]))


def _span(i: int, n: int, width: int) -> str:
    return f' colspan="{width - n + 1}"' if i == n - 1 and width > n else ""


def _requests(block: Block, template: str, cited: Citations, paths: list[str], drawn: set[str]) -> str:
    rows = _request_rows({*block, *(L.split_path(p)[1] for p in paths)}, template)
    results = [r for r in rows if r in _RESULT_ROWS]
    out = [
        '<table class="grid t3"><tr><th colspan="3" rowspan="3" class="note">'
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>"
        '<th colspan="7">申请人情况</th></tr><tr><th rowspan="2">自然人</th>'
        '<th colspan="5">法人或其他组织</th><th rowspan="2">总计</th></tr><tr>'
    ]
    out += [f"<th>{COLUMN_NAMES[c]}</th>" for c in REQUEST_COLUMNS[1:-1]]
    out.append("</tr>")
    for row in rows:
        out.append("<tr>")
        if row not in results:
            out.append(f'<th colspan="3">{escape(L.REQUEST_ROWS.get(row, row))}</th>')
        else:
            if row == results[0]:
                out.append(f'<th rowspan="{len(results)}" class="vert">三、本年度办理结果</th>')
            group = row.partition(".")[0] if "." in row and row != "other.total" else ""
            members = [r for r in results if group and r.startswith(group + ".")]
            if group and row == members[0]:
                out.append(f'<th rowspan="{len(members)}">{escape(L.REQUEST_GROUPS.get(group, group))}</th>')
            label = escape(L.REQUEST_ROWS.get(row, row))
            out.append(f"<th>{label}</th>" if group else f'<th colspan="2">{label}</th>')
        out += [_td(f"requests.{row}.{col}", block.get(row, {}).get(col), cited, drawn) for col in REQUEST_COLUMNS]
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _request_rows(keys: Iterable[str], template: str) -> tuple[str, ...]:
    # The 其他处理 rows tell the version apart better than the template does: mixed reports print F19's one row
    # under an F21 table 二.
    keys = set(keys)
    if "other.total" in keys:
        return ROWS_F19
    if any(k.startswith("other.") for k in keys):
        return ROWS_F21
    return ROWS_F19 if template == "F19" else ROWS_F21


def _review(block: Block, template: str, cited: Citations, paths: list[str], drawn: set[str]) -> str:
    out = [
        '<table class="grid t4"><tr><th colspan="5" rowspan="2">行政复议</th><th colspan="10">行政诉讼</th></tr><tr>'
        '<th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr><tr>'
    ]
    out += [f"<th>{L.REVIEW_COLUMNS[c]}</th>" for _ in BLOCK_KEYS for c in REVIEW_KEYS]
    out.append("</tr><tr>")
    for b in BLOCK_KEYS:
        out += [_td(f"review_litigation.{b}.{c}", block.get(b, {}).get(c), cited, drawn) for c in REVIEW_KEYS]
    out.append("</tr></table>")
    return "".join(out)


def _outside(table: str, block: Block, paths: list[str], cited: Citations, drawn: set[str]) -> str:
    """Cells the record (or a check) names that the template grid has no place for."""
    rows: dict[str, dict[str, Cell | None]] = {}
    for row, cells in block.items():
        for col, cell in cells.items():
            if f"{table}.{row}.{col}" not in drawn:
                rows.setdefault(row, {})[col] = cell
    for path in paths:
        if path not in drawn:
            _, row, col = L.split_path(path)
            rows.setdefault(row, {}).setdefault(col, None)
    if not rows:
        return ""
    return '<p class="note">模板以外的格：</p>' + _plain(table, rows, cited, drawn)


def _plain(table: str, block: Mapping[str, Mapping[str, Cell | None]], cited: Citations, drawn: set[str]) -> str:
    cols = list(dict.fromkeys(c for cells in block.values() for c in cells))
    out = ['<div class="scroll"><table class="grid plain"><tr><th></th>']
    out += [f"<th>{escape(COLUMN_NAMES.get(c, c))}</th>" for c in cols]
    out.append("</tr>")
    for row, cells in block.items():
        out.append(f"<tr><th><code>{escape(row)}</code></th>")
        for col in cols:
            path = f"{table}.{row}.{col}"
            out.append(_td(path, cells.get(col), cited, drawn) if col in cells and path not in drawn else "<td></td>")
        out.append("</tr>")
    out.append("</table></div>")
    return "".join(out)
