"""PDF text lines with their geometry, read with pdfium; and the page furniture (numbers, running heads) among them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pypdfium2 as pdfium


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float  # distance from the page top, so that larger is lower on the page
    bottom: float
    page: int


def page_lines(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str, number: int) -> list[Line]:
    """The page's text lines, top to bottom (the content stream often draws the footer first); `text` is the page's
    characters, one per index (`pdf_cells.page_chars`)."""
    height = page.get_height()
    lines: list[Line] = []
    start = 0
    for end in [m.start() for m in re.finditer("\n", text)] + [len(text)]:
        line = _line(textpage, text, start, end, height, number)
        if line is not None:
            lines.append(line)
        start = end + 1
    return _rows(lines)


def _rows(lines: list[Line]) -> list[Line]:
    """Lines in reading order: top to bottom by visual row, left to right in a row. pdfium may break one printed
    line in two (a heading above a table came out as its second half first); touching pieces of a row are one line."""
    lines.sort(key=lambda ln: ln.top)
    rows: list[list[Line]] = []
    for line in lines:
        anchor = rows[-1][0] if rows else None
        if anchor is not None and abs(_mid(line) - _mid(anchor)) < 0.3 * min(_em(line), _em(anchor)):
            rows[-1].append(line)
        else:
            rows.append([line])
    out: list[Line] = []
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
        out.append(row[0])
        for line in row[1:]:
            last = out[-1]
            gap = line.x0 - last.x1
            em = min(_em(line), _em(last))
            if -0.2 * em <= gap <= 0.6 * em:
                glue = " " if gap > 0.25 * em else ""
                out[-1] = Line(
                    text=last.text + glue + line.text,
                    x0=last.x0,
                    x1=line.x1,
                    top=min(last.top, line.top),
                    bottom=max(last.bottom, line.bottom),
                    page=last.page,
                )
            else:
                out.append(line)
    return out


def _mid(line: Line) -> float:
    return (line.top + line.bottom) / 2


def _em(line: Line) -> float:
    return max(line.bottom - line.top, 4.0)


def _line(textpage: pdfium.PdfTextPage, text: str, start: int, end: int, height: float, page: int) -> Line | None:
    chunk = text[start:end].replace("\r", "")
    if not chunk.strip():
        return None
    first = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    last = start + len(text[start:end].rstrip()) - 1
    left, bottom, _, top = textpage.get_charbox(first)
    _, _, right, _ = textpage.get_charbox(last)
    return Line(text=chunk.strip(), x0=left, x1=right, top=height - top, bottom=height - bottom, page=page)


_PAGE_NO = re.compile(
    r"^(?:[-—–－―_\s]*\d{1,4}[-—–－―_\s]*|第\s*\d{1,4}\s*页(?:\s*[,/共]\s*共?\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)


def drop_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop page numbers ("-1-", "— 2 —", "第 3 页") and running heads or feet repeated on most pages."""
    edge_texts: dict[str, int] = {}
    for lines in pages:
        # Running heads and feet are short; a long line that repeats once its numbers are masked is content.
        for line in {ln.text for ln in lines[:2] + lines[-2:] if len(ln.text) <= 30}:
            key = re.sub(r"\d+", "#", line)
            edge_texts[key] = edge_texts.get(key, 0) + 1
    repeated = {k for k, n in edge_texts.items() if len(pages) >= 3 and n >= max(3, len(pages) // 2)}
    out = []
    for lines in pages:
        edges = set(map(id, lines[:2] + lines[-2:]))
        out.append(
            [
                ln
                for ln in lines
                if not (id(ln) in edges and (_PAGE_NO.match(ln.text) or re.sub(r"\d+", "#", ln.text) in repeated))
            ]
        )
    return out
