"""The normalize stage: a file's bytes become one clean, simplified-script Document with its page metadata.

bytes --detect--> text | html | pdf | docx   (anything else: UnsupportedFormat)
      --read----> lines and tables in reading order
      --clean---> widths folded, chrome, pinyin and spam out, traditional -> simplified
      --meta----> title, report year (with its sources), publisher, dates, index number
"""

from __future__ import annotations

from schemas.document import Document, Limits
from workers.errors import DecodeFailed, EmptyFile, GongkaiError, TooLarge, UnsupportedFormat, is_time_limit

from .assemble import assemble
from .blocks import Extracted
from .deadline import Deadline
from .detect import sniff
from .garbled import find_garbles
from .meta import read_meta

__all__ = ["normalize"]


def normalize(data: bytes, name: str, content_type: str | None, limits: Limits) -> Document:
    """Read one uploaded report. Raises only PermanentError subclasses (see workers/errors.py)."""
    if not data or not data.strip():
        raise EmptyFile(f"{name!r} is empty")
    if len(data) > limits.max_bytes:
        raise TooLarge(f"{len(data)} bytes, over the limit of {limits.max_bytes}", detail="bytes")
    deadline = Deadline(limits.seconds)
    kind = sniff(data, content_type)
    try:
        extracted = _read(kind, data, content_type, limits, deadline)
    except GongkaiError:
        raise
    except Exception as e:  # pdfminer, pdfium, python-docx and lxml raise many types on a malformed container
        if is_time_limit(e):
            raise  # the task's time limit is the task's to report (as a timeout), not a malformed file
        raise DecodeFailed(f"the {kind} file is malformed and could not be read", detail=kind) from e
    deadline.check("clean")
    assembled = assemble(extracted)
    if len(assembled.text) > limits.max_text_chars:
        raise TooLarge(f"{len(assembled.text)} characters of text, over {limits.max_text_chars}", detail="text")
    if not assembled.text.strip():
        if kind == "pdf":
            raise UnsupportedFormat("scanned_pdf")
        raise EmptyFile(f"{name!r} holds no text")
    deadline.check("meta")
    return Document(
        text=assembled.text,
        detected_format=kind,
        encoding=extracted.encoding,
        meta=read_meta(assembled.text, assembled.script, assembled.page_titles),
        grids=assembled.grids,
        removed=assembled.removed,
        garbled=find_garbles(assembled.text),
        pages=extracted.pages,
    )


def _read(kind: str, data: bytes, content_type: str | None, limits: Limits, deadline: Deadline) -> Extracted:
    # Imported here so a text-only worker never loads pdfium, pdfplumber or python-docx.
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, limits, deadline)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data, limits, deadline)
    if kind == "html":
        from .html import read_html

        return read_html(data, limits, deadline, content_type)
    from .text import read_text

    try:
        return read_text(data)
    except DecodeFailed as e:
        raise UnsupportedFormat("binary") from e
