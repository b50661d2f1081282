"""Page metadata (Document.meta) read from the normalized text: title, years, publisher, dates, index number."""

from __future__ import annotations

import re
from datetime import date

from schemas.document import Meta

from .meta_dates import (
    CHINESE_DATE,
    CN_YEAR,
    NUMERIC_DATE,
    SIGNATURE_OR_TITLE_END,
    cn_year,
    date_spans,
    first_date,
)
from .meta_labels import ANY_LABEL, first_token, index_token, is_site_itself, labelled_values
from .meta_title import find_title, title_from_page, yearless_title

_HEAD_LINES = 40
# Markdown marks: heading hashes and quote marks before a line, bold anywhere ("**发布日期**:2022-01-27").
_MARKUP = re.compile(r"^\s*(?:#{1,6}|>)[ \t]*|\*\*|__")
_FIRST_HEADING = re.compile(r"^\s*[一1][、.]\s*\S")
# "统计期限自2013年1月1日起至…", "数据统计周期为 2024 年 1 月 1 日至…", "数据截至2017年12月31日".
_PERIOD = re.compile(r"(?:统计|数据)[^。\n]{0,8}?(?:期限|周期|时限|区间|范围|时间|时段|截止|截至)")
# The year before a month: "2013年1月", run together "20131月", dotted "2013.1.1", or a whole "2013年度".
_PERIOD_YEAR = re.compile(r"(?<!\d)(\d{4})\s*(?:(?:年|[-./])?\s*\d{1,2}\s*(?:月|[-./]\s*\d)|年度)")
_MENTION = re.compile(rf"(\d{{4}}|{CN_YEAR})\s*年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)")
# The lead-in that hands the report over: 现将我局2014年政府信息公开情况报告如下.
_LEAD_IN = re.compile(rf"现将[^。\n]{{0,16}}?(\d{{4}}|{CN_YEAR})\s*年度?[^。\n\d]{{0,24}}?(?:报告|公布|汇报|说明)如下")
_YEAR_IN = re.compile(rf"(\d{{4}}|{CN_YEAR})\s*年")
_DATE_ONLY = re.compile(
    r"^[\u4e00-\u9fff()]{0,30}\s*[\d〇零一二三四五六七八九十]{4}\s*[-/.年][\d一二三四五六七八九十\s\-/.月]{1,8}日?$"
)
_CLOSING = re.compile(
    rf"(?:^|(?<=[\s。]))(?:[\u4e00-\u9fff()]{{2,30}}?\s*)?(?P<date>{NUMERIC_DATE}|{CHINESE_DATE}){SIGNATURE_OR_TITLE_END}",
    re.MULTILINE,
)
_LABEL_BEFORE = re.compile(r"(?:[:：]|日期|时间)\s*$")
_TODAY = re.compile(r"今天是|今日|当前日期|现在是")
_WEEKDAY = re.compile(r"\s*(?:星期|礼拜|周)[一二三四五六日天]")
_SENTENCE = re.compile(r"[。;]|至|统计|截止|截至")


def read_meta(text: str, script: str, page_titles: list[str] | None = None) -> Meta:
    lines = text.split("\n")
    head = _head(lines)
    # Only lines with a label can hold labelled values; finding them once spares a scan per field.
    labelled = [line for line in head if ANY_LABEL.search(line)]
    meta = Meta(script=script)
    title, _ = find_title(head)
    labelled_title = _labelled(labelled, "title")
    labelled_title = re.sub(r"\s+", "", labelled_title) if labelled_title else None
    other_title = None if title or labelled_title else title_from_page(page_titles or []) or yearless_title(head)
    meta.title = title or labelled_title or other_title
    meta.publisher = _publisher(labelled)
    index_no = _labelled(labelled, "index_no")
    meta.index_no = index_token(index_no) or None if index_no else None
    meta.published_date = _labelled_date(labelled, "published") or _bare_header_date(head)
    meta.written_date = _labelled_date(labelled, "written") or _closing_date(lines, text)
    meta.year_sources = _year_sources(title or other_title, labelled_title, text, meta.published_date)
    for source in ("title", "metadata", "period", "lead_in", "text", "published"):
        if source in meta.year_sources:
            meta.report_year = meta.year_sources[source]
            break
    return meta


