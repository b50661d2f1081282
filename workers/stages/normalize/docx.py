"""Word .docx: body paragraphs and tables in document order, after checking the zip cannot expand into a bomb."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from schemas.document import Limits
from workers.errors import DecodeFailed, TooLarge

from .blocks import Block, Extracted, Table
from .deadline import Deadline

_MAX_RATIO = 200  # deflate rarely passes 20:1 on real documents; bombs run to thousands


def read_docx(data: bytes, limits: Limits, deadline: Deadline) -> Extracted:
    _check_zip(data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises anything from KeyError to lxml errors on a broken package
        raise DecodeFailed("the .docx package is corrupt", detail="docx") from e
    deadline.check("docx open")
    return Extracted(blocks=list(_blocks(document, deadline)), encoding=None)


def _check_zip(data: bytes, limits: Limits) -> None:
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise DecodeFailed("the .docx package is not a readable zip", detail="docx") from e
    total = sum(i.file_size for i in infos)
    if total > limits.max_decompressed_bytes:
        raise TooLarge(f".docx expands to {total} bytes, over {limits.max_decompressed_bytes}", detail="decompressed")
    # Many parts each under any per-part bound still add up to gigabytes of parsed tree.
    xml = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
    if xml > limits.max_xml_bytes:
        raise TooLarge(f".docx holds {xml} bytes of XML, over {limits.max_xml_bytes}", detail="xml")
    for info in infos:
        if info.compress_size and info.file_size / info.compress_size > _MAX_RATIO and info.file_size > 10_000_000:
            raise TooLarge(
                f"{info.filename} in the .docx expands {info.file_size // info.compress_size}x", detail="ratio"
            )


def _blocks(document: DocxDocument, deadline: Deadline) -> list[Block]:
    blocks: list[Block] = []
    for n, child in enumerate(document.element.body.iterchildren()):
        if n % 500 == 0:
            deadline.check("docx body")
        if child.tag == qn("w:p"):
            blocks.append(Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            blocks.append(_grid(DocxTable(child, document)))
    return blocks


def _grid(table: DocxTable) -> Table:
    """python-docx already repeats a merged cell in every slot it covers; `shown` keeps its first slot only."""
    rows: list[list[str]] = []
    shown: list[list[str]] = []
    seen: dict[int, object] = {}  # holds the cell elements alive: ids of dropped lxml proxies get reused
    for row in table.rows:
        full: list[str] = []
        first: list[str] = []
        for cell in row.cells:
            text = "\n".join(p.text for p in cell.paragraphs)
            full.append(text)
            element = cell._tc
            first.append("" if id(element) in seen else text)
            seen[id(element)] = element
        rows.append(full)
        shown.append(first)
    return Table(rows=rows, shown=shown)
