"""Structure checks: structure.sections (the required topics are there) and structure.heading_order.

F07 (2007 条例 art. 32): five topics, each found by a heading, a fact or a plain mention; 其他需要报告的事项
is optional. F19/F21: the six template sections as top-level headings, in order. A missing section is a
failure only in a complete document: an excerpt cut off before its end is `uncertain`.
"""

from __future__ import annotations

import itertools
import re

from schemas import Check, CheckEvidence, Document, Extraction, Segmentation
from workers.stages.normalize.meta_dates import CHINESE_DATE, NUMERIC_DATE, SIGNATURE_END

_F07_TOPICS: tuple[tuple[str, set[str], tuple[str, ...], re.Pattern[str]], ...] = (
    ("主动公开政府信息的情况", {"proactive"}, ("proactive.",), re.compile(r"主动公开")),
    (
        "依申请公开和不予公开政府信息的情况",
        {"on_request", "withheld"},
        ("requests.", "withheld."),
        re.compile(r"依申请|不予公开|公开申请"),
    ),
    (
        "政府信息公开的收费及减免情况",
        {"fees"},
        ("fees.",),
        re.compile(
            r"收费(?:及|和|与)?减免|信息公开(?:的)?收费|(?:未|没有|不)收取|处理费|(?:全部|均|一律)免费|免费(?:提供|公开)"
        ),
    ),
    (
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
        {"review_litigation"},
        ("review.", "litigation."),
        re.compile(r"行政复议|行政诉讼"),
    ),
    (
        "存在的主要问题及改进情况",
        {"problems"},
        (),
        re.compile(r"存在的?(?:主要)?(?:问题|不足)|改进(?:措施|情况|方向)|下一步|工作(?:计划|打算|思路)|努力方向"),
    ),
)
_TEMPLATE_ORDER = (
    ("overview", "总体情况"),
    ("proactive", "主动公开政府信息情况"),
    ("on_request", "收到和处理政府信息公开申请情况"),
    ("review_litigation", "政府信息公开行政复议、行政诉讼情况"),
    ("problems", "存在的主要问题及改进情况"),
    ("other", "其他需要报告的事项"),
)
_SENTENCE_END = re.compile(r"[。！!？?”」》)]$")
_CLOSING = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|\.(?:pdf|docx?|xlsx?|wps)$|附件")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SIGNED = re.compile(rf"(?:{NUMERIC_DATE}|{CHINESE_DATE}){SIGNATURE_END}", re.MULTILINE)
_CN_NUM = "零一二三四五六七八九十"
_EXCERPT_SIZE = (1900, 2000)


def template_of(doc: Document, ext: Extraction) -> str:
    if ext.template != "unknown":
        return ext.template
    if doc.meta.template != "unknown":
        return doc.meta.template
    year = doc.meta.report_year
    return "F07" if year is not None and year <= 2018 else "F21" if year is not None else "unknown"


def is_complete(doc: Document, seg: Segmentation) -> bool:
    """Whether the text runs to the report's end rather than being an excerpt cut off mid-way."""
    lines = [ln.strip() for ln in doc.text.splitlines() if ln.strip()]
    # Trailing page furniture in Latin letters or bare numbers ('Baidu map', page numbers) says nothing.
    while lines and not _HAN.search(lines[-1]):
        lines.pop()
    if not lines:
        return False
    if any(_CLOSING.search(ln) for ln in lines[-4:]):
        return True
    # A signature's date after the last section closes the report, whatever is appended after it (附表, a
    # statistics list, a page footer): the evidence of the whole text, not of its last lines alone.
    if seg.sections and _SIGNED.search(doc.text, seg.sections[-1].start):
        return True
    # Scraped excerpts are cut at a fixed size (2,000 characters or bytes): one ending there is not the whole report.
    if any(_EXCERPT_SIZE[0] <= n <= _EXCERPT_SIZE[1] for n in (len(doc.text), len(doc.text.encode()))):
        return False
    if not _SENTENCE_END.search(lines[-1]):
        return False
    last = seg.sections[-1] if seg.sections else None
    return last is not None and (bool({"problems", "other"} & set(last.kinds)) or len(seg.sections) >= 5)


