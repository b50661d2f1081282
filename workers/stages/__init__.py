"""Pure stage functions: bytes -> Document -> Segmentation -> Extraction -> checks.

Each stage takes pydantic models from `schemas/` and returns the next one; none of them touches
Redis, S3 or Celery, so `gongkai process` runs them with no services at all.
"""
