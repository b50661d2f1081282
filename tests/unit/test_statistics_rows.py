"""Statistics lists (附表) of the 2008-2018 reports as facts (workers/stages/prose/statistics.py), in the flattened
shapes of the crawler dumps of ../shared/corpus2, with other figures."""

from __future__ import annotations

from tests.unit.test_extract import facts_of
from workers.stages.prose.statistics import statistics_rows

LIST = (
    "附表:\n指标名称\n计量单位\n年末统计\n主动公开信息数\n条 7 其中:1.网站公开\n条 5 2.政府公报公开\n"
    "条 2 受理依申请公开信息总数\n条 0 其中:1.当面申请数\n条 0 2.网上申请数\n条 0 对申请的答复总数\n"
    "条 0 其中:1.同意公开答复数\n条 0 2.同意部分公开答复数\n条 0 3.否决公开答复总数\n条 0 行政复议数\n"
    "件 0 行政诉讼数\n件 0 行政申诉数\n件 0"
)


def test_every_row_of_a_flattened_list_is_read_with_its_parts_under_it() -> None:
    rows = statistics_rows(LIST, [])
    assert [(r.concept, r.value) for r in rows if r.concept][:3] == [
        ("proactive.total", 7),
        ("proactive.website", 5),
        ("requests.received", 0),
    ]
    total = rows[0]
    assert [p.value for p in total.parts] == [5, 2]


def test_rows_give_facts_only_for_concepts_the_prose_does_not_state() -> None:
    facts = {(f.concept, f.value): f for f in facts_of("二、主动公开情况\n全年共主动公开政府信息7条。\n" + LIST)}
    assert set(facts) == {
        ("proactive.total", 7),
        ("proactive.website", 5),
        ("requests.received", 0),
        ("requests.answered", 0),
        ("requests.granted", 0),
        ("requests.partially_granted", 0),
        ("requests.denied", 0),
        ("review.total", 0),
        ("litigation.total", 0),
        ("complaints.total", 0),
    }
    assert facts[("proactive.total", 7)].parts == []  # the prose's own statement, not the list's row
    assert [p.value for p in facts[("requests.answered", 0)].parts] == [0, 0, 0]


def test_a_two_column_list_reads_the_years_figure_of_digits_run_together() -> None:
    text = "指标名称计量单位2015年度历年累计主动公开文件数条99407 其中:1.政府网站公开数条99407 行政复议数件00"
    rows = statistics_rows(text, [], frozenset({99.0}))
    assert [(r.concept, r.value) for r in rows] == [
        ("proactive.total", 99),
        ("proactive.website", 99),
        ("review.total", 0),
    ]


def test_a_two_column_row_that_the_digits_cannot_decide_is_left_out() -> None:
    rows = statistics_rows("指标名称单位2016年历年累计主动公开信息数条5151行政复议数条00", [])
    assert [(r.concept, r.value) for r in rows] == [("review.total", 0)]


def test_a_column_header_year_is_not_a_value() -> None:
    rows = statistics_rows("附表: 统计表 指标名称 单位 2011年度 主动公开信息数 条 6 行政复议数 件 0", [])
    assert [(r.concept, r.value) for r in rows] == [("proactive.total", 6), ("review.total", 0)]


def test_an_ordinal_without_its_mark_and_digits_run_into_the_next_ordinal_are_read() -> None:
    text = (
        "指标名称计量单位2015年度历年累计对申请的答复总数条03其中:1.同意公开答复数条022.同意部分公开答复数条00"
        "3.不予公开答复数条01 指标名称 单位 本年 对申请的答复总数 条 0 其中:1同意公开答复数 条 0"
    )
    rows = [(r.concept, r.value, len(r.parts)) for r in statistics_rows(text, [])]
    assert rows[:4] == [
        ("requests.answered", 0, 3),
        ("requests.granted", 0, 0),
        ("requests.partially_granted", 0, 0),
        ("requests.denied", 0, 0),
    ]
    assert rows[4:] == [("requests.answered", 0, 1), ("requests.granted", 0, 0)]


def test_the_next_rows_ordinal_with_a_comma_mark_is_no_digit_of_the_value() -> None:
    text = (
        "指标名称计量单位2012年度历年累计主动公开信息数条3131其中:1、网站公开条31312、政府公报公开条00"
        "对申请的答复总数条00其中:1、同意公开答复数条002、同意部分公开答复数条003、否决公开答复数条00行政复议数件00"
    )
    rows = statistics_rows(text, [], frozenset({31.0}))
    assert [(r.concept, r.value) for r in rows if r.concept] == [
        ("proactive.total", 31),
        ("proactive.website", 31),
        ("requests.answered", 0),
        ("requests.granted", 0),
        ("requests.partially_granted", 0),
        ("requests.denied", 0),
        ("review.total", 0),
    ]
