"""Figures stated in the prose (record.md `facts`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field


def _whole_as_int(v: float | int | None) -> float | int | None:
    # 573, not 573.0: consumers in other languages read a count as an integer.
    return int(v) if isinstance(v, float) and v.is_integer() and abs(v) < 2**53 else v


Number = Annotated[int | float, AfterValidator(_whole_as_int)]

Concept = Literal[
    "proactive.total",
    "proactive.website",
    "proactive.weibo",
    "proactive.wechat",
    "proactive.media",
    "requests.received",
    "requests.carried_over",
    "requests.answered",
    "requests.granted",
    "requests.partially_granted",
    "requests.denied",
    "requests.carried_forward",
    "withheld.total",
    "fees.amount",
    "review.total",
    "litigation.total",
    "complaints.total",
    "consultations.total",
    "staff.total",
    "staff.full_time",
    "staff.part_time",
]


class Evidence(BaseModel):
    start: int
    end: int
    quote: str


class Part(BaseModel):
    label: str
    value: Number | None


class Fact(BaseModel):
    concept: Concept
    value: Number | None
    unit: str = ""
    approx: bool = False
    parts: list[Part] = Field(default_factory=list)
    evidence: Evidence
