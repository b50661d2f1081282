"""Segmentation: heading lines in every numbering style, their levels, and the top-level sections."""

from __future__ import annotations

import pytest

from schemas import Document
from workers.stages.prose.headings import parse_line
from workers.stages.prose.kinds import kinds_of
from workers.stages.segment import segment


def doc(text: str) -> Document:
    return Document(text=text, detected_format="text")


@pytest.mark.parametrize(
    ("line", "style", "number"),
    [
        ("一、概述", "cn_dun", 1),
        ("十一、其他需要报告的事项", "cn_dun", 11),
        ("三.依申请公开情况", "cn_dot", 3),
        ("二,主动公开情况", "cn_comma", 2),
        ("(三)收费情况", "paren_cn", 3),
        ("（四）复议情况", "paren_cn", 4),
        ("㈡公开形式", "circled_cn", 2),
        ("2.不予公开情况", "arabic_dot", 2),
        ("3、咨询情况", "arabic_dun", 3),
        ("⒋人员情况", "stop_digit", 4),
        ("(5)经费情况", "paren_arabic", 5),
        ("⑹其他", "paren_digit", 6),
        ("③网站建设", "circled_digit", 3),
        ("第二部分 主动公开情况", "chapter", 2),
    ],
)
def test_every_numbering_style_is_recognised_with_its_ordinal(line: str, style: str, number: int) -> None:
    cand = parse_line(line, 0)
    assert cand is not None and (cand.style, cand.number) == (style, number)


def test_empty_parenthesis_is_a_heading_without_number() -> None:
    cand = parse_line("()加强队伍建设", 0)
    assert cand is not None and cand.number is None


@pytest.mark.parametrize(
    "line",
    [
        "一是加强组织领导,明确责任分工。",
        "二要完善制度。",
        "一、本年新收政府信息公开申请数量 |",
        "一、本年新收政府信息公开申请数量 12 0 0 0 0 0 12",
        "(一)予以公开",
        "四、结转下年度继续办理",
        "1.2万条信息已经全部归档",
        "一、我局高度重视政府信息公开工作,成立了以局长为组长的领导小组,各科室负责人为成员,明确专人负责日常工作",
    ],
)
def test_enumerations_table_labels_and_numbered_sentences_are_not_headings(line: str) -> None:
    assert parse_line(line, 0) is None


def test_run_in_title_is_cut_at_the_full_stop() -> None:
    cand = parse_line("(二)强化培训。全年举办培训班3期。", 0)
    assert cand is not None and cand.text == "(二)强化培训"


def test_heading_with_inline_content_after_colon_keeps_only_the_title() -> None:
    cand = parse_line("四、政府信息公开收费及减免情况:无", 0)
    assert cand is not None and cand.text == "四、政府信息公开收费及减免情况"


def test_heading_wrapped_over_two_lines_is_joined() -> None:
    text = "前言。\n五、因政府信息公开申请行政复议、提起行政诉讼\n的情况\n本年度未发生。\n"
    [section] = [s for s in segment(doc(text)).sections if s.number == 5]
    assert section.heading == "五、因政府信息公开申请行政复议、提起行政诉讼的情况"


def test_marker_alone_on_its_line_takes_the_next_line_as_title() -> None:
    text = "一、\n概述\n正文。\n二、主动公开情况\n正文。\n"
    assert [s.heading for s in segment(doc(text)).sections] == ["一、概述", "二、主动公开情况"]


def test_top_level_is_the_outermost_numbering_used_and_sections_span_to_the_next() -> None:
    text = "一、概述\n(一)组织领导\n内容。\n(二)制度建设\n内容。\n二、主动公开政府信息情况\n内容。\n"
    seg = segment(doc(text))
    assert [s.heading for s in seg.sections] == ["一、概述", "二、主动公开政府信息情况"]
    assert seg.sections[0].end == seg.sections[1].start == text.index("二、")
    assert seg.sections[1].end == len(text)
    assert [h.level for h in seg.headings] == [1, 2, 2, 1]


def test_document_numbered_only_with_parenthesised_ordinals_uses_them_as_top_level() -> None:
    text = "(一)主动公开情况\n内容。\n(二)依申请公开情况\n内容。\n"
    assert [s.number for s in segment(doc(text)).sections] == [1, 2]


def test_headings_run_into_a_single_long_line_are_found() -> None:
    body = "根据条例规定,现将本镇年度报告如下: 一、政府信息主动公开情况 " + "本年度我镇通过多种渠道公开信息。" * 10
    body += " 二、政府信息公开收费情况 本年度未收费。"
    assert [s.heading for s in segment(doc(body)).sections] == ["一、政府信息主动公开情况", "二、政府信息公开收费情况"]


def test_section_heading_keeps_numbering_and_normalized_text() -> None:
    seg = segment(doc("三、 依申请公开 情况\n无。\n"))
    assert seg.sections[0].heading == "三、依申请公开情况"


@pytest.mark.parametrize(
    ("title", "kinds"),
    [
        ("概述", ["overview"]),
        ("总体情况", ["overview"]),
        ("主动公开政府信息情况", ["proactive"]),
        ("政府信息公开情况", ["proactive"]),
        ("依申请公开、不予公开及咨询政府信息情况", ["on_request", "withheld"]),
        ("收到和处理政府信息公开申请情况", ["on_request"]),
        ("依申请信息公开收费情况", ["fees"]),
        ("政府信息公开收费及减免,复议、诉讼和申诉等情况", ["fees", "review_litigation"]),
        ("因政府信息公开申请行政复议、提起行政诉讼的情况", ["review_litigation"]),
        ("政府信息公开机构人员及经费情况", ["staffing"]),
        ("存在的主要问题及改进情况", ["problems"]),
        ("2019年工作计划", ["problems"]),
        ("其他需要报告的事项", ["other"]),
        ("重点领域信息公开情况", ["extra"]),
        ("政策解读与回应关切", ["extra"]),
    ],
)
def test_heading_titles_map_to_their_canonical_kinds(title: str, kinds: list[str]) -> None:
    assert kinds_of(title) == kinds


