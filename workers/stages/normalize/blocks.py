"""What the format readers hand over: lines of text and tables, in reading order, before any cleaning."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    """A table as a grid: `rows` repeats a merged cell into every position it covers; `shown` has the text only in
    the cell's first position (what the rendering prints, so a merged label is not read three times)."""

    rows: list[list[str]]
    shown: list[list[str]] = field(default_factory=list)
    page: int | None = None
    columns: tuple[float, ...] = ()  # a PDF table's column edges, left to right
    continued: bool = False  # goes on from the table before it (a table broken across pages)


Block = str | Table


@dataclass
class Extracted:
    blocks: list[Block]
    encoding: str | None = None
    pages: int | None = None
    # Text from PDF layout, where spaces between CJK characters are justification, not content.
    close_gaps: bool = False
    # What the page names itself outside the text (HTML <title>, PDF or DOCX properties), raw.
    page_titles: list[str] = field(default_factory=list)
