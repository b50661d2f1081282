"""Heading lines: the numbering styles of Chinese reports and which lines are headings at all.

A line is a heading when it starts with an ordinal marker (一、 (一) ㈠ 1. ⑴ ① 第一部分 ...) and what follows
reads as a title: short, no full stop inside (or a short run-in title ended by 。 or a colon). Inline
enumerations (一是…二是…) have no marker punctuation, and table row labels (一、本年新收…, (一)予以公开) are
recognised by their template wording or by the cells that follow them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import cn2an

from workers.stages.prose.kinds import kinds_of

CN_DIGITS = "一二三四五六七八九十"
TEMPLATE_TITLES = (
    "总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议|存在的主要问题|其他需要报告的事项"
)
_CN = f"[{CN_DIGITS}]{{1,3}}"

# (style, rank, pattern): rank orders the conventional hierarchy, 0 outermost.
STYLES: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("chapter", 0, re.compile(rf"第(?P<n>{_CN})(?:部分|章|篇)[、.:\s]*")),
    ("cn_dun", 1, re.compile(rf"(?P<n>{_CN})\s*、\s*")),
    ("cn_dot", 1, re.compile(rf"(?P<n>{_CN})\s*[.．]\s*")),
    ("cn_comma", 1, re.compile(rf"(?P<n>{_CN})\s*[,，]\s*")),
    # A numeral with its 、 lost, before a title of the national template only (一总体情况): a numeral before
    # any other word is a word (一是, 一年来).
    ("cn_bare", 1, re.compile(rf"(?P<n>{_CN})(?={TEMPLATE_TITLES})")),
    ("paren_cn", 2, re.compile(rf"[(（]\s*(?P<n>{_CN})?\s*[)）]\s*")),
    ("circled_cn", 2, re.compile(r"(?P<c>[㈠-㈩])\s*")),
    ("arabic_dot", 3, re.compile(r"(?P<n>\d{1,2})\s*[.．](?!\d)\s*")),
    ("arabic_dun", 3, re.compile(r"(?P<n>\d{1,2})\s*、\s*")),
    ("stop_digit", 3, re.compile(r"(?P<c>[⒈-⒛])\s*")),
    ("paren_arabic", 4, re.compile(r"[(（]\s*(?P<n>\d{1,2})\s*[)）]\s*")),
    ("paren_digit", 4, re.compile(r"(?P<c>[⑴-⒇])\s*")),
    ("circled_digit", 5, re.compile(r"(?P<c>[①-⑳])\s*")),
)


def _chars(first: str, last: str) -> str:
    return "".join(chr(c) for c in range(ord(first), ord(last) + 1))


# The styles a marker opening with a given character can be in (in STYLES order): a line is tried against those only.
_OPENERS = (
    ("第", ("chapter",)),
    (CN_DIGITS, ("cn_dun", "cn_dot", "cn_comma", "cn_bare")),
    ("(（", ("paren_cn", "paren_arabic")),
    (_chars("㈠", "㈩"), ("circled_cn",)),
    (_chars("⒈", "⒛"), ("stop_digit",)),
    (_chars("⑴", "⒇"), ("paren_digit",)),
    (_chars("①", "⑳"), ("circled_digit",)),
)
_STYLES_BY_FIRST = {c: tuple(s for s in STYLES if s[0] in names) for chars, names in _OPENERS for c in chars}
_DIGIT_STYLES = tuple(s for s in STYLES if s[0] in ("arabic_dot", "arabic_dun"))
_CIRCLED_BASE = {"circled_cn": "㈠", "stop_digit": "⒈", "paren_digit": "⑴", "circled_digit": "①"}

# Row labels of the national template tables: numbered like headings, never headings.
TABLE_LABEL = re.compile(
    r"^(?:本年新收|上年结转|本年度办理结果|结转下年度|予以公开$|部分公开(?:\(|$)|不予公开$|无法提供$|不予处理$|"
    r"其他处理$|总计$|属于(?:国家秘密|三类|四类|行政)|其他法律行政|危及|保护第三方|本机关不掌握|没有现成信息|"
    r"补正后|信访举报投诉类|重复申请$|要求提供公开出版物|无正当理由|要求行政机关确认|申请人(?:无正当理由|逾期))"
)
_TRAILING_CELLS = re.compile(r"(?:\s+(?:\d+(?:\.\d+)?|[/—-]))\s*(?:\s+(?:\d+(?:\.\d+)?|[/—-])\s*)+$")
_TITLE_START = re.compile(r"[\u4e00-\u9fff“\"《「A-Za-z]|\d{4}\s*年")
# Cells of the template tables wrap in PDFs, leaving fragments such as "(三)不" or "(二)部分公".
_LABEL_WORDS = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", "本年新收", "上年结转")
_NESTED_MARKER = re.compile(r"^\S{1,2}\d{1,2}[.、]")
# A title that wraps onto the next line usually ends there with one of these words.
_TITLE_END = re.compile(r"(?:情况|概述|措施|事项|打算|计划|问题|工作|方向|思路|建设|管理|保障|解读|回应|公开)$")
# Every numbering style starts with one of these (or a decimal digit): other lines are no headings.
_FIRST_MARKER_CHAR = rf"[第{CN_DIGITS}(（㈠-㈩⒈-⒛⑴-⒇①-⑳]|\d"
_SPACE = re.compile(r"\s")
_COLON = re.compile(r"[:：]")
_ENDS_CLAUSE = re.compile(r"[;；]$")
_CLAUSE_MARK = re.compile(r"[。,，;；:：]")
_MARKUP = re.compile(r"\s*(?:#{1,6}\s*(?:\*\*)?|\*\*)(?=\S)")
# A line that can hold a heading: markdown marks and spaces, then a numbering marker's first character.
_MAY_BE_HEADING = re.compile(rf"\s*(?:#{{1,6}}\s*(?:\*\*)?|\*\*)?\s*(?:{_FIRST_MARKER_CHAR})")
MAX_TITLE = 40
_PIPE_ROW = 80
_PIPE_CELL = 40
MAX_RUN_IN = 30


class Candidate(NamedTuple):
    style: str
    rank: int
    number: int | None
    text: str  # heading as it reads, whitespace removed, numbering included
    title: str  # the words after the marker
    start: int
    end: int


def ordinal(style: str, match: re.Match[str]) -> int | None:
    if style in _CIRCLED_BASE:
        return ord(match.group("c")) - ord(_CIRCLED_BASE[style]) + 1
    raw = match.group("n")
    if raw is None:
        return None
    if raw.isdigit():
        return int(raw)
    return _cn_ordinal(raw)


@lru_cache(maxsize=256)
def _cn_ordinal(raw: str) -> int | None:
    try:
        return int(cn2an.cn2an(raw, "normal"))
    except ValueError:
        return None


def match_marker(line: str) -> tuple[str, int, re.Match[str]] | None:
    first = line[:1]
    styles = _STYLES_BY_FIRST.get(first) or (_DIGIT_STYLES if first.isdecimal() else ())
    for style, rank, pattern in styles:
        m = pattern.match(line)
        if m:
            return style, rank, m
    return None


def _title(rest: str) -> str | None:
    """The title part of what follows a marker, or None when it reads as a numbered sentence."""
    cut = _COLON.search(rest)
    if cut and cut.start() >= 2:
        rest = rest[: cut.start()]
    stop = rest.find("。")
    if stop >= 0:
        rest = rest[:stop]
        limit = MAX_RUN_IN
    else:
        limit = MAX_TITLE
        if _ENDS_CLAUSE.search(rest.strip()):
            return None
    rest = rest.strip()
    if not rest or len(_SPACE.sub("", rest)) > limit:
        return None
    return rest


# A title run into its body with no mark between them ("一、总体情况2021年，我局…",
# "五、存在的主要问题及改进情况（一）…") ends with one of these words, before the body's first clause mark.
_RUN_IN_END = re.compile(r"情况|概述|概况|措施|事项|打算|计划|问题|安排|思路|方向")
# What a body opens with right after such a title: a gap, a sub-marker, a number, or a sentence's usual first words.
_BODY_START = re.compile(
    r"\s|[(（一二三四五六七八九十㈠-㈩①-⑳\d]|第|根据|按照|为了?|我|本|今年|全年|一年来|近年来|在|自|无|暂无|没有"
    r"|申请人情况|信息内容|行政复议行政诉讼"  # the header of the template table printed right after its heading
)


def run_in_title(rest: str) -> str | None:
    """The title of a heading run straight into its body, when it names a reportable topic; else None."""
    window = rest[: MAX_TITLE + 1]
    clause = _CLAUSE_MARK.search(window)
    if clause:
        window = window[: clause.start()]
    ends = [m.end() for m in _RUN_IN_END.finditer(window)]
    if not ends:
        return None
    end = next((e for e in ends if _BODY_START.match(rest, e)), ends[-1])
    title = rest[:end]
    return title if kinds_of(title) != ["extra"] else None


def _trim_run_in(title: str) -> str:
    """A top-level title without the body or note run on after it ("其他需要报告的事项2021年,无…",
    "…申请情况(本列数据的勾稽关系为")."""
    if title.startswith(("附表", "附件")) and len(title) > 2:
        return title[:2]  # 四、附表指标名称计量单位…: an appended table's caption, its header run on
    for m in _RUN_IN_END.finditer(title):
        if m.end() < len(title) and _BODY_START.match(title, m.end()) and kinds_of(title[: m.end()]) != ["extra"]:
            return title[: m.end()]
    return title


def is_table_row(line: str) -> bool:
    pipes = line.count("|")
    # Pipes part cells; one inside a long line of prose is part of a title (《我为群众办实事|…》).
    if pipes and (len(line) <= _PIPE_ROW or len(line) / (pipes + 1) < _PIPE_CELL):
        return True
    # Trailing cells end in a number or a mark: a line ending otherwise needs no search.
    tail = line.rstrip()
    return bool(tail) and (tail[-1].isdecimal() or tail[-1] in "/—-") and bool(_TRAILING_CELLS.search(line))


def is_table_label(title: str) -> bool:
    if TABLE_LABEL.match(title) or _NESTED_MARKER.match(title):
        return True
    return 0 < len(title) < 4 and title not in ("其他", "其它") and any(w.startswith(title) for w in _LABEL_WORDS)


def parse_line(line: str, offset: int) -> Candidate | None:
    """A heading candidate for one line of text (offset = where the line starts in the document)."""
    if not _MAY_BE_HEADING.match(line):
        return None
    # Markdown conversions of web pages mark headings with '#' or bold '**': the marker is not part of the heading.
    mark = _MARKUP.match(line)
    lead = mark.end() if mark else 0
    body = line[lead:].strip()
    if body.endswith("**"):
        body = body[:-2].rstrip()
    lead += len(line[lead:]) - len(line[lead:].lstrip())
    found = match_marker(body)
    if found is None:
        return None
    style, rank, m = found
    rest = body[m.end() :]
    if rest and not _TITLE_START.match(rest):
        return None
    title = _title(rest) if rest else ""
    if rank <= 1:
        title = run_in_title(rest) if title is None else _trim_run_in(title)
    if title is None or is_table_label(_SPACE.sub("", title)):
        return None
    # A line ending in cells is a table row, unless a top-level title naming a section opens it and a table
    # printed on one line follows ("三、收到和处理政府信息公开申请情况…申请人情况…0 0 0").
    if is_table_row(body) and (rank > 1 or kinds_of(title) == ["extra"]):
        return None
    raw = body[: m.end()] + title
    start = offset + lead
    text = _SPACE.sub("", raw)
    return Candidate(style, rank, ordinal(style, m), text, _SPACE.sub("", title), start, start + len(raw.rstrip()))


def continues_title(cand: Candidate, next_line: str) -> bool:
    """Whether the next line finishes a heading that wrapped (or whose marker stood alone)."""
    nxt = next_line.strip()
    if not nxt or match_marker(nxt) or is_table_row(nxt) or _CLAUSE_MARK.search(nxt):
        return False
    if not cand.title:
        return len(nxt) <= MAX_TITLE
    return (
        len(cand.title) >= 10 and len(nxt) <= 15 and not _TITLE_END.search(cand.title) and bool(_TITLE_END.search(nxt))
    )
