"""Validation results (record.md `checks`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, SerializerFunctionWrapHandler, model_serializer

from schemas.facts import Number

Status = Literal["pass", "fail", "uncertain", "not_applicable"]
Severity = Literal["error", "warning", "info"]


class CheckEvidence(BaseModel):
    """Either a text span (start/end/quote) or a table cell (cell path and its raw text)."""

    start: int | None = None
    end: int | None = None
    quote: str | None = None
    cell: str | None = None
    raw: str | None = None

    @model_serializer(mode="wrap")
    def _only_what_applies(self, handler: SerializerFunctionWrapHandler):
        # A check can cite dozens of cells; the unused half of each citation is left out.
        data: dict[str, Any] = handler(self)
        return {k: v for k, v in data.items() if v is not None}


class Check(BaseModel):
    rule: str
    severity: Severity = "error"
    status: Status
    message: str = ""
    expected: Number | str | None = None
    actual: Number | str | None = None
    scope: str | None = Field(default=None, description="What part the check looked at, e.g. a table column.")
    lenient: bool = Field(default=False, description="True for the second pass that reads blank cells as 0.")
    evidence: list[CheckEvidence] = Field(default_factory=list)
