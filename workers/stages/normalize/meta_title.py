"""The report's title line: '<body><year>年<...>政府信息公开<...>报告', not the site banner above it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .meta_dates import CN_YEAR
from .meta_labels import ANY_LABEL

_YEAR = rf"(?:\d{{4}}|{CN_YEAR})\s*年度?"
# A body's name: no punctuation or breadcrumb arrows, but a short bracketed part ("XX局(本级)", "XX县(区)").
_NAME = r"(?:[^\s:,;。,、|()《》>›»]|\([^\s()]{1,12}\))"
_DISCLOSURE = r"(?:政府信息公开|政务公开|信息公开)"
_REPORT = r"(?:年度报告|工作报告|报告|年报)"
# A short note after the title: "(摘要)", "(全文)", "(修订版)".
_NOTE = r"(?:\([\u4e00-\u9fff]{1,6}\))?"
# The report may come inside a notice: "关于印发《XX县2019年…年度报告》的通知", "XX办公室关于…年度报告的公告".
_NOTICE_HEAD = rf"(?:{_NAME}{{0,30}}?关于(?:印发|公布|发布|公开|报送)?《?)?"
_NOTICE_TAIL = r"》?(?:的(?:通知|公告|通告|函))?"
_TITLE = (
    rf"^{_NOTICE_HEAD}{_NAME}{{0,30}}?{_YEAR}[^:,;。,、|]{{0,30}}?{_DISCLOSURE}[^:,;。,、|]{{0,14}}?{_REPORT}"
    rf"{_NOTE}{_NOTICE_TAIL}"
)
TITLE = re.compile(_TITLE + "$")
# A one-line page may run the body on right after the title, with no gap: "<title>根据《条例》…现将…报告如下".
_TITLE_RUN_IN = re.compile(_TITLE + r"(?=根据|依据|按照|依照|本报告|现将|现就|一[、.]|\(一\)|第一[章部节])")
_BODY = r"(?:人民政府|政府|办公室|办公厅|委员会|局|委|厅|办|院|署|中心|镇|乡|街道办事处|街道|区|县|市|州|旗|盟|省)"
# A title without a year before its subject (the year then only after it in brackets, or in the 统计期限 sentence):
# it must start with a body's name.
_YEARLESS = re.compile(
    rf"^{_NAME}{{2,30}}?{_BODY}(?:\([^\s()]{{1,12}}\))?{_DISCLOSURE}(?:工作)?(?:年度报告|工作报告|年报)"
    rf"(?:\({_YEAR}\))?$"
)
# The year between the subject and the report: "XX县政府信息公开工作2019年度报告".
_YEAR_BETWEEN = re.compile(
    rf"^{_NAME}{{2,30}}?{_BODY}(?:\([^\s()]{{1,12}}\))?{_DISCLOSURE}(?:工作)?{_YEAR}(?:工作)?{_REPORT}{_NOTE}$"
)
_YEAR_AFTER = re.compile(rf"\({_YEAR}\)$")
# Where a page title ends and the site's name begins: "<title>_XX市人民政府", "<title> - XX县政府网".
_SITE_SEPARATOR = re.compile(r"\s*[_|]\s*|\s+[-—–]+\s+|[-—–]{1,2}(?=[^-—–]*$)")
_BODY_SUFFIX = re.compile(rf"{_BODY}$")
_LABEL_PREFIX = re.compile(r"^(?:[-*•·]\s*)?(?:标题|信息名称|文件名称|文章标题|名称)\s*:")
# Table pipes, bullets and markdown marks ("# <title>", "**<title>**") around a line.
_PIPES = re.compile(r"^[\s|>*•·#-]+|[\s|*#]+$")
_SPACE = re.compile(r"\s+")
# Up to the breadcrumb's last arrow, and the last crumb's name after it unless a title starting with its year follows.
_CRUMBS = re.compile(rf"^.*[>›»]\s*(?:[^\s>›»]{{1,8}}\s+(?!{_YEAR}))?")
# A title printed in book-title marks on its own: "《XX县2019年政府信息公开工作年度报告》".
_BOOK = re.compile(r"^《([^《》]+)》$")
_MAX_TITLE = 90
_RUN_IN_SPAN = 200
# A scraped page may run the page's date or source on after the title: "<title>  发布日期:2021-01-29 点击数:".
_TRAILING_META = re.compile(
    r"\s+(?:发布|来源|信息来源|时间|日期|作者|浏览|点击|阅读)[^\n]*$|\s+\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月][^\n]*$"
)


def _clean(line: str) -> str:
    line = _SPACE.sub("", _PIPES.sub("", line))
    book = _BOOK.match(line)
    return book.group(1) if book else line


def find_title(lines: list[str]) -> tuple[str | None, int | None]:
    """The title and the index of its (first) line among `lines`; a title may wrap onto a second short line."""
    for i, raw in enumerate(lines):
        stripped = raw.strip()
        following = lines[i + 1] if i + 1 < len(lines) else ""
        # Every title names a 报告 or 年报, on its line or on the short line it wraps onto.
        if ("报" not in stripped[: _MAX_TITLE + 10] and "报" not in following[:30]) or _LABEL_PREFIX.match(stripped):
            continue
        nxt = _clean(following)
        for candidate in _candidates(stripped, nxt):
            if _is_title(candidate):
                return _with_body(candidate, lines, i), i
    # Last, a title with the body run on after it and nothing between them.
    for i, raw in enumerate(lines):
        m = _TITLE_RUN_IN.match(_clean(raw[:_RUN_IN_SPAN]))
        if m and not _LABEL_PREFIX.match(raw.strip()):
            return _with_body(m.group(), lines, i), i
    return None, None


def _candidates(line: str, nxt: str) -> Iterator[str]:
    """The line, the line with a short wrapped tail, and the line cut where page metadata or a gap starts after it."""
    long = len(line) > _MAX_TITLE
    if not long:
        whole = _clean(line)
        yield whole
        if 0 < len(nxt) <= 15:
            yield whole + nxt
        yield _clean(_TRAILING_META.sub("", line))
    label = ANY_LABEL.search(line, 0, _MAX_TITLE + 10)
    if label:
        before = line[: label.start()]
        yield _clean(before)
        # A flattened page runs the breadcrumb on before the title too: "首页 > 信息公开 > 年度报告 <title>发布机构:".
        crumbs = _CRUMBS.match(before)
        if crumbs:
            yield _clean(before[crumbs.end() :])
    if long:
        # A one-line page: the title ends at a gap.
        for gap in _SPACE.finditer(line, 0, _MAX_TITLE):
            yield _clean(line[: gap.start()])


def _is_title(line: str) -> bool:
    return bool(TITLE.match(line) or _YEAR_BETWEEN.match(line) or (_YEAR_AFTER.search(line) and _YEARLESS.match(line)))


def _with_body(title: str, lines: list[str], i: int) -> str:
    """A title line that starts with its year takes the body name from the line right above it (no blank between)."""
    if not re.match(_YEAR, title) or i == 0:
        return title
    above = _clean(lines[i - 1])
    if 2 <= len(above) <= 20 and _BODY_SUFFIX.search(above) and not re.search(r"[:,;。]", above):
        return above + title
    return title


def title_from_page(titles: list[str]) -> str | None:
    """A report title among the page's own titles (HTML <title>, meta tags), without the site's name after it."""
    for raw in titles:
        for part in _SITE_SEPARATOR.split(raw):
            candidate = _clean(part)
            if candidate and TITLE.match(candidate):
                return candidate
    return None


def yearless_title(lines: list[str]) -> str | None:
    """A header line that is a report title but for its year ('XX县林业局政府信息公开工作年度报告')."""
    for raw in lines:
        if len(raw) <= 60 and not _LABEL_PREFIX.match(raw.strip()):
            line = _clean(raw)
            if _YEARLESS.match(line):
                return line
    return None
