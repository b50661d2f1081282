"""Checks: one module per family of rules, each exposing `run(doc, seg, ext) -> list[Check]`."""

from __future__ import annotations

from schemas import Check, Document, Extraction, Segmentation
from workers.stages.validate import meta, prose, structure, tables, text

FAMILIES = (text, meta, structure, prose, tables)


def validate(doc: Document, seg: Segmentation, ext: Extraction) -> list[Check]:
    checks: list[Check] = []
    for family in FAMILIES:
        checks.extend(family.run(doc, seg, ext))
    return checks
