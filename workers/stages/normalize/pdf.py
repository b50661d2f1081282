"""PDF with a text layer: pdfium for the text and the drawn rules; pdfplumber's table finder on pages with rules."""

from __future__ import annotations

import pypdfium2 as pdfium

from schemas.document import Limits
from workers.errors import DecodeFailed, TooLarge, UnsupportedFormat

from .blocks import Block, Extracted, Table
from .deadline import Deadline
from .pdf_cells import page_chars
from .pdf_lines import Line, drop_furniture, page_lines
from .pdf_paragraphs import join_lines
from .pdf_tables import CrossingBudget, PlacedTable, page_tables


def read_pdf(data: bytes, limits: Limits, deadline: Deadline) -> Extracted:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise UnsupportedFormat("encrypted_pdf") from e
        raise DecodeFailed("the PDF is corrupt and cannot be opened", detail="pdf") from e
    try:
        count = len(document)
        if count > limits.max_pages:
            raise TooLarge(f"the PDF has {count} pages, over the limit of {limits.max_pages}", detail="pages")
        pages: list[list[Line]] = []
        tables: list[list[PlacedTable]] = []
        budget = CrossingBudget()
        for number in range(count):
            deadline.check(f"pdf page {number + 1}")
            page = document[number]
            textpage = page.get_textpage()
            try:
                text = page_chars(textpage)
                pages.append(page_lines(page, textpage, text, number + 1))
                tables.append(_tables(page, textpage, text, number + 1, budget))
            finally:
                textpage.close()
                page.close()
    finally:
        document.close()
    if not any(pages) and not any(tables):
        raise UnsupportedFormat("scanned_pdf")
    return Extracted(blocks=_blocks(drop_furniture(pages), tables), pages=count, close_gaps=True)


def _tables(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str, number: int, budget: CrossingBudget
) -> list[PlacedTable]:
    try:
        return page_tables(page, textpage, text, number, budget)
    # What the table finder raises on hostile geometry; the page's text from pdfium still stands. Only these:
    # anything else, a stage's time limit above all, must reach the task.
    except (ValueError, ArithmeticError, LookupError, TypeError, AttributeError, pdfium.PdfiumError):
        return []


def _inside(line: Line, placed: PlacedTable) -> bool:
    x0, top, x1, bottom = placed.bbox
    mid_y = (line.top + line.bottom) / 2
    return top - 1 <= mid_y <= bottom + 1 and x0 - 2 <= (line.x0 + line.x1) / 2 <= x1 + 2


def _blocks(pages: list[list[Line]], tables: list[list[PlacedTable]]) -> list[Block]:
    """Lines outside tables joined into paragraphs (across page breaks too), tables in their place."""
    blocks: list[Block] = []
    run: list[Line] = []
    for lines, placed in zip(pages, tables, strict=True):
        pending = sorted(placed, key=lambda p: p.bbox[1])
        for line in lines:
            if any(_inside(line, p) for p in placed):
                continue
            while pending and pending[0].bbox[1] <= line.top:
                blocks.extend(join_lines(run))
                run = []
                _add_table(blocks, pending.pop(0).table)
            run.append(line)
        if pending:
            blocks.extend(join_lines(run))
            run = []
            for p in pending:
                _add_table(blocks, p.table)
    blocks.extend(join_lines(run))
    return blocks


def _add_table(blocks: list[Block], table: Table) -> None:
    """A table whose first piece on a page follows straight on from a table ending the page before, in the same
    columns, continues it: kept as its own grid (its page stays known) and marked so."""
    last = blocks[-1] if blocks else None
    if isinstance(last, Table) and last.page is not None and table.page == last.page + 1:
        table.continued = _same_columns(last.columns, table.columns)
    blocks.append(table)


def _same_columns(a: tuple[float, ...], b: tuple[float, ...], slack: float = 2.0) -> bool:
    """Same outer edges, and every column edge of one is an edge of the other: a cell merged across columns on one
    page (a header spanning them) hides edges the other page shows."""
    if not a or not b or abs(a[0] - b[0]) > slack or abs(a[-1] - b[-1]) > slack:
        return False
    fewer, more = sorted((a, b), key=len)
    return all(any(abs(x - y) <= slack for y in more) for x in fewer)
