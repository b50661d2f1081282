"""The report text as HTML, with every evidence span wrapped in a `<mark>` where it stands.

Spans overlap and nest (three facts quote the same sentence, a check cites a sentence that holds a fact), and
HTML elements cannot cross, so the text is cut at every span edge and each piece is one mark naming every span
that covers it. A piece's offsets (`data-s`, `data-e`) say exactly what it covers. The first piece of a span
carries the id `t<start>` that links point at; a span of no length (text removed there) is an empty mark with
the id `p<at>`. All of it is built here, as text, so a long report costs the browser no script at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from html import escape
from typing import Literal

# Long text is cut into blocks at line ends, so the browser can skip laying out what is off screen.
CHUNK_CHARS = 4000


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: Literal["fact", "fail", "uncertain"]
    index: int  # into record.facts or record.checks
    name: str  # the concept (facts) or the rule (checks)
    tip: str  # one line of the mark's title
    tag: str = ""  # facts: the short label shown after the span


@dataclass(frozen=True)
class Heading:
    start: int
    end: int  # == start when the heading's words are not found where the section starts
    anchor: str


def span_target(start: int, end: int, text_len: int) -> str:
    """The element id a link to this span points at (offsets clamped as `render_text` clamps them)."""
    start, end = _clamp(start, text_len), _clamp(end, text_len)
    return f"t{start}" if end > start else f"p{start}"


def render_text(text: str, spans: Sequence[Span], headings: Sequence[Heading] = ()) -> str:
    n = len(text)
    spans = [replace(s, start=_clamp(s.start, n), end=max(_clamp(s.end, n), _clamp(s.start, n))) for s in spans]
    # A heading is drawn bold only where it is one piece of one line: it must not cross a block edge.
    headings = [
        h if "\n" not in text[h.start : h.end] else replace(h, end=h.start)
        for h in (replace(h, start=_clamp(h.start, n), end=_clamp(h.end, n)) for h in headings)
    ]
    ranged = sorted((s for s in spans if s.end > s.start), key=lambda s: s.start)
    points: dict[int, list[Span]] = {}
    for s in spans:
        if s.end == s.start:
            points.setdefault(s.start, []).append(s)
    breaks = set(_chunk_breaks(text))
    opens = {h.start: h for h in headings}
    closes = {h.end: h for h in headings if h.end > h.start}
    cuts = {0, n, *breaks, *points, *opens, *closes}
    for s in ranged:
        cuts.update((s.start, s.end))
    edges = sorted(c for c in cuts if 0 <= c <= n)

    out = ['<div class="chunk">']
    active: list[Span] = []
    nxt = 0
    for i, a in enumerate(edges):
        b = edges[i + 1] if i + 1 < len(edges) else a
        if a in closes:
            out.append("</strong>")
        if a in breaks:
            out.append('</div><div class="chunk">')
        if a in opens:
            h = opens[a]
            out.append(f'<strong class="h" id="{h.anchor}">' if h.end > h.start else f'<span id="{h.anchor}"></span>')
        if a in points:
            out.append(_mark(points[a], a, a, f"p{a}", "pt"))
        active = [s for s in active if s.end > a]
        while nxt < len(ranged) and ranged[nxt].start <= a:
            active.append(ranged[nxt])
            nxt += 1
        if b <= a:
            continue
        piece = escape(text[a:b], quote=False)
        if not active:
            out.append(piece)
            continue
        starts_here = any(s.start == a for s in active)
        out.append(_mark(active, a, b, f"t{a}" if starts_here else "", "", piece))
        tags = [s.tag for s in active if s.end == b and s.kind == "fact"]
        if tags:
            out.append(f'<sup class="tag">{escape(" · ".join(tags), quote=False)}</sup>')
    out.append("</div>")
    return "".join(out)


def _mark(spans: Sequence[Span], a: int, b: int, ident: str, extra: str, body: str = "") -> str:
    facts = [s for s in spans if s.kind == "fact"]
    checks = [s for s in spans if s.kind != "fact"]
    classes = [extra] if extra else []
    if facts:
        classes.append("f")
    if any(s.kind == "fail" for s in checks):
        classes.append("fail")
    elif checks:
        classes.append("doubt")
    attrs = [f'class="{" ".join(classes)}"', f'data-s="{a}"', f'data-e="{b}"']
    if ident:
        attrs.insert(0, f'id="{ident}"')
    if facts:
        attrs.append(f'data-facts="{" ".join(str(s.index) for s in facts)}"')
        attrs.append(f'data-concepts="{escape(" ".join(dict.fromkeys(s.name for s in facts)))}"')
    if checks:
        attrs.append(f'data-checks="{" ".join(str(s.index) for s in checks)}"')
    attrs.append(f'title="{escape(chr(10).join(dict.fromkeys(s.tip for s in spans)))}"')
    return f"<mark {' '.join(attrs)}>{body}</mark>"


def _chunk_breaks(text: str) -> list[int]:
    out: list[int] = []
    at = CHUNK_CHARS
    while at < len(text):
        nl = text.find("\n", at)
        if nl < 0 or nl + 1 >= len(text):
            break
        out.append(nl + 1)
        at = nl + 1 + CHUNK_CHARS
    return out


def _clamp(offset: int, n: int) -> int:
    return min(max(offset, 0), n)
