"""Figures stated in the prose (record.md `facts`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

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
    value: float | None


class Fact(BaseModel):
    concept: Concept
    value: float | None
    unit: str = ""
    approx: bool = False
    parts: list[Part] = Field(default_factory=list)
    evidence: Evidence
