"""Bucket notifications are read in the shape MinIO sends them."""

from __future__ import annotations

import pytest

from schemas import ObjectRef
from workers.errors import InvalidEvent
from workers.events import build_notification, parse_notification


def _minio_event(key: str, name: str = "s3:ObjectCreated:Put") -> dict[str, object]:
    return {
        "EventName": name,
        "Key": "reports/" + key,
        "Records": [
            {
                "eventName": name,
                "s3": {
                    "bucket": {"name": "reports"},
                    "object": {"key": key, "size": 10, "eTag": '"abc"', "versionId": "v1", "contentType": "text/html"},
                },
            }
        ],
    }


def test_keys_are_decoded_once_from_form_encoding() -> None:
    refs, _ = parse_notification(_minio_event("2019%2F%E5%B9%B4%E6%8A%A5+final+%2541.html"))
    assert refs[0].key == "2019/年报 final %41.html"


def test_event_fields_become_the_object_reference() -> None:
    [ref], ignored = parse_notification(_minio_event("a.txt"))
    expected = ObjectRef(bucket="reports", key="a.txt", version_id="v1", etag="abc", size=10, content_type="text/html")
    assert ref == expected
    assert ignored == 0


@pytest.mark.parametrize(
    "name",
    [
        "s3:ObjectCreated:Put",
        "s3:ObjectCreated:Post",
        "s3:ObjectCreated:Copy",
        "s3:ObjectCreated:CompleteMultipartUpload",
        "ObjectCreated:Put",
    ],
)
def test_object_created_events_start_work(name: str) -> None:
    refs, ignored = parse_notification(_minio_event("a.txt", name))
    assert len(refs) == 1 and ignored == 0


@pytest.mark.parametrize(
    "name", ["s3:ObjectRemoved:Delete", "s3:ObjectAccessed:Get", "s3:ObjectCreated:PutRetention", "s3:Replication:x"]
)
def test_other_events_are_ignored(name: str) -> None:
    refs, ignored = parse_notification(_minio_event("a.txt", name))
    assert refs == [] and ignored == 1


@pytest.mark.parametrize("body", [None, [], {"Records": "x"}, {"Records": [{"eventName": "s3:ObjectCreated:Put"}]}])
def test_malformed_notifications_raise_invalid_event(body: object) -> None:
    with pytest.raises(InvalidEvent):
        parse_notification(body)


def test_built_notifications_round_trip_through_the_parser() -> None:
    ref = ObjectRef(bucket="reports", key="年报/a b+c%.txt", version_id="v9", etag="e", size=3)
    [back], _ = parse_notification(build_notification(ref))
    assert back == ref
