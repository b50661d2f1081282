"""Segment stage: every heading line at every level, and the top-level sections with their kinds."""

from __future__ import annotations

import re
from collections import Counter

from schemas import Document, Heading, Section, Segmentation
from workers.stages.prose.headings import (
    TEMPLATE_TITLES,
    Candidate,
    continues_title,
    parse_line,
    run_in_title,
)
from workers.stages.prose.kinds import kinds_of

_SPACE = re.compile(r"\s")


# Where a heading starts a new logical line although no line break precedes it: right after the punctuation
# that ends a sentence or a lead-in ("…报告如下：一、概述", "…取得成效。二、主动公开…"). Only the numeral
# markers of the outer levels are tried (一、 第一部分 (一) ㈠): digits after a full stop are too often data.
_CN_NUM = "[一二三四五六七八九十]{1,3}"
_RUN_IN_START = re.compile(
    # Every branch starts at one of these characters: testing for them first spares the engine trying four
    # look-behinds at every position of every line (a quarter of the stage's time).
    r"(?=[一二三四五六七八九十第(（㈠-㈩])(?:"
    rf"(?<=[。；;：:！!？?\s)）])(?={_CN_NUM}、|第{_CN_NUM}部分|[(（]{_CN_NUM}[)）]|[㈠-㈩])"
    # After an e-mail address or a site name that ends the preamble (…@163.com一、概述).
    rf"|(?<=[A-Za-z])(?={_CN_NUM}、)"
    rf"|(?<=[。;；:：)）\s])(?={_CN_NUM}(?:{TEMPLATE_TITLES}))"
    # After the last cell of a table run into the text ("…行政事业性收费0三、收到和处理…", "…547.9659万元三、"):
    # the template's own row labels (一、本年新收…, 四、结转下年度…) are told apart by parse_line. A numeral
    # after any other word is part of it (统一、规范).
    rf"|(?<=[\d元个件条项次人])(?={_CN_NUM}、)"
    ")"
)


def _lines(text: str) -> list[tuple[int, str]]:
    """Logical lines (offset, text): the text's own lines, also cut where a heading runs on after a sentence."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        cuts = [m.start() for m in _RUN_IN_START.finditer(body)] if len(body) > 1 else []
        prev = 0
        for cut in cuts:
            out.append((pos + prev, body[prev:cut]))
            prev = cut
        out.append((pos + prev, body[prev:]))
        pos += len(line)
    return out


def _in_grid(doc: Document, pos: int) -> bool:
    return bool(doc.grids) and any(g.start <= pos < g.end for g in doc.grids)


def find_candidates(doc: Document) -> list[Candidate]:
    lines = _lines(doc.text)
    found: list[Candidate] = []
    for i, (offset, line) in enumerate(lines):
        if _in_grid(doc, offset):
            continue
        cand = parse_line(line, offset)
        if cand is None:
            continue
        if not cand.title and i + 1 < len(lines) and (run_in := _run_in_from(cand, lines[i + 1])) is not None:
            cand = run_in  # 一、 alone on its line, then 概述2016年是…: the title runs into the body below it
        elif i + 1 < len(lines) and cand.end >= offset + len(line.rstrip()) and continues_title(cand, lines[i + 1][1]):
            nxt_off, nxt = lines[i + 1]
            tail = nxt.strip()
            joined = _SPACE.sub("", tail)
            end = nxt_off + len(nxt) - len(nxt.lstrip()) + len(tail)
            cand = Candidate(
                cand.style,
                cand.rank,
                cand.number,
                cand.text + joined,
                cand.title + joined,
                cand.start,
                end,
            )
        if cand.title:
            found.append(cand)
    return found


def _run_in_from(cand: Candidate, nxt: tuple[int, str]) -> Candidate | None:
    offset, line = nxt
    body = line.strip()
    if not body or continues_title(cand, line):
        return None
    title = run_in_title(body)
    if title is None:
        return None
    title = _SPACE.sub("", title)
    end = offset + len(line) - len(line.lstrip()) + len(title)
    return Candidate(cand.style, cand.rank, cand.number, cand.text + title, title, cand.start, end)


def top_rank(cands: list[Candidate]) -> int | None:
    """The outermost numbering rank that the document really uses.

    That is the outermost rank used at least twice; or, in an excerpt cut off after its first section, a rank
    used once that opens the body as number 1 before the finer headings (一、总体情况 then (一)…(五)).
    """
    counts = Counter(c.rank for c in cands)
    repeated = [r for r, n in counts.items() if n >= 2]
    pool = repeated or list(counts)
    if not pool:
        return None
    first = cands[0]
    if first.rank < min(pool) and counts[first.rank] == 1 and first.number == 1:
        return first.rank
    return min(pool)


def segment(doc: Document) -> Segmentation:
    cands = find_candidates(doc)
    ranks = sorted({c.rank for c in cands})
    headings = [
        Heading(text=c.text, level=ranks.index(c.rank) + 1, style=c.style, number=c.number, start=c.start, end=c.end)
        for c in cands
    ]
    top = top_rank(cands)
    tops = [c for c in cands if c.rank == top]
    sections = []
    for i, c in enumerate(tops):
        end = tops[i + 1].start if i + 1 < len(tops) else len(doc.text)
        sections.append(Section(heading=c.text, number=c.number, kinds=kinds_of(c.title), start=c.start, end=end))
    return Segmentation(sections=sections, headings=headings)
