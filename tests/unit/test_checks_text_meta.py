"""The text.* and meta.* checks on built documents."""

from __future__ import annotations

from datetime import date
from types import ModuleType

import pytest

from schemas import Check, Document, Extraction, Segmentation
from schemas.document import Garble, Meta, Removal
from workers.stages.validate import meta as meta_checks
from workers.stages.validate import text as text_checks


def _check(module: ModuleType, doc: Document, rule: str) -> Check:
    checks: list[Check] = module.run(doc, Segmentation(), Extraction())
    return next(c for c in checks if c.rule == rule)


def _doc(**meta: object) -> Document:
    return Document(text="报告正文", detected_format="text", meta=Meta.model_validate(meta))


def test_garbled_text_fails_and_quotes_the_mojibake() -> None:
    doc = Document(
        text="推进工作上?? ??¤?,成效明显",
        detected_format="text",
        garbled=[Garble(kind="question_marks", start=5, end=12)],
    )
    check = _check(text_checks, doc, "text.garbled")
    assert check.status == "fail" and "?? ??¤?" in check.message and check.evidence[0].start == 5


def test_clean_text_passes_the_garbled_check() -> None:
    assert _check(text_checks, _doc(), "text.garbled").status == "pass"


def test_injected_pinyin_fails_and_names_an_example() -> None:
    doc = Document(text="当前", detected_format="text", removed=[Removal(kind="pinyin", removed="(dāng)", at=1)])
    check = _check(text_checks, doc, "text.injected")
    assert check.status == "fail" and "拼音注音1处" in check.message and "(dāng)" in check.message


def test_report_year_passes_when_title_and_period_agree() -> None:
    check = _check(
        meta_checks, _doc(report_year=2016, year_sources={"title": 2016, "period": 2016}), "meta.report_year"
    )
    assert check.status == "pass" and "2016" in check.message


def test_report_year_fails_and_quotes_both_years_when_title_and_period_disagree() -> None:
    doc = _doc(report_year=2016, year_sources={"title": 2016, "period": 2015})
    check = _check(meta_checks, doc, "meta.report_year")
    assert check.status == "fail" and "标题为2016年" in check.message and "统计期限为2015年" in check.message


def test_report_year_is_uncertain_when_no_source_names_it() -> None:
    assert _check(meta_checks, _doc(year_sources={"published": 2016}), "meta.report_year").status == "uncertain"


@pytest.mark.parametrize(
    ("title", "published", "status"),
    [
        ("青禾县2016年政府信息公开工作年度报告", date(2017, 3, 31), "pass"),
        ("青禾县2016年政府信息公开工作年度报告", date(2017, 4, 1), "fail"),
        ("青禾县人民政府2020年政府信息公开工作年度报告", date(2021, 3, 20), "pass"),
        ("青禾县统计局2020年政府信息公开工作年度报告", date(2021, 2, 10), "fail"),
        ("青禾县统计局2020年政府信息公开工作年度报告", date(2021, 1, 30), "pass"),
        ("青禾县2020年政府信息公开工作年度报告", date(2021, 4, 2), "fail"),
    ],
    ids=["f07-on-deadline", "f07-late", "government-march", "department-february", "department-january", "late"],
)
def test_timeliness_uses_the_deadline_of_the_year_and_the_kind_of_body(
    title: str, published: date, status: str
) -> None:
    year = int(title[title.index("20") : title.index("20") + 4])
    check = _check(meta_checks, _doc(title=title, report_year=year, published_date=published), "meta.timeliness")
    assert check.status == status and published.isoformat() in check.message


def test_timeliness_is_uncertain_between_the_two_deadlines_when_the_body_is_unknown() -> None:
    doc = _doc(report_year=2021, published_date=date(2022, 2, 15))
    assert _check(meta_checks, doc, "meta.timeliness").status == "uncertain"


def test_timeliness_is_uncertain_without_a_published_date() -> None:
    assert _check(meta_checks, _doc(report_year=2021), "meta.timeliness").status == "uncertain"
