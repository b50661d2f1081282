"""The template of a report whose tables were not found is decided by its structure first, its year second."""

from __future__ import annotations

from schemas import Document, Segmentation
from schemas.document import Meta
from workers.pipeline import fallback_template
from workers.stages.segment import segment


def report(text: str, year: int) -> tuple[Document, Segmentation]:
    doc = Document(text=text, detected_format="text", meta=Meta(report_year=year))
    return doc, segment(doc)


def test_a_2020_report_in_the_old_structure_is_free_prose() -> None:
    body = "一、概述\n" + "我局认真贯彻条例。" * 80 + "\n二、主动公开政府信息情况\n全年公开12条。\n三、依申请公开\n无。"
    doc, seg = report(body, 2020)
    assert fallback_template(doc, seg) == "F07"


def test_a_2021_report_in_the_template_structure_whose_tables_are_lost_is_f21() -> None:
    body = "一、总体情况\n" + "我局认真贯彻条例。" * 80 + "\n三、收到和处理政府信息公开申请情况\n见下表。"
    doc, seg = report(body, 2021)
    assert fallback_template(doc, seg) == "F21"


def test_a_stub_page_with_a_title_and_no_body_has_no_template() -> None:
    doc, seg = report("某局2020年政府信息公开工作年度报告\n附件下载", 2020)
    assert fallback_template(doc, seg) == "unknown"
