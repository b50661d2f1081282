"""Deterministic identities: the pipeline version and the record id of an object version."""

from __future__ import annotations

import hashlib

from schemas import ObjectRef
from workers import __version__

# Bump when a stage's output changes for the same input: a new pipeline version gives new record ids.
STAGES_REVISION = "1"
PIPELINE_VERSION = f"{__version__}+s{STAGES_REVISION}"


def record_id_for(ref: ObjectRef, pipeline_version: str = PIPELINE_VERSION) -> str:
    """Same object version + same pipeline version -> same id, on every host."""
    ident = "\0".join([ref.bucket, ref.key, ref.version, pipeline_version])
    return hashlib.sha256(ident.encode("utf-8")).hexdigest()[:32]