def _head(lines: list[str]) -> list[str]:
    """The page header: lines before the first top-level heading, at most 40 non-empty ones."""
    head: list[str] = []
    for line in lines:
        line = _MARKUP.sub("", line[:2000])
        if _FIRST_HEADING.match(line) and len(head) >= 1:
            break
        if line.strip():
            head.append(line)
        if len(head) >= _HEAD_LINES:
            break
    return head


def _labelled(head: list[str], field: str) -> str | None:
    for line in head:
        for value in labelled_values(line, field):
            if value:
                return value
    return None


def _publisher(head: list[str]) -> str | None:
    """The first publisher printed; "来源:本站" names the site, so a later label (or none) stands instead."""
    for line in head:
        for value in labelled_values(line, "publisher"):
            token = first_token(value) if value else ""
            if token and not is_site_itself(token):
                return token
    return None


def _labelled_date(head: list[str], field: str) -> date | None:
    value = _labelled(head, field)
    return first_date(value[:40], compact=True) if value else None


def _bare_header_date(head: list[str]) -> date | None:
    """A date printed without a label on a header line ("2018-01-02 12:34 来源:…"), not inside a sentence."""
    for line in head:
        if len(line) > 100 or _SENTENCE.search(line):
            continue
        for start, end, found in date_spans(line):
            if _TODAY.search(line[max(0, start - 6) : start]) or _WEEKDAY.match(line, end):
                continue  # the site's "today is" banner, not the page's date
            labels_before = list(ANY_LABEL.finditer(line[:start]))
            if not labels_before or line[labels_before[-1].end() : start].strip(" |"):
                return found
    return None


def _closing_date(lines: list[str], text: str) -> date | None:
    """The 落款 date: a line holding only a date (maybe after the body's name) among the last lines; else the
    last date that closes a passage anywhere in the second half (after a full stop, a gap or the body's name,
    and before a line break, the end, or what follows a signature: 抄送, 印发, 附件, 附表)."""
    tail: list[str] = []
    for raw in reversed(lines):
        if raw.strip():
            tail.append(_MARKUP.sub("", raw).strip())
            if len(tail) == 8:
                break
    for line in tail:
        if len(line) <= 45 and _DATE_ONLY.match(line):
            return first_date(line)
    closing = list(_CLOSING.finditer(text, len(text) // 2))
    for m in reversed(closing):
        if _LABEL_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            continue  # 发布时间: 2020-08-13 is page metadata, not a signature's date
        found = first_date(m.group("date"))
        if found:
            return found
    return None


def _year_sources(title: str | None, labelled: str | None, text: str, published: date | None) -> dict[str, int]:
    sources: dict[str, int] = {}
    for key, value in (("title", title), ("metadata", labelled)):
        m = _YEAR_IN.search(value or "")
        if m:
            sources[key] = _year(m.group(1))
    period = _period_year(text)
    if period:
        sources["period"] = period
    lead_in = _LEAD_IN.search(text[:5000])
    if lead_in:
        sources["lead_in"] = _year(lead_in.group(1))
    m = _MENTION.search(text[:3000])
    if m:
        sources["text"] = _year(m.group(1))
    if published:
        sources["published"] = published.year - 1
    return {k: v for k, v in sources.items() if 1990 <= v <= 2100}


def _year(printed: str) -> int:
    return int(printed) if printed.isdigit() else cn_year(printed)


def _period_year(text: str) -> int | None:
    """The year the statistics period ends in ("统计期限自2013年1月1日起至2013年12月31日止")."""
    for m in _PERIOD.finditer(text):
        window = text[m.end() : m.end() + 60]
        years = [int(y.group(1)) for y in _PERIOD_YEAR.finditer(window)]
        first = _PERIOD_YEAR.search(window)
        if years and first and first.start() <= 15:
            return years[-1] if len(years) > 1 else years[0]
    return None