def _f07(doc: Document, seg: Segmentation, ext: Extraction) -> tuple[list[str], list[str]]:
    kinds = {k for s in seg.sections for k in s.kinds}
    concepts = [f.concept for f in ext.facts]
    body = doc.text[seg.sections[0].start :] if seg.sections else doc.text
    present: list[str] = []
    missing: list[str] = []
    for name, topic_kinds, prefixes, mention in _F07_TOPICS:
        found = bool(topic_kinds & kinds) or any(c.startswith(prefixes) for c in concepts if prefixes)
        (present if found or mention.search(body) else missing).append(name)
    return present, missing


def _template(seg: Segmentation) -> tuple[list[str], list[str]]:
    firsts = []
    missing = []
    for kind, name in _TEMPLATE_ORDER:
        at = next((i for i, s in enumerate(seg.sections) if kind in s.kinds), None)
        if at is None:
            missing.append(name)
        else:
            firsts.append((at, name))
    disorder = [f"“{b}”排在“{a}”之前" for (i, a), (j, b) in itertools.pairwise(firsts) if j < i]
    return missing, disorder


def sections_check(doc: Document, seg: Segmentation, ext: Extraction) -> Check:
    template = template_of(doc, ext)
    base = {"rule": "structure.sections", "scope": template}
    if template == "unknown":
        return Check(status="uncertain", message="无法确定报告格式，未核对必备章节", **base)
    if template == "F07":
        _, missing = _f07(doc, seg, ext)
        problems = [f"缺少“{m}”" for m in missing]
        wanted = "《条例》第三十二条要求的内容"
    else:
        missing, disorder = _template(seg)
        problems = [f"缺少“{m}”" for m in missing] + disorder
        wanted = "模板规定的六个部分"
    if not problems:
        return Check(status="pass", message=f"{wanted}齐全", **base)
    msg = f"{wanted}：" + "；".join(problems)
    if not is_complete(doc, seg):
        return Check(status="uncertain", message=msg + "（文本不完整，可能被截断）", **base)
    return Check(status="fail", message=msg, **base)


def _ordinal(n: int | None) -> str:
    if n is None:
        return "空"
    if n <= 10:
        return _CN_NUM[n]
    return str(n)


def order_check(seg: Segmentation) -> Check:
    base = {"rule": "structure.heading_order"}
    tops = seg.sections
    issues: list[str] = []
    evidence: list[CheckEvidence] = []
    expected = 1
    seen: set[int] = set()
    for s in tops:
        n = s.number
        issue = None
        if n is None:
            issue = f"“{s.heading}”的编号为空"
        elif n in seen:
            issue = f"“{s.heading}”的编号{_ordinal(n)}重复"
        elif n < expected:
            issue = f"“{s.heading}”的编号{_ordinal(n)}出现在{_ordinal(expected - 1)}之后"
        elif n > expected:
            issue = f"“{s.heading}”之前缺少编号{_ordinal(expected)}"
        if issue:
            issues.append(issue)
            evidence.append(CheckEvidence(start=s.start, end=s.start + len(s.heading), quote=s.heading))
        if n is not None:
            seen.add(n)
            expected = max(expected, n + 1)
    empties = [h for h in seg.headings if h.number is None and h.level > 1]
    if empties:
        sample = "、".join(f"“{h.text}”" for h in empties[:3])
        issues.append(f"{len(empties)}个下级标题的编号为空（{sample}）")
        evidence += [CheckEvidence(start=h.start, end=h.end, quote=h.text) for h in empties]
    numbers = "、".join(_ordinal(s.number) for s in tops)
    if len(tops) < 2 and not empties:
        return Check(status="not_applicable", message="报告没有成序列的一级标题", **base)
    if not issues:
        return Check(status="pass", message=f"一级标题编号依次为{numbers}", **base)
    return Check(status="fail", message=f"一级标题编号依次为{numbers}：" + "；".join(issues), evidence=evidence, **base)


def run(doc: Document, seg: Segmentation, ext: Extraction) -> list[Check]:
    return [sections_check(doc, seg, ext), order_check(seg)]
