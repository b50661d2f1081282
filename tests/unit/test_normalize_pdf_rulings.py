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
