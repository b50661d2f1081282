"""Every kind of file a report arrives as normalizes to the same text as the plain original."""

from __future__ import annotations

import codecs
import re

import pytest

from schemas.document import Document, Limits
from tests.fixtures import build
from workers.stages.normalize import normalize

LIMITS = Limits()


def _norm(data: bytes, name: str = "report", content_type: str | None = None) -> Document:
    return normalize(data, name, content_type, LIMITS)


@pytest.fixture(scope="module")
def original() -> Document:
    return _norm(build.report_text().encode("utf-8"), "report.txt")


def _without_tables(text: str) -> str:
    return re.sub(r"\n?^\|.*\|$", "", text, flags=re.MULTILINE)


def test_gb18030_text_is_detected_and_reads_as_the_utf8_original(original: Document) -> None:
    doc = _norm(build.report_text().encode("gb18030"))
    assert (doc.encoding, doc.detected_format, doc.text) == ("gb18030", "text", original.text)


def test_big5_traditional_text_is_simplified_and_marked_traditional(original: Document) -> None:
    doc = _norm(build.traditional(build.report_text()).encode("big5"))
    assert (doc.encoding, doc.meta.script, doc.text) == ("big5", "traditional", original.text)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + build.report_text().encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + build.report_text().encode("utf-16-le"), "utf-16"),
        (build.report_text().encode("utf-16-le"), "utf-16"),
    ],
    ids=["utf8-bom", "utf16-bom", "utf16-no-bom"],
)
def test_byte_order_marks_and_utf16_are_read_without_leaving_marks_in_the_text(
    original: Document, data: bytes, encoding: str
) -> None:
    doc = _norm(data)
    assert (doc.encoding, doc.text) == (encoding, original.text)


def test_docx_paragraphs_read_as_the_original_text(original: Document) -> None:
    doc = _norm(build.docx_bytes(), "report.docx")
    assert (doc.detected_format, doc.text) == ("docx", original.text)


def test_docx_table_becomes_a_grid_with_merged_cells_repeated_and_rendered_as_pipe_rows() -> None:
    doc = _norm(build.docx_bytes(with_table=True))
    assert doc.grids[0].rows == build.TABLE
    assert doc.text[doc.grids[0].start : doc.grids[0].end].splitlines()[2] == "| 规章 | 0 | 3 |"


def test_pdf_printed_with_a_cjk_font_reads_as_the_original_paragraphs(original: Document) -> None:
    doc = _norm(build.pdf_bytes(), "report.pdf")
    assert (doc.detected_format, doc.text) == ("pdf", original.text)


def test_pdf_over_several_pages_rejoins_paragraphs_across_page_breaks_and_drops_page_numbers() -> None:
    paragraphs = build.PARAGRAPHS[:6] + build.filler(30) + build.PARAGRAPHS[6:]
    doc = _norm(build.pdf_bytes(paragraphs), "long.pdf")
    assert doc.pages and doc.pages >= 3
    assert doc.text == "\n".join(paragraphs)


def test_pdf_ruled_table_is_read_by_cell_position_with_spans_repeated() -> None:
    doc = _norm(build.pdf_bytes(with_table=True), "table.pdf")
    assert [g.rows for g in doc.grids] == [build.TABLE]
    assert _without_tables(doc.text) == "\n".join(build.PARAGRAPHS)


def test_html_page_keeps_the_report_and_drops_menus_breadcrumbs_counters_share_print_and_footer() -> None:
    doc = _norm(build.html_page(), "page.htm")
    for chrome in (
        "您的位置",
        "首页",
        "浏览次数",
        "字体",
        "打印本页",
        "关闭窗口",
        "网站地图",
        "ICP备",
        "公网安备",
        "分享",
        "统计代码",
    ):
        assert chrome not in doc.text, chrome
    body = "\n".join(build.PARAGRAPHS)
    assert body in _without_tables(doc.text).replace("发布时间:2017-03-20 10:21\n", "")


def test_html_page_metadata_table_gives_publisher_dates_and_index_number() -> None:
    meta = _norm(build.html_page(), "page.htm").meta
    assert (meta.title, meta.publisher, str(meta.published_date), meta.index_no) == (
        build.TITLE,
        build.PUBLISHER,
        build.PUBLISHED,
        build.INDEX_NO,
    )


def test_html_big5_page_declared_in_its_meta_tag_is_decoded_and_simplified(original: Document) -> None:
    body = build.traditional(build.report_text()).splitlines()
    doc = _norm(build.html_page("big5", body=body))
    assert doc.encoding == "big5" and doc.meta.script == "traditional"
    assert "\n".join(build.PARAGRAPHS[1:]) in doc.text


def test_html_rowspan_and_colspan_resolve_into_every_covered_position() -> None:
    rows = (
        "<tr><td rowspan=2>项目</td><td colspan=2>数量</td></tr><tr><td>本年新增</td><td>累计</td></tr>"
        "<tr><td>规章</td><td>0</td><td>3</td></tr><tr><td>规范性文件</td><td>5</td><td>27</td></tr>"
    )
    doc = _norm(build.html_table(rows))
    assert doc.grids[0].rows == build.TABLE
    assert doc.text.splitlines()[1:3] == ["| 项目 | 数量 |  |", "|  | 本年新增 | 累计 |"]


def test_text_with_flattened_tables_passes_through_untouched() -> None:
    text = "二、主动公开政府信息情况\n| 规章 | 0 | 0 | 0 |\n信息内容 |\n本年制发件数 |\n||\n| a | b |"
    assert _norm(text.encode()).text == text
