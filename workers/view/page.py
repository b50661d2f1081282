"""One report's page: what the system read and what it found, each finding linked to where it stands.

Built for a reader who has a minute: the failing and uncertain checks come first with their numbers, each piece
of evidence a link to its mark in the text or its cell in the template grid; every fact is marked in the text.
"""

from __future__ import annotations

import re
from html import escape

from schemas import Check, CheckEvidence, Fact, Record
from workers.view import labels as L
from workers.view.grid import Citations, legend, render_tables
from workers.view.marks import Heading, Span, render_text, span_target
from workers.view.shell import document, number

# Record ids become file names and URL paths: only ids that are safe as both get a page.
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")
_OPEN = ("fail", "uncertain")


def page_name(record_id: str) -> str | None:
    return f"{record_id}.html" if SAFE_ID.fullmatch(record_id) else None


def render_report(record: Record) -> str:
    text_len = len(record.text)
    open_checks = [(i, c) for i, c in enumerate(record.checks) if c.status in _OPEN]
    open_checks.sort(key=lambda ic: _OPEN.index(ic[1].status))
    cited = Citations()
    for _, c in open_checks:
        for ev in c.evidence:
            if ev.cell:
                cited.add(ev.cell, c.status, f"{L.STATUS[c.status]} {c.rule}：{c.message}")
    findings = _checks(record, open_checks, text_len) + _tables(record, cited) + _facts(record.facts, text_len)
    title = record.meta.title or record.source.key
    body = (
        f'{_header(record, open_checks)}<div class="layout">'
        f'<aside class="findings">{findings}</aside>'
        f'<main class="reading"><h2>正文</h2>{_toc(record)}'
        f'<div class="text" id="text">{render_text(record.text, _spans(record), _headings(record))}</div></main>'
        "</div>"
    )
    return document(title, body)


def _header(record: Record, open_checks: list[tuple[int, Check]]) -> str:
    m, src = record.meta, record.source
    fails = sum(c.status == "fail" for _, c in open_checks)
    items = [
        ("发布机构", m.publisher),
        ("报告年度", str(m.report_year) if m.report_year else None),
        ("模板", m.template),
        ("发布日期", m.published_date.isoformat() if m.published_date else None),
        ("成文日期", m.written_date.isoformat() if m.written_date else None),
        ("索引号", m.index_no),
        ("来源", f"{src.bucket}/{src.key}" if src.bucket else src.key),
        ("格式", " ".join(x for x in (src.detected_format, src.encoding) if x)),
        ("记录", record.record_id),
        ("流水线", record.pipeline.version),
    ]
    meta = "".join(f"<div><dt>{k}</dt><dd>{escape(v or '—')}</dd></div>" for k, v in items)
    badges = (
        f'<span class="badge fail">不通过 {fails}</span>'
        f'<span class="badge doubt">存疑 {len(open_checks) - fails}</span>'
        f'<span class="badge fact">数字 {len(record.facts)}</span>'
    )
    return (
        f'<header class="top"><a class="back" href="index.html">← 全部报告</a>'
        f'<h1>{escape(m.title or "（无标题）")}</h1><p class="badges">{badges}</p><dl class="meta">{meta}</dl>'
        "</header>"
    )


def _checks(record: Record, open_checks: list[tuple[int, Check]], text_len: int) -> str:
    items = "".join(_check(i, c, record.text, text_len) for i, c in open_checks)
    closed = [c for c in record.checks if c.status not in _OPEN]
    passed = "".join(
        f'<li><span class="st">{L.STATUS[c.status]}</span> <code>{escape(c.rule)}</code> {escape(c.message)}</li>'
        for c in closed
    )
    listing = f'<ol class="checks">{items}</ol>' if items else '<p class="ok">没有不通过或存疑的检查。</p>'
    return (
        f'<section id="checks"><h2>检查</h2>{listing}'
        f'<details class="passed"><summary>通过或不适用的检查 {len(closed)} 项</summary><ul>{passed}</ul></details>'
        "</section>"
    )


