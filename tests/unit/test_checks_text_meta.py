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


def _timeliness(year: int, published: date, title: str | None = None, publisher: str | None = None) -> Check:
    doc = _doc(
        title=title, publisher=publisher, report_year=year, published_date=published, year_sources={"title": year}
    )
    return _check(meta_checks, doc, "meta.timeliness")


@pytest.mark.parametrize(
    ("published", "status"),
    [(date(2009, 3, 31), "pass"), (date(2009, 4, 1), "fail")],
)
def test_first_year_of_the_2007_regulation_is_due_by_march_31_of_the_next_year(published: date, status: str) -> None:
    assert _timeliness(2008, published, "青禾县2008年政府信息公开工作年度报告").status == status


@pytest.mark.parametrize(
    ("published", "status"),
    [(date(2019, 3, 31), "pass"), (date(2019, 4, 1), "fail")],
)
def test_2018_department_report_keeps_the_old_march_31_deadline_though_published_in_2019(
    published: date, status: str
) -> None:
    check = _timeliness(2018, published, "青禾县统计局2018年政府信息公开工作年度报告")
    assert check.status == status and "2019-03-31" in check.message


@pytest.mark.parametrize(
    ("published", "status"),
    [(date(2020, 1, 31), "pass"), (date(2020, 2, 1), "fail")],
)
def test_department_report_from_2019_on_is_due_by_january_31(published: date, status: str) -> None:
    check = _timeliness(2019, published, "青禾县教育局2019年政府信息公开工作年度报告")
    assert check.status == status and "部门" in check.message


@pytest.mark.parametrize(
    ("published", "status"),
    [(date(2022, 3, 31), "pass"), (date(2022, 4, 1), "fail")],
)
def test_peoples_government_report_from_2019_on_is_due_by_march_31(published: date, status: str) -> None:
    assert _timeliness(2021, published, "青禾县人民政府2021年政府信息公开工作年度报告").status == status


@pytest.mark.parametrize(
    ("published", "status"),
    [(date(2021, 1, 20), "pass"), (date(2021, 3, 1), "uncertain"), (date(2021, 4, 1), "fail")],
    ids=["before-both", "between", "after-both"],
)
def test_body_of_unknown_kind_passes_before_january_31_fails_after_march_31_and_is_uncertain_between(
    published: date, status: str
) -> None:
    assert _timeliness(2020, published, "2020年政府信息公开工作年度报告").status == status


def test_publisher_tells_the_kind_of_body_when_the_title_names_none() -> None:
    check = _timeliness(2020, date(2021, 3, 1), "2020年政府信息公开工作年度报告", publisher="青禾县市场监督管理局")
    assert check.status == "fail" and "2021-01-31" in check.message


def test_township_report_counts_as_a_peoples_government_report() -> None:
    assert _timeliness(2020, date(2021, 3, 1), "石门镇2020年政府信息公开工作年度报告").status == "pass"


def test_subdistrict_office_report_is_uncertain_between_the_two_deadlines() -> None:
    assert _timeliness(2020, date(2021, 3, 1), "梅林街道办事处2020年政府信息公开工作年度报告").status == "uncertain"


def test_timeliness_is_uncertain_when_the_year_is_only_guessed_from_the_publish_date() -> None:
    doc = _doc(report_year=2018, published_date=date(2019, 6, 1), year_sources={"published": 2018})
    assert _check(meta_checks, doc, "meta.timeliness").status == "uncertain"


@pytest.mark.parametrize("year", [None, 2007])
def test_timeliness_does_not_apply_before_2008_or_without_a_year(year: int | None) -> None:
    doc = _doc(report_year=year, published_date=date(2008, 6, 1))
    assert _check(meta_checks, doc, "meta.timeliness").status == "not_applicable"


def test_report_year_disagreement_between_page_metadata_and_period_fails() -> None:
    doc = _doc(report_year=2019, year_sources={"metadata": 2019, "period": 2018})
    assert _check(meta_checks, doc, "meta.report_year").status == "fail"


def test_notice_carrying_a_department_report_is_judged_by_the_department_it_names() -> None:
    title = "关于印发《青禾县统计局2020年政府信息公开工作年度报告》的通知"
    assert _timeliness(2020, date(2021, 3, 1), title).status == "fail"


def test_notice_issued_by_a_governments_office_is_judged_as_the_governments_report() -> None:
    title = "青禾县人民政府办公室关于2020年政府信息公开工作年度报告的公告"
    assert _timeliness(2020, date(2021, 3, 1), title).status == "pass"
