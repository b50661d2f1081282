"""The report record: what every processed object version becomes (shared/spec/record.md)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from schemas.checks import Check
from schemas.document import Meta
from schemas.facts import Fact
from schemas.sections import Section
from schemas.tables import Tables

SCHEMA_VERSION = "1"


class Source(BaseModel):
    bucket: str | None = None
    key: str
    version_id: str | None = None
    etag: str | None = None
    size: int
    sha256: str
    content_type: str | None = None
    detected_format: str
    encoding: str | None = None


class PipelineInfo(BaseModel):
    version: str
    timings_ms: dict[str, float] = Field(default_factory=dict)


class Record(BaseModel):
    schema_version: str = SCHEMA_VERSION
    record_id: str
    source: Source
    pipeline: PipelineInfo
    meta: Meta
    sections: list[Section] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    tables: Tables = Field(default_factory=Tables)
    checks: list[Check] = Field(default_factory=list)
    text: str
