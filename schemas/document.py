"""The normalized document: what the normalize stage makes of a file's bytes."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

Template = Literal["F07", "F19", "F21", "unknown"]
Script = Literal["simplified", "traditional"]


class Limits(BaseModel):
    """Bounds on what normalize will read; hostile input hits these, never the machine's limits."""

    max_bytes: int = 50 * 1024 * 1024
    max_decompressed_bytes: int = 200 * 1024 * 1024
    # XML is parsed into a tree that takes 10-20 times its size: it gets a bound of its own.
    max_xml_bytes: int = 24 * 1024 * 1024
    max_pages: int = 500
    max_text_chars: int = 2_000_000
    max_html_depth: int = 400
    seconds: float = 120.0


class Meta(BaseModel):
    """Page metadata and report identity (record.md `meta`)."""

    title: str | None = None
    report_year: int | None = None
    publisher: str | None = None
    published_date: date | None = None
    written_date: date | None = None
    index_no: str | None = None
    template: Template = "unknown"
    script: Script = "simplified"
    year_sources: dict[str, int] = Field(
        default_factory=dict,
        description="Where a report year was read (title, period, metadata, published) and what each says.",
    )


class Grid(BaseModel):
    """A table kept as a grid of cell texts, rowspan/colspan already resolved into repeated cells."""

    rows: list[list[str]]
    start: int = Field(description="Offset in Document.text where the table's rendering starts.")
    end: int
    page: int | None = None
    continued: bool = Field(
        default=False, description="The table goes on from the previous grid (a table broken across pages)."
    )


class Removal(BaseModel):
    """Injected noise taken out of the text (pinyin after characters, mirror-site spam)."""

    kind: Literal["pinyin", "spam"]
    removed: str
    at: int = Field(description="Offset in Document.text where the removed text stood.")


class Garble(BaseModel):
    """A run of mojibake kept in the text and located."""

    kind: Literal["replacement_char", "question_marks", "debris"]
    start: int
    end: int


class Document(BaseModel):
    text: str
    detected_format: str
    encoding: str | None = None
    meta: Meta = Field(default_factory=Meta)
    grids: list[Grid] = Field(default_factory=list)
    removed: list[Removal] = Field(default_factory=list)
    garbled: list[Garble] = Field(default_factory=list)
    pages: int | None = None
