"""Prose facts in phrasings the visible corpus does not show: context carried across sentences, outlets
that are no channel, bare 无 answering a heading, breakdowns that end when they add up, staff wording."""

from __future__ import annotations

from schemas import Document, Fact
from workers.stages.extract import extract_facts
from workers.stages.segment import segment


def facts_of(text: str) -> list[Fact]:
    doc = Document(text=text, detected_format="text")
    return extract_facts(doc, segment(doc))


def pairs(text: str) -> set[tuple[str, float | None]]:
    return {(f.concept, f.value) for f in facts_of(text)}


def test_answered_count_takes_the_request_topic_from_the_sentence_before() -> None:
    got = pairs("全年共受理政府信息公开申请12件。已办结12件,办结率100%。")
    assert got == {("requests.received", 12), ("requests.answered", 12)}


def test_results_listed_in_a_sentence_of_their_own_are_request_results_not_withheld_information() -> None:
    got = pairs("全年共收到政府信息公开申请6件,均已答复。其中同意公开3件,同意部分公开2件,不予公开1件。")
    assert ("requests.denied", 1) in got and ("withheld.total", 1) not in got


def test_a_figure_shared_with_a_notice_board_is_the_total_not_the_website() -> None:
    got = pairs("通过门户网站、政务公开栏等渠道主动公开政府信息120余条。")
    assert got == {("proactive.total", 120)}


def test_new_media_and_the_government_gazette_are_not_the_press() -> None:
    got = pairs("全年主动公开政府信息300条,其中门户网站发布200条、政务新媒体发布60条、政府公报刊登40条。")
    assert got == {("proactive.total", 300), ("proactive.website", 200)}


def test_words_inside_a_document_title_do_not_make_a_publication_figure() -> None:
    assert pairs("全年修订完善《政府信息公开保密审查制度》等制度4项。") == set()


def test_a_bare_none_answers_the_heading_it_follows() -> None:
    text = (
        "一、概述\n略。\n二、不予公开政府信息情况\n无。\n"
        "三、因政府信息公开申请行政复议、提起行政诉讼情况\n未发生此类情况。\n"
    )
    assert pairs(text) == {("withheld.total", 0), ("review.total", 0), ("litigation.total", 0)}


def test_a_stated_fee_outweighs_no_reductions_in_the_same_sentence() -> None:
    assert pairs("全市收取检索费、复制费共计120元,无减免情况。") == {("fees.amount", 120)}


def test_unpaid_processing_fee_is_a_zero_fee() -> None:
    assert pairs("本机关未收取信息处理费。") == {("fees.amount", 0)}


def test_breakdown_stops_once_its_parts_add_up_to_the_total() -> None:
    [received, answered] = facts_of("全年共收到政府信息公开申请8件,其中网络申请5件,信函申请3件;8件申请均已按时答复。")
    assert [p.value for p in received.parts] == [5, 3]
    assert (answered.concept, answered.value) == ("requests.answered", 8)


def test_carried_forward_said_after_the_number() -> None:
    got = pairs("全年受理政府信息公开申请47件,已办结45件,2件转入下一年度办理。")
    assert ("requests.carried_forward", 2) in got


def test_full_and_part_time_staff_together_are_the_staff_total() -> None:
    assert pairs("全县各单位共有专兼职工作人员126名,负责政府信息公开工作。") == {("staff.total", 126)}


def test_breakdown_after_one_short_clause_belongs_to_the_total() -> None:
    [fact, *_] = facts_of("全年共收到政府信息公开申请4件,均已按时答复,其中同意公开3件,不予公开1件。")
    assert [p.value for p in fact.parts] == [3, 1]


def test_a_sub_heading_section_gives_the_request_topic_to_a_bare_answered_count() -> None:
    text = "三、依申请公开政府信息情况\n（二）答复情况\n已答复70件,其中同意公开41件,不予公开29件。\n"
    assert ("requests.answered", 70) in pairs(text)


def test_requests_still_being_handled_are_carried_forward() -> None:
    got = pairs("全年共受理政府信息公开申请72件,已办结70件,另有2件正在办理中。")
    assert ("requests.carried_forward", 2) in got


def test_posts_pushed_by_a_wechat_account_need_no_item_word() -> None:
    assert pairs("政务微信公众号推送345条。") == {("proactive.wechat", 345)}


def test_cases_published_on_a_website_are_not_published_information_items() -> None:
    assert pairs("通过各级政府网站公开行政处罚案件3234件,公开率达到100%。") == set()
