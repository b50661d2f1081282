"""Object-storage access: the source reports in the watched bucket, the only bucket the workers use."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlparse

import urllib3
from minio import Minio
from minio.commonconfig import ENABLED
from minio.error import S3Error
from minio.versioningconfig import VersioningConfig

from schemas import ObjectRef
from workers.errors import InvalidKey, ObjectMissing, StorageUnavailable, TooLarge
from workers.settings import Settings

# A version id the store cannot parse names no version either (S3 answers InvalidArgument).
_MISSING = {"NoSuchKey", "NoSuchVersion", "NoSuchBucket", "NoSuchObject", "InvalidArgument"}


def _http_client() -> urllib3.PoolManager:
    # minio's default client retries for a long time; a task must fail fast and let Celery's backoff decide.
    return urllib3.PoolManager(
        timeout=urllib3.Timeout(connect=3.0, read=30.0),
        retries=urllib3.Retry(total=1, backoff_factor=0.2, status_forcelist=[500, 502, 503, 504]),
        maxsize=8,
    )


def _translate(exc: Exception, what: str) -> Exception:
    if isinstance(exc, ValueError):  # minio-py refuses names with '.' or '..' segments before any request
        return InvalidKey(f"{what}: {exc}")
    if isinstance(exc, S3Error):
        if exc.code in _MISSING:
            return ObjectMissing(f"{what}: {exc.code}")
        return StorageUnavailable(f"{what}: {exc.code}")
    return StorageUnavailable(f"{what}: {type(exc).__name__}")


def _served(ref: ObjectRef, headers: Any) -> ObjectRef:
    version_id = headers.get("x-amz-version-id")
    return ObjectRef(
        bucket=ref.bucket,
        key=ref.key,
        version_id=version_id if version_id not in (None, "", "null") else None,
        etag=(headers.get("ETag") or "").strip('"') or None,
        size=int(headers.get("Content-Length") or 0) or ref.size,
        content_type=headers.get("Content-Type") or ref.content_type,
    )


class Storage:
    def __init__(self, settings: Settings) -> None:
        url = urlparse(settings.s3_endpoint)
        self.settings = settings
        self.client = Minio(
            url.netloc,
            access_key=settings.s3_access_key.get_secret_value(),
            secret_key=settings.s3_secret_key.get_secret_value(),
            secure=url.scheme == "https",
            region=settings.s3_region,
            http_client=_http_client(),
        )

    def ensure_buckets(self, versioned: bool = True) -> None:
        """The watched bucket, for local stacks and tests (in production the operator makes it)."""
        try:
            if not self.client.bucket_exists(self.settings.bucket):
                self.client.make_bucket(self.settings.bucket)
        except (S3Error, urllib3.exceptions.HTTPError) as exc:
            raise _translate(exc, "ensure bucket") from exc
        if versioned:
            self.client.set_bucket_versioning(self.settings.bucket, VersioningConfig(ENABLED))

    def read_source(self, ref: ObjectRef, max_bytes: int) -> tuple[bytes, ObjectRef]:
        """The object's bytes, and the version the store served (its own version id, ETag and content type,
        never an event's claims): one GET settles both, so no event costs a HEAD. Refuses an oversized object
        before reading its body; the refusal names the served version too (`TooLarge.served`)."""
        try:
            resp = self.client.get_object(ref.bucket, ref.key, version_id=ref.version_id)
            try:
                served = _served(ref, resp.headers)
                size = int(resp.headers.get("Content-Length") or 0)
                if size > max_bytes:  # refused from the headers, before the body is read
                    raise TooLarge(f"{size} bytes, over the limit of {max_bytes}", served=served)
                data = resp.read(max_bytes + 1)
            finally:
                resp.close()
                resp.release_conn()
        except (S3Error, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            raise _translate(exc, "read source") from exc
        if len(data) > max_bytes:
            raise TooLarge(f"over the limit of {max_bytes} bytes", served=served)
        return data, served.model_copy(update={"size": len(data)})

    def put_source(self, key: str, body: bytes, content_type: str = "application/octet-stream") -> ObjectRef:
        """Upload a report (demo, tests, benchmarks); returns the new version's reference."""
        try:
            res = self.client.put_object(self.settings.bucket, key, io.BytesIO(body), len(body), content_type)
        except (S3Error, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            raise _translate(exc, "upload") from exc
        return ObjectRef(
            bucket=self.settings.bucket,
            key=key,
            version_id=res.version_id,
            etag=(res.etag or "").strip('"'),
            size=len(body),
            content_type=content_type,
        )

    def list_versions(
        self,
        bucket: str | None = None,
        prefix: str | None = None,
        max_age: float = 0,
        skipped: Counter[str] | None = None,
    ) -> Iterator[ObjectRef]:
        """Every object version (max_age: only those written in the last max_age seconds; the others are
        counted in skipped["too_old"])."""
        bucket = bucket or self.settings.bucket
        since = datetime.now(UTC) - timedelta(seconds=max_age) if max_age else None
        try:
            for obj in self.client.list_objects(bucket, prefix=prefix, recursive=True, include_version=True):
                if obj.is_dir or obj.is_delete_marker or obj.object_name is None:
                    continue
                if since is not None and obj.last_modified is not None and obj.last_modified < since:
                    if skipped is not None:
                        skipped["too_old"] += 1
                    continue
                yield ObjectRef(
                    bucket=bucket,
                    key=obj.object_name,
                    version_id=obj.version_id if obj.version_id not in (None, "null") else None,
                    etag=(obj.etag or "").strip('"'),
                    size=obj.size,
                )
        except (S3Error, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            raise _translate(exc, "list bucket") from exc
