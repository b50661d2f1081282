"""Ruled PDF tables at page edges: a lone header row, the heading above it, a table broken across pages."""

from __future__ import annotations

import io
from typing import Any

import pytest

from schemas.document import Document, Limits
from tests.fixtures import build
from tests.fixtures.tables.office import pdf_report
from tests.fixtures.tables.spec import make_report
from workers.stages.normalize import normalize


@pytest.fixture(scope="module")
def broken_report() -> Document:
    """At font size 10 table 四's first header row is left alone at the foot of a page, its heading just above it."""
    data = pdf_report(make_report(31, "F21", "青石区人民政府", 2021), font_size=10)
    return normalize(data, "report.pdf", None, Limits())


def _canvas(draw: Any) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    draw(page)
    page.save()
    return out.getvalue()


def test_ruled_table_of_a_single_row_with_two_cells_is_kept_as_a_grid(broken_report: Document) -> None:
    assert any(g.rows == [["行政复议", "行政诉讼"]] for g in broken_report.grids)


def test_heading_just_above_a_table_at_the_page_foot_stays_whole_and_in_its_place(broken_report: Document) -> None:
    text = broken_report.text
    heading = text.index("四、政府信息公开行政复议、行政诉讼情况\n")
    assert text.index("| 行政复议 | 行政诉讼 |") > heading > text.index("四、结转下年度继续办理")


def test_table_piece_on_the_next_page_in_the_same_columns_is_marked_continued(broken_report: Document) -> None:
    lone_row = next(i for i, g in enumerate(broken_report.grids) if g.rows == [["行政复议", "行政诉讼"]])
    after = broken_report.grids[lone_row + 1]
    assert after.continued and after.page == broken_report.grids[lone_row].page + 1  # type: ignore[operator]


def test_table_starting_a_document_or_after_a_heading_is_not_continued(broken_report: Document) -> None:
    assert not broken_report.grids[0].continued
    assert not any(g.continued for g in broken_report.grids if g.rows == [["行政复议", "行政诉讼"]])


def test_table_on_the_next_page_in_other_columns_is_not_continued() -> None:
    font = build.cjk_font()

    def row(page: Any, y: float, xs: tuple[float, ...]) -> None:
        page.line(xs[0], y + 20, xs[-1], y + 20)
        page.line(xs[0], y, xs[-1], y)
        page.setFont(font, 10)
        for x in xs:
            page.line(x, y + 20, x, y)
        for x in xs[:-1]:
            page.drawString(x + 4, y + 6, "项目")

    def draw(page: Any) -> None:
        row(page, 100, (100, 250, 400))
        page.showPage()
        row(page, 740, (60, 200, 350, 500))

    doc = normalize(_canvas(draw), "two.pdf", None, Limits())
    assert [(g.page, g.continued) for g in doc.grids] == [(1, False), (2, False)]


def test_pieces_of_one_printed_line_come_out_as_one_line_left_to_right() -> None:
    font = build.cjk_font()

    def draw(page: Any) -> None:
        page.setFont(font, 12)
        page.drawString(160, 700.4, "情况说明")  # the second half first, set a hair lower
        page.drawString(100, 700, "年度工作")

    doc = normalize(_canvas(draw), "pieces.pdf", None, Limits())
    assert doc.text.startswith("年度工作情况说明")


def test_each_of_several_boxes_on_a_page_holds_its_own_characters_and_no_others() -> None:
    # The page's characters are read once for all its tables (pdf_cells.PageChars); each takes only those whose
    # middles it holds, in reading order, with the prose between the boxes left to the prose.
    font = build.cjk_font()

    def draw(page: Any) -> None:
        page.setFont(font, 10)
        for n, (y, left, right) in enumerate([(700, "甲项", "乙项"), (560, "丙项", "丁项"), (420, "戊项", "己项")]):
            page.line(100, y + 20, 400, y + 20)
            page.line(100, y, 400, y)
            for x in (100, 250, 400):
                page.line(x, y + 20, x, y)
            page.drawString(104, y + 6, left)
            page.drawString(254, y + 6, right)
            page.drawString(100, y - 40, f"第{n + 1}段正文不在任何表格之内。")

    doc = normalize(_canvas(draw), "boxes.pdf", None, Limits())
    assert [g.rows for g in doc.grids] == [[["甲项", "乙项"]], [["丙项", "丁项"]], [["戊项", "己项"]]]
    assert all(f"第{n}段正文不在任何表格之内。" in doc.text for n in (1, 2, 3))
