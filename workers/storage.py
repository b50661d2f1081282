"""Object-storage access: source reports in the watched bucket, stage artifacts in their own bucket."""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import urlparse

import urllib3
from minio import Minio
from minio.commonconfig import ENABLED
from minio.error import S3Error
from minio.versioningconfig import VersioningConfig

from schemas import ObjectRef
from workers import names
from workers.errors import InvalidKey, ObjectMissing, StorageUnavailable, TooLarge
from workers.settings import Settings

_MISSING = {"NoSuchKey", "NoSuchVersion", "NoSuchBucket"}


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
        for bucket in (self.settings.bucket, self.settings.artifacts_bucket):
            try:
                if not self.client.bucket_exists(bucket):
                    self.client.make_bucket(bucket)
            except (S3Error, urllib3.exceptions.HTTPError) as exc:
                raise _translate(exc, "ensure bucket") from exc
        if versioned:
            self.client.set_bucket_versioning(self.settings.bucket, VersioningConfig(ENABLED))

    def read_source(self, ref: ObjectRef, max_bytes: int) -> tuple[bytes, str | None]:
        """The object's bytes and content type; refuses an oversized object before reading its body."""
        try:
            resp = self.client.get_object(ref.bucket, ref.key, version_id=ref.version_id)
            try:
                size = int(resp.headers.get("Content-Length") or 0)
                if size > max_bytes:  # refused from the headers, before the body is read
                    raise TooLarge(f"{size} bytes, over the limit of {max_bytes}")
                data = resp.read(max_bytes + 1)
                content_type = resp.headers.get("Content-Type")
            finally:
                resp.close()
                resp.release_conn()
        except (S3Error, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            raise _translate(exc, "read source") from exc
        if len(data) > max_bytes:
            raise TooLarge(f"over the limit of {max_bytes} bytes")
        return data, content_type

    def ensure_artifacts_bucket(self) -> bool:
        """The workers own the artifacts bucket: made when missing. True when it had to be made."""
        bucket = self.settings.artifacts_bucket
        try:
            if self.client.bucket_exists(bucket):
                return False
            self.client.make_bucket(bucket)
        except (S3Error, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            raise _translate(exc, f"artifacts bucket {bucket}") from exc
        return True

    def resolve(self, ref: ObjectRef) -> ObjectRef | None:
        """The object version as the store has it (its own version id and ETag, never an event's claims), or
        None when there is no such object or version."""
        try:
            stat = self.client.stat_object(ref.bucket, ref.key, version_id=ref.version_id)
        except S3Error as exc:
            if exc.code in _MISSING or exc.code in ("NoSuchObject", "InvalidArgument"):
                return None
            raise _translate(exc, "stat") from exc
        except (urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            raise _translate(exc, "stat") from exc
        return ObjectRef(
            bucket=ref.bucket,
            key=ref.key,
            version_id=stat.version_id if stat.version_id not in (None, "null") else None,
            etag=(stat.etag or "").strip('"') or None,
            size=stat.size,
            content_type=stat.content_type or ref.content_type,
        )

    def put_artifact(self, record_id: str, name: str, body: bytes) -> None:
        try:
            self.client.put_object(
                self.settings.artifacts_bucket,
                names.artifact_key(record_id, name),
                io.BytesIO(body),
                len(body),
                content_type="application/json",
            )
        except (S3Error, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            raise _translate(exc, "write artifact") from exc

    def get_artifact(self, record_id: str, name: str) -> bytes:
        try:
            resp = self.client.get_object(self.settings.artifacts_bucket, names.artifact_key(record_id, name))
            try:
                return resp.read()
            finally:
                resp.close()
                resp.release_conn()
        except (S3Error, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            raise _translate(exc, "read artifact") from exc

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

    def list_versions(self, bucket: str | None = None, prefix: str | None = None) -> Iterator[ObjectRef]:
        bucket = bucket or self.settings.bucket
        try:
            for obj in self.client.list_objects(bucket, prefix=prefix, recursive=True, include_version=True):
                if obj.is_dir or obj.is_delete_marker or obj.object_name is None:
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
