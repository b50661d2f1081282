"""The intake answers like a webhook target should, and keeps serving after bad requests."""

from __future__ import annotations

import json

import pytest

from .conftest import Live

pytestmark = pytest.mark.integration


def test_requests_without_the_token_are_refused_with_401(live: Live) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": live.stack.token}):
        resp = live.http.request("POST", live.stack.intake_url, body=b'{"Records": []}', headers=headers)
        assert resp.status == 401


@pytest.mark.parametrize(
    "body", [b"{not json", b'{"Records": "x"}', b'{"Records": [{"eventName": "s3:ObjectCreated:Put"}]}']
)
def test_malformed_bodies_are_refused_with_400_and_the_intake_keeps_serving(live: Live, body: bytes) -> None:
    auth = {"Authorization": f"Bearer {live.stack.token}"}
    assert live.http.request("POST", live.stack.intake_url, body=body, headers=auth).status == 400
    assert live.http.request("POST", live.stack.intake_url, body=b'{"Records": []}', headers=auth).status == 200


def test_head_on_events_answers_200_as_minio_probes_it(live: Live) -> None:
    assert live.http.request("HEAD", live.stack.intake_url).status == 200


def test_json_nested_a_hundred_thousand_deep_gets_a_400_not_silence(live: Live) -> None:
    auth = {"Authorization": f"Bearer {live.stack.token}"}
    body = b"[" * 100_000 + b"]" * 100_000
    assert live.http.request("POST", live.stack.intake_url, body=body, headers=auth).status == 400


def test_forged_etags_for_one_object_version_give_one_record(live: Live) -> None:
    import secrets

    from workers.events import build_notification

    ref = live.upload("forged/report.txt", "一、概述\n我局2016年主动公开政府信息12条。\n".encode())
    event = build_notification(ref)
    record = event["Records"][0]  # type: ignore[index]
    event["Records"] = []
    for _ in range(300):
        forged = json.loads(json.dumps(record))
        forged["s3"]["object"].pop("versionId", None)
        forged["s3"]["object"]["eTag"] = secrets.token_hex(16)
        event["Records"].append(forged)
    assert live.stack.announce(live.http, event) == 200
    assert live.outcome(ref).startswith("record:")
    assert live.entries_for(ref) == 1
    assert live.redis.xlen("gongkai:records") == len(
        {f[b"record_id"] for _, f in live.redis.xrange("gongkai:records")}
    )


def _announce_key(live: Live, key: str) -> tuple[int, dict[str, int]]:
    """Posts an event claiming an object `key` that was never uploaded: (status, the intake's counts)."""
    from schemas import ObjectRef
    from workers.events import build_notification

    claimed = ObjectRef(bucket=live.settings.bucket, key=key, etag="0" * 32, size=3)
    resp = live.http.request(
        "POST",
        live.stack.intake_url,
        body=json.dumps(build_notification(claimed)).encode(),
        headers={"Authorization": f"Bearer {live.stack.token}"},
    )
    return resp.status, json.loads(resp.data)


def test_an_event_for_an_object_that_does_not_exist_is_acknowledged_and_counted(live: Live) -> None:
    status, counts = _announce_key(live, "ghost/none.txt")
    assert status == 200 and counts["missing"] == 1


def test_an_event_for_a_key_with_dot_dot_segments_gets_a_true_answer(live: Live) -> None:
    status, counts = _announce_key(live, "odd/../names/report.txt")
    assert status == 200 and counts["invalid"] == 1


def test_healthz_answers_503_while_redis_is_down(fresh_live: Live) -> None:
    health = fresh_live.stack.intake_url.replace("/events", "/healthz")
    assert fresh_live.http.request("GET", health).status == 200
    fresh_live.stack.kill("redis")
    assert fresh_live.http.request("GET", health).status == 503
