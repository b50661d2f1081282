"""Metadata checks: meta.report_year (the year is found and its sources agree) and meta.timeliness (the legal
deadline: 2008-2018 reports by 3月31日 of the next year; from 2019, 1月31日 for departments and 3月31日 for the
report of a 人民政府)."""

from __future__ import annotations

import re
from datetime import date

from schemas import Check, CheckEvidence, Document, Extraction, Segmentation

_SOURCE_CN = {"title": "标题", "metadata": "页面信息栏标题", "period": "统计期限", "lead_in": "导语", "text": "正文"}
_REPORT_WORDS = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年度?|政府信息公开.*$|政务公开.*$|信息公开.*$")
_REGION = re.compile(r"(?:人民政府|省|市|区|县|乡|镇|自治区|自治州|自治县|州|旗|盟|街道)$")
# 街道办事处 are outposts of a district government: neither a 人民政府 nor one of its departments, so the law names
# no single deadline for them.
_SUBDISTRICT = re.compile(r"(?:街道|街道办事处|街道办)$")
# A report put online inside a notice: "XX办公室关于印发《XX县…年度报告》的通知".
_NOTICE = re.compile(r"^(?P<issuer>.*?)关于(?:印发|公布|发布|公开|报送)?《?(?P<subject>.*?)》?的(?:通知|公告|通告|函)$")
# A government's report goes out under its 办公室's name.
_GOVERNMENT_OFFICE = re.compile(r"(?:人民政府|政府)(?:办公室|办公厅)$")
_DEPARTMENT = re.compile(r"(?:办公室|办公厅|局|委员会|委|办|厅|院|中心|所|站|署|队|会|公司|馆|部|处|科)$")


def run(doc: Document, seg: Segmentation, ext: Extraction) -> list[Check]:
    return [_report_year(doc), _timeliness(doc)]


def _report_year(doc: Document) -> Check:
    sources = {k: v for k, v in doc.meta.year_sources.items() if k in _SOURCE_CN}
    said = "，".join(f"{_SOURCE_CN[k]}为{v}年" for k, v in sources.items())
    if not sources:
        return Check(
            rule="meta.report_year",
            severity="warning",
            status="uncertain",
            message="标题、统计期限和页面信息中都找不到报告年度。",
        )
    if len(set(sources.values())) == 1:
        return Check(
            rule="meta.report_year",
            status="pass",
            message=f"报告年度{doc.meta.report_year}年（{said}）。",
            expected=doc.meta.report_year,
            actual=doc.meta.report_year,
        )
    return Check(
        rule="meta.report_year",
        status="fail",
        message=f"报告年度前后不一致：{said}。",
        expected=doc.meta.report_year,
        actual=", ".join(f"{k}={v}" for k, v in sources.items()),
    )


def government_report(doc: Document) -> bool | None:
    """True for a 人民政府's own report, False for a department's, None when the title and publisher do not say."""
    for name in (*_title_bodies(doc.meta.title), doc.meta.publisher):
        body = _REPORT_WORDS.sub("", re.sub(r"\s+", "", name or ""))
        if not body:
            continue
        if body.endswith("人民政府"):
            return True
        if _SUBDISTRICT.search(body):
            return None
        if _DEPARTMENT.search(body):
            return False
        if _REGION.search(body):
            return True
    return None


def _title_bodies(title: str | None) -> list[str]:
    """Where the title names the reporting body: the report named in a notice, else the notice's issuer (a
    government's 办公室 issuing it stands for the government)."""
    notice = _NOTICE.match(re.sub(r"\s+", "", title or ""))
    if not notice:
        return [title or ""]
    issuer = notice["issuer"]
    return [notice["subject"], issuer[:-3] if _GOVERNMENT_OFFICE.search(issuer) else issuer]


def deadline_for(year: int, government: bool | None) -> tuple[date | None, date]:
    """(the department deadline or None when it does not apply, the latest possible deadline)."""
    if year <= 2018:
        return None, date(year + 1, 3, 31)
    if government:
        return None, date(year + 1, 3, 31)
    return date(year + 1, 1, 31), date(year + 1, 3, 31)


def _timeliness(doc: Document) -> Check:
    year, published = doc.meta.report_year, doc.meta.published_date
    rule = "meta.timeliness"
    if year is None or year < 2008:
        return Check(
            rule=rule, severity="warning", status="not_applicable", message="报告年度不明或早于2008年，不适用公布时限。"
        )
    if published is None:
        return Check(
            rule=rule,
            severity="warning",
            status="uncertain",
            message=f"{year}年度报告的页面未印发布日期，无法判断是否按时公布。",
        )
    if doc.meta.year_sources and set(doc.meta.year_sources) <= {"published"}:
        # The year was only guessed from the publish date itself; judging that date against it proves nothing.
        return Check(
            rule=rule,
            severity="warning",
            status="uncertain",
            message=f"报告未写明报告年度（仅能由发布日期{published.isoformat()}推测），无法判断是否按时公布。",
            actual=published.isoformat(),
        )
    government = government_report(doc)
    early, late = deadline_for(year, government)
    evidence = _date_evidence(doc, published)
    said = f"{year}年度报告的发布日期为{published.isoformat()}"
    if early is None or government is False:
        deadline = early or late
        who = "" if year <= 2018 else ("（部门报告）" if government is False else "（人民政府报告）")
        ok = published <= deadline
        return Check(
            rule=rule,
            severity="warning",
            status="pass" if ok else "fail",
            message=f"{said}，{'未超过' if ok else '晚于'}法定期限{deadline.isoformat()}{who}。",
            expected=deadline.isoformat(),
            actual=published.isoformat(),
            evidence=evidence,
        )
    if published <= early:
        status, note = "pass", f"早于部门报告期限{early.isoformat()}"
    elif published > late:
        status, note = "fail", f"晚于法定期限{late.isoformat()}"
    else:
        status, note = (
            "uncertain",
            f"晚于部门报告期限{early.isoformat()}，早于人民政府报告期限{late.isoformat()}；无法判断报告主体",
        )
    return Check(
        rule=rule,
        severity="warning",
        status=status,
        message=f"{said}，{note}。",
        expected=late.isoformat() if status == "fail" else early.isoformat(),
        actual=published.isoformat(),
        evidence=evidence,
    )


def _date_evidence(doc: Document, published: date) -> list[CheckEvidence]:
    for form in (
        published.isoformat(),
        f"{published.year}年{published.month:02d}月{published.day:02d}日",
        f"{published.year}年{published.month}月{published.day}日",
        published.strftime("%Y/%m/%d"),
    ):
        at = doc.text.find(form)
        if at >= 0:
            return [CheckEvidence(start=at, end=at + len(form), quote=form)]
    return []