def test_an_excerpt_cut_inside_its_first_section_keeps_that_section_as_the_top_level() -> None:
    text = "一、总体情况\n略。\n（一）主动公开\n略。\n（二）依申请公开\n略。\n（三）政府信息管理\n略"
    seg = segment(Document(text=text, detected_format="text"))
    assert [s.heading for s in seg.sections] == ["一、总体情况"]


def test_a_heading_run_on_after_a_full_stop_with_no_break_is_found() -> None:
    text = (
        "现将情况报告如下：一、概述\n我局高度重视。二、主动公开政府信息情况\n"
        "全年主动公开6条。三、依申请公开政府信息情况\n无。"
    )
    headings = [s.heading for s in segment(doc(text)).sections]
    assert headings == ["一、概述", "二、主动公开政府信息情况", "三、依申请公开政府信息情况"]


def test_a_heading_run_straight_into_its_body_ends_at_its_title_word() -> None:
    text = (
        "一、总体情况2021年，我局按照区管委会的工作要求推进公开。\n"
        "二、主动公开政府信息情况第二十条第(一)项信息内容本年制发件数\n"
        "三、收到和处理政府信息公开申请情况(本列数据的勾稽关系为:第一项加第二项之和)\n"
        "五、存在的主要问题及改进情况(一)存在的主要问题\n"
        "六、其他需要报告的事项2021年,无收取信息处理费情况。"
    )
    sections = segment(doc(text)).sections
    assert [s.heading for s in sections] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert [s.kinds for s in sections][-1] == ["other"]


def test_a_numbered_sentence_on_no_reportable_topic_is_not_made_a_run_in_heading() -> None:
    text = (
        "一、概述\n正文。\n二、加强组织领导强化责任分工一是进一步强化政治引领深入开展学习宣贯把握时代主题结合党史学习\n"
        "三、主动公开情况\n正文。"
    )
    headings = [s.heading for s in segment(doc(text)).sections]
    assert headings == ["一、概述", "三、主动公开情况"]


def test_a_heading_right_after_the_last_cell_of_a_run_on_table_is_found_and_the_tables_row_labels_are_not() -> None:
    text = (
        "一、总体情况\n正文。\n二、主动公开政府信息情况第二十条第(一)项信息内容规章000行政事业性收费0"
        "三、收到和处理政府信息公开申请情况申请人情况自然人一、本年新收政府信息公开申请数量0000000"
        "四、结转下年度继续办理0000000 四、政府信息公开行政复议、行政诉讼情况"
        "行政复议行政诉讼结果维持结果纠正总计000000000000000"
        "五、存在的主要问题及改进情况2023年,我局…。采购总金额246900元六、其他需要报告的事项无。"
    )
    headings = [s.heading for s in segment(doc(text)).sections]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]


def test_a_numeral_inside_a_word_does_not_open_a_heading() -> None:
    text = "一、概述\n坚持统一、主动公开的原则开展工作。\n二、依申请公开情况\n无。"
    assert [s.heading for s in segment(doc(text)).sections] == ["一、概述", "二、依申请公开情况"]


def test_an_appended_table_caption_keeps_only_its_caption() -> None:
    text = "一、概述\n正文。\n二、主动公开情况\n正文。\n三、附表指标名称计量单位本年统计主动公开信息数条6"
    sections = segment(doc(text)).sections
    assert (sections[-1].heading, sections[-1].kinds) == ("三、附表", ["extra"])


def test_a_marker_alone_on_its_line_takes_the_title_run_into_the_body_below() -> None:
    text = "电子邮箱:gk@example.com)。一、\n概述2016年是开局之年,我局认真落实。\n二、主动公开政府信息情况\n正文。"
    assert [s.heading for s in segment(doc(text)).sections] == ["一、概述", "二、主动公开政府信息情况"]


def test_a_heading_right_after_an_address_that_ends_the_preamble_is_found() -> None:
    text = "如有疑问请联系(邮箱gk@example.com)一、总体情况\n正文。\n二、主动公开政府信息情况\n正文。"
    assert [s.heading for s in segment(doc(text)).sections] == ["一、总体情况", "二、主动公开政府信息情况"]


def test_a_template_title_whose_numeral_lost_its_mark_is_a_heading_and_一是_is_not() -> None:
    text = "现将有关情况报告如下。一总体情况2020年,我局一是加强领导。\n二、主动公开政府信息情况\n正文。"
    assert [s.heading for s in segment(doc(text)).sections] == ["一总体情况", "二、主动公开政府信息情况"]


@pytest.mark.parametrize(
    ("title", "kinds"),
    [
        ("需要说明的事项与附表", ["other"]),
        ("工作人员以及支出与收费情况", ["fees", "staffing"]),
        ("政府信息公开工作开展情况", ["overview"]),
        ("政府信息公开情况", ["proactive"]),
        ("重点领域信息公开工作开展情况", ["extra"]),
    ],
)
def test_heading_kinds_of_the_old_eras_wordings(title: str, kinds: list[str]) -> None:
    assert sorted(kinds_of(title)) == kinds
