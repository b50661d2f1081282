"""Headings and top-level sections found by the segment stage."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Kind = Literal[
    "overview",
    "proactive",
    "on_request",
    "withheld",
    "fees",
    "review_litigation",
    "staffing",
    "problems",
    "other",
    "extra",
]


class Section(BaseModel):
    heading: str
    number: int | None = None
    kinds: list[Kind] = Field(default_factory=list)
    start: int
    end: int


class Heading(BaseModel):
    """Any heading line, at any level, as found (used by structure checks)."""

    text: str
    level: int
    style: str = Field(description="Numbering style, e.g. 'cn_dun' for 一、, 'paren_cn' for （一）.")
    number: int | None = None
    start: int
    end: int


class Segmentation(BaseModel):
    sections: list[Section] = Field(default_factory=list)
    headings: list[Heading] = Field(default_factory=list)
