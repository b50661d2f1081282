"""Prose facts: the report's own figures for the vocabulary concepts, with breakdowns, zeros and evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas import Document, Fact
from workers.stages.extract import extract_facts
from workers.stages.segment import segment


def facts_of(text: str) -> list[Fact]:
    doc = Document(text=text, detected_format="text")
    return extract_facts(doc, segment(doc))


def pairs(text: str) -> set[tuple[str, float | None]]:
    return {(f.concept, f.value) for f in facts_of(text)}


def test_proactive_total_with_its_breakdown_in_order() -> None:
    [fact] = facts_of("2015年本局主动公开政府信息214条,其中,工作动态类150条,通知公告类40条,人事信息类24条。")
    assert (fact.concept, fact.value, fact.unit) == ("proactive.total", 214, "条")
    assert [p.value for p in fact.parts] == [150, 40, 24]


def test_breakdown_in_the_next_sentence_belongs_to_the_total() -> None:
    [fact] = facts_of("全年主动在门户网站公开政府信息80条。在主动公开的信息中,政策文件类20条,业务动态类60条。")
    assert fact.concept == "proactive.website" and [p.value for p in fact.parts] == [20, 60]


def test_channel_parts_of_a_total_are_also_channel_facts() -> None:
    got = pairs("累计主动公开政府信息900条,其中通过门户网站公开600条,政务微博公开200条,政务微信公开100条。")
    assert got == {
        ("proactive.total", 900),
        ("proactive.website", 600),
        ("proactive.weibo", 200),
        ("proactive.wechat", 100),
    }


def test_figures_of_sub_units_inside_a_breakdown_are_not_separate_facts() -> None:
    got = pairs(
        "全市各级机关通过政府网站发布信息共5000条,其中:市政府办公室通过政府网站发布信息800条;各县区发布4200条。"
    )
    assert got == {("proactive.website", 5000)}


def test_a_website_figure_is_not_the_all_channel_total() -> None:
    assert pairs("本年度通过区政府门户网站主动公开信息320条。") == {("proactive.website", 320)}


def test_request_outcomes_each_get_their_concept() -> None:
    text = (
        "全年收到政府信息公开申请 18 件,上年结转申请 1 件。办结的申请中同意公开 10 件,部分公开 3 件,"
        "不予公开 2 件,转下一年度办理 1 件。"
    )
    assert pairs(text) == {
        ("requests.received", 18),
        ("requests.carried_over", 1),
        ("requests.granted", 10),
        ("requests.partially_granted", 3),
        ("requests.denied", 2),
        ("requests.carried_forward", 1),
    }


def test_number_before_its_noun_is_read_from_the_words_after_it() -> None:
    got = pairs("本年度共有 2 件涉及政府信息公开的行政复议,受理的15件政府信息公开申请已全部按时办结。")
    assert ("review.total", 2) in got and ("requests.answered", 15) in got


def test_staff_counts_full_and_part_time() -> None:
    got = pairs("我办配备了2名专职工作人员和5名兼职工作人员负责政府信息公开工作。")
    assert got == {("staff.full_time", 2), ("staff.part_time", 5)}


def test_people_counted_at_a_training_are_not_staff() -> None:
    assert pairs("组织全县180多名政府信息公开工作人员参加业务培训。") == set()


@pytest.mark.parametrize(
    ("sentence", "concepts"),
    [
        ("本年度我局没有收到政府信息公开申请。", {"requests.received"}),
        (
            "全年未发生因政府信息公开引起的行政复议、行政诉讼和申诉案件。",
            {"review.total", "litigation.total", "complaints.total"},
        ),
        ("本机关公开政府信息一律免费。", {"fees.amount"}),
        ("本年度未收取任何政府信息公开费用。", {"fees.amount"}),
        ("本年度我乡没有依申请公开和不予公开的政府信息。", {"requests.received", "withheld.total"}),
    ],
)
def test_negations_state_zero(sentence: str, concepts: set[str]) -> None:
    assert pairs(sentence) == {(c, 0) for c in concepts}


def test_heading_followed_by_colon_none_states_zero() -> None:
    assert pairs("五、政府信息公开收费及减免情况:无\n") == {("fees.amount", 0)}


def test_unitless_zero_after_a_concept_states_zero() -> None:
    assert pairs("本年度本机关收到政府信息公开申请数为0。") == {("requests.received", 0)}


def test_words_that_resemble_negations_do_not_state_zero() -> None:
    text = "对无法提供的申请说明理由。目前尚未发现应主动公开而未予公开的信息。免费教育政策全面落实。"
    assert pairs(text) == set()


def test_zero_requests_are_not_read_from_a_review_sentence() -> None:
    got = pairs("本年度未发生因政府信息公开申请提起的行政复议案件。")
    assert got == {("review.total", 0)}


@pytest.mark.parametrize(
    "text",
    [
        "依据《条例》第二十条主动公开相关信息。",
        "按照〔2016〕8号文件要求,网站日均更新信息12条。",
        "网站访问量达35000人次。",
        "主动公开信息同比增加20条。",
        "新增主动公开规范性文件3件。",
        "全县开设政务公开专栏15个。",
        "报告由概述等六个部分组成,咨询电话0571-8888123。",
    ],
)
def test_figures_that_count_something_else_are_not_facts(text: str) -> None:
    assert pairs(text) == set()


def test_same_figure_stated_twice_is_one_fact() -> None:
    text = "全年受理政府信息公开申请12件。受理的12件申请已全部答复。本年受理申请12件。"
    assert sorted(f.concept for f in facts_of(text)) == ["requests.answered", "requests.received"]


def test_approximate_figure_is_flagged() -> None:
    [fact] = facts_of("全年主动公开政府信息1200余条。")
    assert fact.approx and fact.value == 1200


def test_chinese_numeral_figure_is_read() -> None:
    assert pairs("本年度受理政府信息公开申请一百二十三件。") == {("requests.received", 123)}


def test_evidence_offsets_point_at_the_sentence_in_the_text() -> None:
    text = "一、概述\n本局认真落实条例。\n二、主动公开情况\n本年度主动公开\n政府信息 56 条。\n"
    doc = Document(text=text, detected_format="text")
    [fact] = extract_facts(doc, segment(doc))
    assert fact.value == 56
    assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.quote
    assert "56" in fact.evidence.quote and "本年度主动公开" in fact.evidence.quote


def test_numbers_in_flattened_tables_are_not_prose_facts() -> None:
    text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 |\n5 |\n(一)予以公开 |\n3 |\n"
    assert facts_of(text) == []


@pytest.mark.shared
def test_real_corpus_facts_match_the_gold_annotations(shared_dir: Path) -> None:
    from schemas import Limits
    from workers.stages.normalize import normalize

    found = hit = expected = 0
    for gold_path in sorted((shared_dir / "eval" / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        source = shared_dir / "corpus" / gold["doc"]
        doc = normalize(source.read_bytes(), source.name, None, Limits())
        got = [(f.concept, f.value) for f in extract_facts(doc, segment(doc))]
        want = [(g["concept"], float(g["value"])) for g in gold["facts"]]
        expected += len(want)
        found += len(got)
        hit += sum(1 for w in want if w in got)
    assert hit / expected >= 0.9 and hit / found >= 0.95
