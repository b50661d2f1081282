"""Validation results (record.md `checks`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from schemas.absent import absent_when_none
from schemas.facts import Number

Status = Literal["pass", "fail", "uncertain", "not_applicable"]
Severity = Literal["error", "warning", "info"]


class CheckEvidence(BaseModel):
    """Either a text span (start/end/quote) or a table cell (cell path and its raw text)."""

    # A check can cite dozens of cells; the unused half of each citation is left out.
    start: int | None = absent_when_none()
    end: int | None = absent_when_none()
    quote: str | None = absent_when_none()
    cell: str | None = absent_when_none()
    raw: str | None = absent_when_none()


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
