"""Row labels of table 三 in the wording reports actually print, mapped to record.md keys."""

from __future__ import annotations

from workers.stages.tables.labels import request_row


def test_heji_in_the_seventh_result_row_is_the_processed_total() -> None:
    assert request_row("三、本年度办理结果（七）合计") == "total_processed"


def test_heji_after_a_group_label_is_a_group_subtotal_not_the_processed_total() -> None:
    assert request_row("（三）不予公开合计") is None


def test_group_label_merged_into_the_first_item_names_the_item() -> None:
    assert request_row("（三）不予公开 1.属于国家秘密") == "denied.state_secret"


def test_punctuated_and_shortened_wordings_name_the_same_rows() -> None:
    assert request_row("2.其他法律、行政法规禁止公开") == "denied.law_prohibited"
    assert request_row("1、信访、举报、投诉类申请") == "not_processed.petition_complaint"
    assert request_row("（3）其它") == "other.other"
    assert request_row("一、本年度新收政府信息公开申请数") == "new_received"
