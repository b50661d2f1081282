"""Ruling lines read from pdfium's path objects stand in for pdfplumber's (pdfminer's) edges on the same page."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pypdfium2 as pdfium

from tests.fixtures import build
from workers.stages.normalize.pdf_rulings import page_edges


def _key(edges: list[dict[str, Any]]) -> list[tuple[str, float, float, float, float]]:
    return sorted(
        (e["orientation"], round(e["x0"]), round(e["top"]), round(e["x1"]), round(e["bottom"])) for e in edges
    )


def _ours(data: bytes) -> list[dict[str, Any]]:
    return page_edges(pdfium.PdfDocument(data)[0])


def _canvas(draw: Any) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    draw(page)
    page.save()
    return out.getvalue()


def test_ruled_table_edges_match_pdfplumbers_edges_on_the_same_page() -> None:
    data = build.pdf_bytes(with_table=True)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        theirs = [e for e in pdf.pages[0].edges if e["orientation"] in ("h", "v")]
    assert theirs and _key(_ours(data)) == _key(theirs)


def test_white_box_painted_behind_text_is_not_a_ruling() -> None:
    def draw(page: Any) -> None:
        page.setFillColorRGB(1, 1, 1)
        page.rect(100, 100, 300, 20, stroke=0, fill=1)

    assert _ours(_canvas(draw)) == []


def test_line_drawn_inside_a_form_xobject_is_placed_in_page_coordinates() -> None:
    def draw(page: Any) -> None:
        page.beginForm("rule")
        page.line(0, 0, 200, 0)
        page.endForm()
        page.translate(50, 700)
        page.doForm("rule")

    height = 842
    assert _key(_ours(_canvas(draw))) == [("h", 50, height - 700, 250, height - 700)]


def test_diagonal_strokes_are_not_rulings() -> None:
    assert _ours(_canvas(lambda page: page.line(100, 100, 300, 250))) == []


def test_text_spilling_over_a_rule_is_read_once_each_character_in_the_cell_holding_its_middle() -> None:
    from schemas.document import Limits
    from workers.stages.normalize import normalize

    font = build.cjk_font()

    def draw(page: Any) -> None:
        for y in (700, 680, 660):
            page.line(100, y, 400, y)
        for x in (100, 250, 400):
            page.line(x, 700, x, 660)
        page.setFont(font, 12)
        page.drawString(110, 686, "项目")
        page.drawString(110, 666, "规范性文件数量统计")  # runs past the rule at x=250
        page.drawString(260, 686, "数量")

    grid = normalize(_canvas(draw), "t.pdf", None, Limits()).grids[0]
    assert "".join(grid.rows[1]).replace(" ", "") == "规范性文件数量统计"
