"""The stages composed: identities, the template decision, and the record. No services here.

Celery tasks call these one stage at a time; `gongkai process` and the bulk task call `process_bytes`.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from typing import TypeVar

from schemas import Check, Document, Extraction, Limits, ObjectRef, Record, Segmentation, Source
from schemas.record import PipelineInfo
from workers.identity import PIPELINE_VERSION, record_id_for
from workers.stages.extract import extract_facts
from workers.stages.normalize import normalize
from workers.stages.segment import segment
from workers.stages.tables import read_tables
from workers.stages.validate import validate

T = TypeVar("T")


# The template's own words: a report printed in the 2019 format names its parts so even where its tables are
# lost; one that does not is written the old way, whatever its year.
_TEMPLATE_WORDS = re.compile(r"收到和处理政府信息公开申请|第二十条第")
_STUB = 600  # characters of body below which a page is a stub (a title and a link), not a report


def fallback_template(doc: Document, seg: Segmentation | None = None) -> str:
    """The template of a report whose tables were not found: by its structure first, its year second."""
    year = doc.meta.report_year
    if year is None or (seg is not None and not seg.sections and len(doc.text) < _STUB):
        return "unknown"
    if year <= 2018 or not _TEMPLATE_WORDS.search(doc.text):
        return "F07"
    return "F19" if year <= 2020 else "F21"


def extract(doc: Document, seg: Segmentation) -> Extraction:
    facts = extract_facts(doc, seg)
    tables, template = read_tables(doc, seg)
    if template == "unknown":
        template = fallback_template(doc, seg)  # type: ignore[assignment]
    return Extraction(facts=facts, tables=tables, template=template)


def source_for(ref: ObjectRef, data: bytes, content_type: str | None, doc: Document) -> Source:
    return Source(
        bucket=ref.bucket or None,
        key=ref.key,
        version_id=ref.version_id,
        etag=ref.etag,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content_type=content_type,
        detected_format=doc.detected_format,
        encoding=doc.encoding,
    )


def assemble(
    record_id: str,
    source: Source,
    doc: Document,
    seg: Segmentation,
    ext: Extraction,
    checks: list[Check],
    timings_ms: dict[str, float],
) -> Record:
    meta = doc.meta.model_copy(update={"template": ext.template})
    return Record(
        record_id=record_id,
        source=source,
        pipeline=PipelineInfo(version=PIPELINE_VERSION, timings_ms=timings_ms),
        meta=meta,
        sections=seg.sections,
        facts=ext.facts,
        tables=ext.tables,
        checks=checks,
        text=doc.text,
    )


def timed(timings: dict[str, float], stage: str, fn: Callable[[], T]) -> T:
    t0 = time.perf_counter()
    try:
        return fn()
    finally:
        timings[stage] = round((time.perf_counter() - t0) * 1000, 3)


def run_stages(
    data: bytes, key: str, content_type: str | None, limits: Limits, timings: dict[str, float] | None = None
) -> tuple[Document, Segmentation, Extraction, list[Check]]:
    """All four stages in a row (timed into `timings` when given): bulk mode, `gongkai process`, and a chain
    stage rebuilding what was lost."""
    t = {} if timings is None else timings
    doc = timed(t, "normalize", lambda: normalize(data, key, content_type, limits))
    seg = timed(t, "segment", lambda: segment(doc))
    ext = timed(t, "extract", lambda: extract(doc, seg))
    checks = timed(t, "validate", lambda: validate(doc, seg, ext))
    return doc, seg, ext, checks


def process_bytes(data: bytes, ref: ObjectRef, content_type: str | None, limits: Limits) -> Record:
    timings: dict[str, float] = {}
    doc, seg, ext, checks = run_stages(data, ref.key, content_type, limits, timings)
    return assemble(record_id_for(ref), source_for(ref, data, content_type, doc), doc, seg, ext, checks, timings)
