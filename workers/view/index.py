"""The index of reports: one row per record, sortable and filterable by year, template and failing rule.

Rows carry their values as data attributes and the filters live in the URL's fragment
(`index.html#year=2022&template=F21&rule=table3.balance`), so a filtered view is a link, and the small script
(`assets/index.js`) only hides and reorders rows the page already holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from schemas import Record
from workers.view.page import page_name
from workers.view.shell import document


@dataclass(frozen=True)
class Summary:
    record_id: str
    title: str
    publisher: str
    year: int | None
    template: str
    published: str
    key: str
    failing: tuple[str, ...]  # the rule of each failing check, in record order
    uncertain: int
    facts: int

    @classmethod
    def of(cls, record: Record) -> Summary:
        m = record.meta
        return cls(
            record_id=record.record_id,
            title=m.title or record.source.key,
            publisher=m.publisher or "",
            year=m.report_year,
            template=m.template,
            published=m.published_date.isoformat() if m.published_date else "",
            key=record.source.key,
            failing=tuple(c.rule for c in record.checks if c.status == "fail"),
            uncertain=sum(c.status == "uncertain" for c in record.checks),
            facts=len(record.facts),
        )


_COLUMNS = (
    ("title", "标题"),
    ("publisher", "发布机构"),
    ("year", "年度"),
    ("template", "模板"),
    ("fail", "不通过的检查"),
    ("uncertain", "存疑"),
    ("facts", "数字"),
    ("published", "发布日期"),
)


def render_index(rows: Sequence[Summary], note: str = "") -> str:
    heads = "".join(f'<th data-key="{key}"><button type="button">{name}</button></th>' for key, name in _COLUMNS)
    body = "".join(_row(s) for s in rows)
    aside = f"（{escape(note)}）" if note else ""
    return document(
        "政府信息公开年度报告",
        f'<header class="top"><h1>政府信息公开年度报告 <small>{len(rows)} 份{aside}</small></h1></header>'
        f'{_filters(rows)}<div class="scroll"><table class="reports" id="reports"><thead><tr>{heads}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>",
        script="index.js",
    )


def _filters(rows: Sequence[Summary]) -> str:
    years = sorted({s.year for s in rows if s.year}, reverse=True)
    templates = sorted({s.template for s in rows})
    rules = Counter(r for s in rows for r in set(s.failing))
    year_opts = "".join(f'<option value="{y}">{y}</option>' for y in years)
    template_opts = "".join(f'<option value="{escape(t)}">{escape(t)}</option>' for t in templates)
    rule_opts = "".join(f'<option value="{escape(r)}">{escape(r)}（{n}）</option>' for r, n in sorted(rules.items()))
    # Hidden until the script runs: without it the controls could do nothing.
    return (
        '<form class="filters" id="filters" hidden>'
        f'<label>年度 <select name="year"><option value="">全部</option>{year_opts}</select></label>'
        f'<label>模板 <select name="template"><option value="">全部</option>{template_opts}</select></label>'
        '<label>不通过的检查 <select name="rule"><option value="">全部</option><option value="*">有不通过</option>'
        f'<option value="-">全部通过</option>{rule_opts}</select></label>'
        '<label>查找 <input type="search" name="q" placeholder="标题、发布机构、文件名"></label>'
        f'<output id="shown">{len(rows)} / {len(rows)}</output></form>'
    )


def _row(s: Summary) -> str:
    name = page_name(s.record_id)
    title = escape(s.title)
    link = f'<a href="{name}">{title}</a>' if name else title
    chips = "".join(
        f'<span class="chip">{escape(rule)}{f" ×{n}" if n > 1 else ""}</span>' for rule, n in Counter(s.failing).items()
    )
    data = {
        "title": s.title,
        "publisher": s.publisher,
        "year": str(s.year or ""),
        "template": s.template,
        "rules": " ".join(dict.fromkeys(s.failing)),
        "fail": str(len(s.failing)),
        "uncertain": str(s.uncertain),
        "facts": str(s.facts),
        "published": s.published,
        "search": f"{s.title} {s.publisher} {s.key}".lower(),
    }
    attrs = " ".join(f'data-{k}="{escape(v)}"' for k, v in data.items())
    return (
        f'<tr id="r-{escape(s.record_id)}" {attrs}><td>{link}<div class="key">{escape(s.key)}</div></td>'
        f"<td>{escape(s.publisher)}</td><td>{s.year or ''}</td><td>{escape(s.template)}</td><td>{chips}</td>"
        f"<td>{s.uncertain or ''}</td><td>{s.facts}</td><td>{s.published}</td></tr>"
    )
