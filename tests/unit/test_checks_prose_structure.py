"""Prose and structure checks: breakdowns, percentages, required sections, heading numbering."""

from __future__ import annotations

from schemas import Check, Document, Extraction, Meta
from schemas.document import Template
from workers.stages.extract import extract_facts
from workers.stages.segment import segment
from workers.stages.validate import prose, structure


def checks(text: str, year: int = 2014, template: Template = "unknown") -> list[Check]:
    doc = Document(text=text, detected_format="text", meta=Meta(report_year=year))
    seg = segment(doc)
    ext = Extraction(facts=extract_facts(doc, seg), template=template)
    return prose.run(doc, seg, ext) + structure.run(doc, seg, ext)


def status(found: list[Check], rule: str) -> list[str]:
    return [c.status for c in found if c.rule == rule]


def test_breakdown_that_adds_up_passes() -> None:
    assert status(checks("主动公开政府信息60条,其中工作动态40条,通知公告20条。"), "sum.breakdown") == ["pass"]


def test_breakdown_that_does_not_add_up_fails_with_the_reports_numbers() -> None:
    [c] = [c for c in checks("主动公开政府信息60条,其中工作动态41条,通知公告20条。") if c.rule == "sum.breakdown"]
    assert c.status == "fail"
    assert "60条" in c.message and "61条" in c.message


def test_breakdown_with_approximate_parts_is_uncertain() -> None:
    assert status(checks("主动公开政府信息60条,其中工作动态40余条,通知公告20条。"), "sum.breakdown") == ["uncertain"]


def test_single_subset_after_qizhong_is_not_a_failed_breakdown() -> None:
    text = "全市受理行政复议案件共40件,其中:市本级受理行政复议案件共6件。"
    assert status(checks(text), "sum.breakdown") == ["uncertain"]


def test_enumeration_with_uncounted_items_is_uncertain_not_failed() -> None:
    text = "通过门户网站发布政府信息 200 件,其中包括:规范性文件 5 件;年度预算和决算信息;人大建议答复 30 件。"
    assert status(checks(text), "sum.breakdown") == ["uncertain"]


def test_no_breakdown_in_the_report_is_not_applicable() -> None:
    assert status(checks("本年度受理申请3件。"), "sum.breakdown") == ["not_applicable"]


def test_share_that_matches_its_count_passes_and_one_that_does_not_fails() -> None:
    ok = checks("主动公开政府信息40条,其中文件类10条,占25%,动态类30条,占75%。")
    bad = checks("主动公开政府信息40条,其中文件类10条,占30%,动态类30条,占75%。")
    assert set(status(ok, "sum.percent")) == {"pass"}
    assert "fail" in status(bad, "sum.percent")


def _report(body_sections: list[str], closing: str = "\n2015年3月20日\n") -> str:
    return "\n".join(body_sections) + closing


F07_FULL = [
    "一、概述\n本局认真贯彻条例。",
    "二、主动公开政府信息情况\n全年主动公开政府信息30条。",
    "三、依申请公开和不予公开政府信息情况\n本年度未收到政府信息公开申请。",
    "四、政府信息公开收费及减免情况\n本年度未收取费用。",
    "五、因政府信息公开申请行政复议、提起行政诉讼的情况\n本年度未发生行政复议和行政诉讼。",
    "六、存在的主要问题及改进措施\n公开内容有待丰富。",
]


def test_f07_report_with_all_five_topics_passes() -> None:
    assert status(checks(_report(F07_FULL)), "structure.sections") == ["pass"]


def test_f07_topic_mentioned_in_the_body_counts_without_its_own_heading() -> None:
    sections = [*F07_FULL[:3], "四、其他工作\n本年度未收取任何政府信息公开费用,未发生行政复议和行政诉讼。", F07_FULL[5]]
    assert status(checks(_report(sections)), "structure.sections") == ["pass"]


