"""Unsupported and hostile inputs: detected by content, refused with a PermanentError, never a crash."""

from __future__ import annotations

import io
import os
import time
import zipfile

import pytest

from schemas.document import Limits
from tests.fixtures import build
from workers.errors import EmptyFile, TooLarge, UnsupportedFormat
from workers.stages.normalize import normalize


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "detected"),
    [
        (b"\x89PNG\r\n\x1a\n" + os.urandom(200), "png"),
        (b"\xff\xd8\xff\xe0" + os.urandom(200), "jpeg"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "ole"),
        (b"Rar!\x1a\x07\x00" + os.urandom(100), "rar"),
        (_zip({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<x/>"}), "ofd"),
        (_zip({"a.txt": b"hello"}), "zip"),
        (bytes(range(256)) * 8, "binary"),
    ],
    ids=["png", "jpeg", "doc-wps", "rar", "ofd", "zip", "binary"],
)
def test_unsupported_files_are_refused_with_the_detected_type_whatever_their_name(data: bytes, detected: str) -> None:
    with pytest.raises(UnsupportedFormat) as raised:
        normalize(data, "report.txt", "text/plain", Limits())
    assert raised.value.detected == detected


def test_pdf_without_a_text_layer_is_refused_as_a_scan() -> None:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.rect(100, 100, 300, 400, fill=1)
    page.save()
    with pytest.raises(UnsupportedFormat) as raised:
        normalize(out.getvalue(), "scan.pdf", None, Limits())
    assert raised.value.detected == "scanned_pdf"


def test_empty_file_is_refused() -> None:
    with pytest.raises(EmptyFile):
        normalize(b"  \n ", "x.txt", None, Limits())


def test_file_over_the_byte_limit_is_refused_before_reading() -> None:
    with pytest.raises(TooLarge):
        normalize(b"a" * 2000, "x.txt", None, Limits(max_bytes=1000))


def test_docx_that_expands_past_the_decompressed_limit_is_refused() -> None:
    bomb = _zip({"word/document.xml": b"<w:document/>" + b" " * 5_000_000, "[Content_Types].xml": b"<Types/>"})
    with pytest.raises(TooLarge):
        normalize(bomb, "bomb.docx", None, Limits(max_decompressed_bytes=1_000_000))


def test_pdf_over_the_page_limit_is_refused() -> None:
    with pytest.raises(TooLarge):
        normalize(build.pdf_bytes(build.PARAGRAPHS + build.filler(30)), "long.pdf", None, Limits(max_pages=2))


def test_ten_megabyte_single_line_is_processed_in_linear_time() -> None:
    line = ("政府信息公开 " * 10 + "?" + " " * 50 + "(点击: ") * 40_000
    started = time.monotonic()
    doc = normalize(line.encode(), "long.txt", None, Limits(max_text_chars=20_000_000))
    assert time.monotonic() - started < 10
    assert doc.text.count("政府信息公开") == 400_000  # its lost breaks restored, its words all kept


def test_html_nested_past_the_depth_limit_keeps_its_text_flattened() -> None:
    page = "<html><body>" + "<div><span>" * 500 + "青禾县2016年政府信息公开工作年度报告" + "</span></div>" * 500
    doc = normalize(page.encode(), "deep.html", None, Limits(max_html_depth=300))
    assert doc.text == "青禾县2016年政府信息公开工作年度报告"


def test_a_report_nested_beyond_the_parser_cap_is_read_quickly_not_lost() -> None:
    body = "<p>一、概述</p><p>我局2016年主动公开政府信息12条。</p>"
    page = "<html><body>" + "<div>" * 100_000 + body + "</div>" * 100_000
    started = time.monotonic()
    doc = normalize(page.encode(), "deep.html", None, Limits())
    assert time.monotonic() - started < 20
    assert "我局2016年主动公开政府信息12条。" in doc.text