def _check(i: int, c: Check, text: str, text_len: int) -> str:
    css = "fail" if c.status == "fail" else "doubt"
    head = [
        f'<span class="st">{L.STATUS[c.status]}</span>',
        f"<code>{escape(c.rule)}</code>",
        f'<span class="sev">{L.SEVERITY[c.severity]}</span>',
    ]
    if c.scope:
        head.append(f'<span class="scope">{escape(c.scope)}</span>')
    if c.lenient:
        head.append('<span class="lenient">空白按0计</span>')
    nums = ""
    if c.expected is not None or c.actual is not None:
        nums = f'<p class="nums">应为 <b>{_shown(c.expected)}</b> · 报告为 <b>{_shown(c.actual)}</b></p>'
    links = " ".join(_evidence_link(ev, text, text_len) for ev in c.evidence)
    evidence = f'<p class="ev">依据：{links}</p>' if links else ""
    return (
        f'<li class="check {css}" id="check-{i}"><div class="head">{" ".join(head)}</div>'
        f'<p class="msg">{escape(c.message)}</p>{nums}{evidence}</li>'
    )


def _evidence_link(ev: CheckEvidence, text: str, text_len: int) -> str:
    if ev.cell:
        raw = "缺" if ev.raw is None else ev.raw or "空白"
        return (
            f'<a class="ev cell" href="#cell-{escape(ev.cell)}" title="{escape(ev.cell)}">'
            f"{escape(L.cell_name(ev.cell))} <b>{escape(raw)}</b></a>"
        )
    if ev.start is None:
        return ""
    end = ev.start if ev.end is None else ev.end
    quote = ev.quote if ev.quote is not None else text[ev.start : end]
    label = f"删除处：{_short(quote)}" if end <= ev.start else _short(quote)
    return f'<a class="ev" href="#{span_target(ev.start, end, text_len)}">{escape(label)}</a>'


def _facts(facts: list[Fact], text_len: int) -> str:
    if not facts:
        return '<section id="facts"><h2>正文中的数字</h2><p class="ok">未读出数字。</p></section>'
    rows = []
    for i, f in enumerate(facts):
        parts = "；".join(f"{escape(p.label)} {number(p.value)}" for p in f.parts)
        target = span_target(f.evidence.start, f.evidence.end, text_len)
        name = escape(L.CONCEPTS.get(f.concept, f.concept))
        rows.append(
            f'<tr id="fact-{i}"><td>{name}<br><code>{escape(f.concept)}</code></td>'
            f'<td class="num">{_value(f)}</td><td>{parts}</td>'
            f'<td><a class="ev" href="#{target}">{escape(_short(f.evidence.quote))}</a></td></tr>'
        )
    return (
        '<section id="facts"><h2>正文中的数字</h2><div class="scroll"><table class="facts">'
        f"<tr><th>概念</th><th>数值</th><th>分项</th><th>原文</th></tr>{''.join(rows)}</table></div></section>"
    )


def _tables(record: Record, cited: Citations) -> str:
    if record.tables.is_empty() and not cited.by_path and record.meta.template not in ("F19", "F21"):
        return ""
    return (
        f'<section id="tables"><h2>表格</h2>{legend()}'
        f"{render_tables(record.tables, record.meta.template, cited)}</section>"
    )


def _toc(record: Record) -> str:
    if not record.sections:
        return ""
    links = "".join(f'<li><a href="#sec-{i}">{escape(s.heading)}</a></li>' for i, s in enumerate(record.sections))
    return f'<nav class="toc"><ol>{links}</ol></nav>'


def _spans(record: Record) -> list[Span]:
    spans = [
        Span(
            f.evidence.start,
            f.evidence.end,
            "fact",
            i,
            f.concept,
            f"{f.concept}（{L.CONCEPTS.get(f.concept, f.concept)}）= {_value(f)}",
            f"{L.CONCEPTS.get(f.concept, f.concept)} {_value(f)}",
        )
        for i, f in enumerate(record.facts)
    ]
    for i, c in enumerate(record.checks):
        if c.status == "fail" or c.status == "uncertain":
            for ev in c.evidence:
                if ev.start is not None and not ev.cell:
                    end = ev.start if ev.end is None else ev.end
                    tip = f"{L.STATUS[c.status]} {c.rule}"
                    if end <= ev.start and ev.quote:
                        tip += f"：此处删除了“{_short(ev.quote)}”"
                    spans.append(Span(ev.start, end, c.status, i, c.rule, tip))
    return spans


def _headings(record: Record) -> list[Heading]:
    out = []
    for i, s in enumerate(record.sections):
        end = s.start + len(s.heading)
        out.append(Heading(s.start, end if record.text[s.start : end] == s.heading else s.start, f"sec-{i}"))
    return out


def _value(f: Fact) -> str:
    return f"{'约' if f.approx else ''}{number(f.value)}{escape(f.unit)}"


def _shown(v: float | str | None) -> str:
    return "—" if v is None else escape(v) if isinstance(v, str) else number(v)


def _short(s: str, limit: int = 28) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[:limit] + "…"
