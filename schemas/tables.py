"""The template tables (F19/F21) and what the extract stage returns."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from schemas.absent import absent_when_none
from schemas.document import Template
from schemas.facts import Fact, Number

Semantic = Literal["number", "zero", "blank", "dash", "slash", "na", "text"]


class Cell(BaseModel):
    """A table cell: blank is not zero, and the raw text is always kept."""

    value: Number | None
    raw: str
    semantic: Semantic


class SplitCell(BaseModel):
    """A number that PDF extraction split across two cells (拆格), with the merge that would mend it."""

    path: str
    raw_parts: list[str]
    suggested_value: Number
    note: str


# {row_or_block: {column: Cell}}
Block = dict[str, dict[str, Cell]]


class Tables(BaseModel):
    """record.md `tables`; every field is absent when the report has no template tables."""

    proactive: Block | None = absent_when_none()
    requests: Block | None = absent_when_none()
    review_litigation: Block | None = absent_when_none()
    extra_rows: Block | None = absent_when_none("Rows and columns outside the template (e.g. subtotals), kept apart.")
    split_cells: list[SplitCell] | None = absent_when_none()

    def is_empty(self) -> bool:
        return not (self.proactive or self.requests or self.review_litigation)


class Extraction(BaseModel):
    facts: list[Fact] = Field(default_factory=list)
    tables: Tables = Field(default_factory=Tables)
    template: Template = "unknown"
