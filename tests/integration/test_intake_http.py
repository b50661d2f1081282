"""The intake answers like a webhook target should, and keeps serving after bad requests."""

from __future__ import annotations

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
