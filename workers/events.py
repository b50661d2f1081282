"""Bucket notifications in the shape MinIO (and S3) send them: reading them, and writing them for local runs."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote_plus, unquote_plus

from schemas import ObjectRef
from workers.errors import InvalidEvent

# Object-created events that carry a new object version; removals, replication, tagging etc. start nothing.
STARTING_EVENTS = frozenset(
    {
        "s3:ObjectCreated:Put",
        "s3:ObjectCreated:Post",
        "s3:ObjectCreated:Copy",
        "s3:ObjectCreated:CompleteMultipartUpload",
    }
)


def parse_notification(body: Any) -> tuple[list[ObjectRef], int]:
    """The object versions a notification announces, and how many of its records were ignored."""
    if not isinstance(body, dict) or not isinstance(body.get("Records"), list):
        raise InvalidEvent("expected a JSON object with a Records list")
    refs: list[ObjectRef] = []
    ignored = 0
    for rec in body["Records"]:
        try:
            name = rec.get("eventName", "")
            if not name.startswith("s3:"):
                name = "s3:" + name  # AWS S3 sends "ObjectCreated:Put", MinIO "s3:ObjectCreated:Put"
            if name not in STARTING_EVENTS:
                ignored += 1
                continue
            s3 = rec["s3"]
            obj = s3["object"]
            refs.append(
                ObjectRef(
                    bucket=s3["bucket"]["name"],
                    # Keys arrive form-encoded ("+" for space, %2F, %E5...); decoded here and only here.
                    key=unquote_plus(obj["key"]),
                    version_id=obj.get("versionId") or None,
                    etag=(obj.get("eTag") or "").strip('"') or None,
                    size=obj.get("size"),
                    content_type=obj.get("contentType") or None,
                )
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise InvalidEvent(f"malformed event record: missing {exc}") from exc
    return refs, ignored


def build_notification(ref: ObjectRef, event: str = "s3:ObjectCreated:Put") -> dict[str, Any]:
    """What MinIO's webhook target POSTs for one upload (used where the object store sends no events)."""
    obj: dict[str, Any] = {"key": quote_plus(ref.key, safe=""), "size": ref.size, "eTag": ref.etag}
    if ref.version_id:
        obj["versionId"] = ref.version_id
    if ref.content_type:
        obj["contentType"] = ref.content_type
    return {
        "EventName": event,
        "Key": f"{ref.bucket}/{ref.key}",
        "Records": [
            {
                "eventVersion": "2.0",
                "eventSource": "minio:s3",
                "eventName": event,
                "s3": {"s3SchemaVersion": "1.0", "bucket": {"name": ref.bucket}, "object": obj},
            }
        ],
    }
