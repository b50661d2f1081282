"""Small messages: references to object versions and dead-letter entries."""

from __future__ import annotations

from pydantic import BaseModel


class ObjectRef(BaseModel):
    """One object version in the source bucket; everything a task message carries."""

    bucket: str
    key: str
    version_id: str | None = None
    etag: str | None = None
    size: int | None = None
    content_type: str | None = None

    @property
    def version(self) -> str:
        """The identity of this version: the S3 version id, or the ETag in an unversioned bucket."""
        return self.version_id or (self.etag or "").strip('"') or "unversioned"


class DeadLetter(BaseModel):
    key: str
    version: str
    stage: str
    error: str
    message: str
    attempts: int
    record_id: str
    bucket: str
