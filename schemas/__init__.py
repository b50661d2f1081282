"""Pydantic models for every stage boundary and for the published record.

Data flows one way: bytes -> Document -> Segmentation -> Extraction -> checks -> Record.
These models are the source of truth; `schemas/json/record.schema.json` is generated from
`Record` and kept in sync by a test.
"""

from schemas.checks import Check, CheckEvidence
from schemas.document import Document, Garble, Grid, Limits, Meta, Removal
from schemas.events import DeadLetter, ObjectRef
from schemas.facts import Evidence, Fact, Part
from schemas.record import SCHEMA_VERSION, PipelineInfo, Record, Source
from schemas.sections import Heading, Section, Segmentation
from schemas.tables import Cell, Extraction, SplitCell, Tables

__all__ = [
    "SCHEMA_VERSION",
    "Cell",
    "Check",
    "CheckEvidence",
    "DeadLetter",
    "Document",
    "Evidence",
    "Extraction",
    "Fact",
    "Garble",
    "Grid",
    "Heading",
    "Limits",
    "Meta",
    "ObjectRef",
    "Part",
    "PipelineInfo",
    "Record",
    "Removal",
    "Section",
    "Segmentation",
    "Source",
    "SplitCell",
    "Tables",
]
