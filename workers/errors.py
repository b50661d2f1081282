"""One error tree for the whole pipeline.

    GongkaiError                     root; every error carries a stable `code` and a `hint` for people
    ├── PermanentError               the input itself is the problem: dead-letter at once, never retry
    │   ├── UnsupportedFormat        unsupported_format   (images, .doc, .wps, .ofd, archives, scanned PDFs)
    │   ├── EmptyFile                empty_file
    │   ├── TooLarge                 too_large            (size, pages, decompressed size, text length)
    │   ├── DecodeFailed             decode_failed        (no encoding reads it, corrupt container)
    │   ├── StageTimeout             timeout              (a stage ran past its time limit)
    │   ├── PoisonMessage            redelivered_too_often (a task that keeps killing its worker)
    │   ├── InvalidKey               invalid_key          (a name with '.' or '..' segments, unreadable by S3 clients)
    │   ├── InvalidEvent             invalid_event        (a notification we cannot read)
    │   └── Superseded               superseded           (an unversioned object overwritten while it was processed)
    └── RetryableError               the world is the problem: retry with backoff, then dead-letter
        ├── StorageUnavailable       storage_unavailable  (S3 endpoint down, 5xx, connection reset)
        ├── ObjectMissing            object_missing       (listed or notified but not readable yet)
        └── RedisUnavailable         redis_unavailable

The retry policy is keyed on the branch (see tasks.py), pinned by tests/unit/test_errors.py.
"""

from __future__ import annotations

import random


class GongkaiError(Exception):
    code = "internal_error"
    hint = "Report this as a bug with the object key; the worker logs have the traceback."
    retryable = False

    def __init__(self, message: str = "", *, detail: str | None = None) -> None:
        super().__init__(message or self.hint)
        self.detail = detail

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.hint


class PermanentError(GongkaiError):
    retryable = False


class UnsupportedFormat(PermanentError):
    code = "unsupported_format"
    hint = (
        "Upload the report as text, HTML, a PDF with a text layer, or .docx "
        "(convert .doc/.wps/.ofd or OCR scans first)."
    )

    def __init__(self, detected: str, message: str = "") -> None:
        super().__init__(message or f"unsupported format: {detected}. {self.hint}", detail=detected)
        self.detected = detected


class EmptyFile(PermanentError):
    code = "empty_file"
    hint = "The object has no content (or no text at all); upload the full report again."


class TooLarge(PermanentError):
    code = "too_large"
    hint = "The file is over a configured limit; split it, or raise the GONGKAI_MAX_* setting if it is genuine."

    def __init__(self, message: str = "", *, detail: str | None = None, served: object = None) -> None:
        super().__init__(message, detail=detail)
        self.served = served  # the object version the store answered with, when refused from its headers


class DecodeFailed(PermanentError):
    code = "decode_failed"
    hint = (
        "The file could not be read as any supported encoding or container; "
        "re-save it as UTF-8 text, HTML, PDF or .docx."
    )


class StageTimeout(PermanentError):
    code = "timeout"
    hint = "Processing ran past the time limit; the file is probably hostile or malformed. Check it by hand."


class PoisonMessage(PermanentError):
    code = "redelivered_too_often"
    hint = "The task was delivered again and again without finishing (a worker died each time); check the file by hand."


class InvalidKey(PermanentError):
    code = "invalid_key"
    hint = (
        "The object's name has '.' or '..' path segments, which the S3 API client refuses to address; "
        "copy it to a name without them."
    )


class InvalidEvent(PermanentError):
    code = "invalid_event"
    hint = "The bucket notification could not be read; check the MinIO webhook target configuration."


class Superseded(PermanentError):
    code = "superseded"
    hint = (
        "The object was overwritten while it was processed (an unversioned bucket); "
        "its new content has an event of its own."
    )


class RetryableError(GongkaiError):
    retryable = True


class StorageUnavailable(RetryableError):
    code = "storage_unavailable"
    hint = "The object store did not answer; it is retried with backoff. If it persists, check GONGKAI_S3_ENDPOINT."


class ObjectMissing(RetryableError):
    code = "object_missing"
    hint = "The object was announced but could not be read; if it was deleted, nothing is to be done."


class RedisUnavailable(RetryableError):
    code = "redis_unavailable"
    hint = "Redis did not answer; it is retried with backoff. If it persists, check GONGKAI_REDIS_URL."


def backoff(retries: int, base: float, cap: float) -> float:
    """Delay before retry number `retries` + 1: exponential with full jitter, so many workers spread out."""
    return random.uniform(0, min(cap, base * 2**retries))


def is_time_limit(exc: BaseException) -> bool:
    """Whether an exception is the worker's soft time limit (Celery's SoftTimeLimitExceeded), told by name so
    that the pure stages, which must pass it through, need not import Celery."""
    return type(exc).__name__ == "SoftTimeLimitExceeded"
