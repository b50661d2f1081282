"""The template tables (F19/F21) and what the extract stage returns."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, SerializerFunctionWrapHandler, model_serializer

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

    proactive: Block | None = None
    requests: Block | None = None
    review_litigation: Block | None = None
    extra_rows: Block | None = Field(
        default=None, description="Rows and columns outside the template (e.g. subtotals), kept apart."
    )
    split_cells: list[SplitCell] | None = None

    @model_serializer(mode="wrap")
    def _without_absent_parts(self, handler: SerializerFunctionWrapHandler):
        # record.md: `{}` when the report has no template tables. No return annotation, so the
        # JSON Schema still describes every part.
        data: dict[str, Any] = handler(self)
        return {k: v for k, v in data.items() if v is not None}

    def is_empty(self) -> bool:
        return not (self.proactive or self.requests or self.review_litigation)


class Extraction(BaseModel):
    facts: list[Fact] = Field(default_factory=list)
    tables: Tables = Field(default_factory=Tables)
    template: Template = "unknown"