def test_complete_f07_report_missing_a_topic_fails() -> None:
    [c] = [c for c in checks(_report(F07_FULL[:3] + F07_FULL[4:])) if c.rule == "structure.sections"]
    assert c.status == "fail" and "收费" in c.message


def test_excerpt_cut_off_mid_sentence_is_uncertain_not_failed() -> None:
    text = "\n".join(F07_FULL[:3]) + "\n四、政府信息公开收费及减免情况\n本年度本局严格按照"
    assert status(checks(text), "structure.sections") == ["uncertain"]


def test_template_report_needs_the_six_sections_in_order() -> None:
    six = [
        "一、总体情况\n内容。",
        "二、主动公开政府信息情况\n内容。",
        "三、收到和处理政府信息公开申请情况\n内容。",
        "四、政府信息公开行政复议、行政诉讼情况\n内容。",
        "五、存在的主要问题及改进情况\n内容。",
        "六、其他需要报告的事项\n无。",
    ]
    assert status(checks(_report(six), year=2022), "structure.sections") == ["pass"]
    swapped = [six[0], six[2], six[1], *six[3:]]
    assert status(checks(_report(swapped), year=2022), "structure.sections") == ["fail"]


def test_heading_numbers_in_sequence_pass() -> None:
    assert status(checks(_report(F07_FULL)), "structure.heading_order") == ["pass"]


def test_repeated_and_backwards_heading_numbers_fail_and_name_the_headings() -> None:
    heads = ["一、概述", "二、主动公开情况", "四、政策解读", "三、依申请公开情况", "四、工作打算"]
    text = "".join(f"{h}\n内容。\n" for h in heads)
    [c] = [c for c in checks(text) if c.rule == "structure.heading_order"]
    assert c.status == "fail" and "四、政策解读" in c.message and "重复" in c.message


def test_empty_ordinal_fails_heading_order() -> None:
    text = "一、概述\n(一)组织领导\n内容。\n()制度建设\n内容。\n二、主动公开情况\n内容。\n"
    [c] = [c for c in checks(text) if c.rule == "structure.heading_order"]
    assert c.status == "fail" and "()制度建设" in c.message


def test_completion_rate_over_requests_pending_at_year_end_is_not_a_false_alarm() -> None:
    text = "全年受理政府信息公开申请47件,已办结45件,2件转入下一年度办理,办结率100%。"
    assert "fail" not in status(checks(text), "sum.percent")


def test_completion_rate_counting_requests_carried_over_passes() -> None:
    text = "全年受理政府信息公开申请18件,上年结转2件,已办结20件,办结率100%。"
    assert status(checks(text), "sum.percent") == ["pass"]


def test_completion_rate_that_disagrees_with_the_counts_fails() -> None:
    text = "全年受理政府信息公开申请40件,已办结30件,办结率100%。"
    assert status(checks(text), "sum.percent") == ["fail"]


def test_a_report_cut_at_two_thousand_bytes_is_an_excerpt_even_when_it_ends_a_sentence() -> None:
    head = (
        "一、概述\n"
        + "本局认真做好政府信息公开工作。" * 40
        + "\n二、主动公开政府信息情况\n全年主动公开政府信息60条。\n"
    )
    tail = "三、存在的主要问题及改进措施\n"
    filler = "下一步将加强培训。" * ((2000 - len((head + tail).encode())) // 27)
    text = head + tail + filler
    assert 1900 <= len(text.encode()) <= 2000
    assert status(checks(text), "structure.sections") == ["uncertain"]


def test_a_report_signed_and_dated_before_its_statistics_list_is_complete() -> None:
    from schemas import Document
    from workers.stages.segment import segment
    from workers.stages.validate.structure import is_complete

    text = (
        "一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n三、存在的主要问题和改进措施\n正文。\n某县教育局\n二〇一三年二月四日\n"
        "附表:\n指标名称\n计量单位\n年末统计\n主动公开信息数\n条 58 其中:1.网站公开\n条 58 行政复议数\n件 0 附件下载"
    )
    doc = Document(text=text, detected_format="text")
    assert is_complete(doc, segment(doc))
