"""The intake's answers, from the ASGI app alone: no server, no Redis, a dispatcher that only counts."""

from __future__ import annotations

import json
from typing import Any, NamedTuple, cast

import anyio
import pytest
import redis

from schemas import ObjectRef
from workers.dispatch import Dispatcher
from workers.errors import RedisUnavailable
from workers.events import build_notification
from workers.intake import MAX_BODY, Intake
from workers.settings import Settings

TOKEN = "intake-unit-token"
AUTH = {"authorization": f"Bearer {TOKEN}"}


class FakeRedis:
    def __init__(self, up: bool = True) -> None:
        self.up = up
        self.counts: dict[str, int] = {}

    def hincrby(self, key: str, field: str, n: int) -> int:
        if not self.up:
            raise redis.ConnectionError("refused")
        self.counts[field] = self.counts.get(field, 0) + n
        return self.counts[field]

    def ping(self) -> bool:
        if not self.up:
            raise redis.ConnectionError("refused")
        return True


class FakeDispatcher:
    def __init__(self, fail: Exception | None = None, redis_up: bool = True) -> None:
        self.fail = fail
        self.redis = FakeRedis(redis_up)
        self.seen: list[ObjectRef] = []

    def dispatch(self, ref: ObjectRef) -> str:
        if self.fail is not None:
            raise self.fail
        self.seen.append(ref)
        return "dispatched"


def _intake(dispatcher: FakeDispatcher | None = None, **settings: Any) -> Intake:
    s = Settings(webhook_token=TOKEN, **settings)
    return Intake(cast(Dispatcher, dispatcher or FakeDispatcher()), s)


class Answer(NamedTuple):
    status: int
    headers: dict[str, str]
    body: Any  # the JSON, or None for an empty body


def _call(
    intake: Intake, method: str, path: str, chunks: list[bytes] | None = None, headers: dict[str, str] | None = None,
    stall: bool = False,
) -> Answer:  # fmt: skip
    """One request through the ASGI app. stall: the client sends its chunks, then nothing more, and never hangs
    up."""
    pending = [
        {"type": "http.request", "body": c, "more_body": stall or i < len(chunks or [b""]) - 1}
        for i, c in enumerate(chunks or [b""])
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if pending:
            return pending.pop(0)
        if stall:
            await anyio.sleep_forever()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
        "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8088),
    }  # fmt: skip
    anyio.run(intake.app(), scope, receive, send)
    start, body = sent[0], b"".join(m.get("body", b"") for m in sent[1:])
    head = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    return Answer(start["status"], head, json.loads(body) if body else None)


def _event(*keys: str) -> bytes:
    records = []
    for key in keys:
        records += build_notification(ObjectRef(bucket="reports", key=key, etag="e" * 32, size=3))["Records"]
    return json.dumps({"Records": records}).encode()


def test_each_claimed_version_is_dispatched_as_the_event_names_it() -> None:
    dispatcher = FakeDispatcher()
    answer = _call(_intake(dispatcher), "POST", "/events", [_event("a/年报 1.txt", "b.txt")], AUTH)
    assert answer.status == 200 and answer.body == {"ignored_events": 0, "dispatched": 2}
    assert [(r.key, r.etag) for r in dispatcher.seen] == [("a/年报 1.txt", "e" * 32), ("b.txt", "e" * 32)]


@pytest.mark.parametrize("key", ["odd/../names/report.txt", "./report.txt", "a/./b.txt", " "])
def test_a_name_no_s3_client_can_address_is_counted_invalid_and_acknowledged(key: str) -> None:
    dispatcher = FakeDispatcher()
    answer = _call(_intake(dispatcher), "POST", "/events", [_event(key, "fine.txt")], AUTH)
    assert answer.status == 200 and answer.body == {"ignored_events": 0, "invalid": 1, "dispatched": 1}
    assert [r.key for r in dispatcher.seen] == ["fine.txt"]


def test_a_passing_outage_is_answered_503_so_minio_keeps_the_event() -> None:
    intake = _intake(FakeDispatcher(fail=RedisUnavailable("dispatch: ConnectionError")))
    answer = _call(intake, "POST", "/events", [_event("a.txt")], AUTH)
    assert answer.status == 503 and answer.body == {"error": "redis_unavailable"}


def test_without_the_token_the_answer_is_401_and_the_connection_closes() -> None:
    for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": TOKEN}):
        answer = _call(_intake(), "POST", "/events", [_event("a.txt")], headers)
        assert answer.status == 401 and answer.body == {"error": "unauthorized"}
        assert answer.headers["connection"] == "close"


def test_a_body_that_stalls_is_answered_408_after_the_deadline_and_the_connection_closes() -> None:
    intake = _intake(intake_body_timeout=0.05)
    answer = _call(intake, "POST", "/events", [b'{"Rec'], AUTH | {"content-length": "40"}, stall=True)
    assert answer.status == 408 and answer.body == {"error": "body_timeout"}
    assert answer.headers["connection"] == "close"


def test_bodies_over_the_limit_are_acknowledged_as_unreadable_whether_their_length_is_stated_or_not() -> None:
    stated = AUTH | {"content-length": str(MAX_BODY + 1)}
    answer = _call(_intake(), "POST", "/events", [b""], stated)
    assert answer.status == 200 and answer.body["unreadable"] == 1 and answer.headers["connection"] == "close"
    chunked = [b" " * (MAX_BODY // 2)] * 3
    assert _call(_intake(), "POST", "/events", chunked, AUTH).body["unreadable"] == 1


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{not json",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"Records": "x"}',
        b'{"Records": [{"eventName": "s3:ObjectCreated:Put"}]}',
    ],
)
def test_an_unreadable_notification_is_acknowledged_and_counted_never_refused(body: bytes) -> None:
    # MinIO retries any non-2xx answer for ever, in order: a 400 here would hold every later event behind it.
    dispatcher = FakeDispatcher()
    answer = _call(_intake(dispatcher), "POST", "/events", [body], AUTH)
    assert answer.status == 200 and answer.body["error"] == "invalid_event" and answer.body["unreadable"] == 1
    assert dispatcher.redis.counts == {"unreadable": 1} and not dispatcher.seen


def test_healthz_and_the_head_probe() -> None:
    assert _call(_intake(), "GET", "/healthz").body == {"ok": True, "redis": "up"}
    down = _intake(FakeDispatcher(redis_up=False))
    assert _call(down, "GET", "/healthz").status == _call(down, "HEAD", "/healthz").status == 503
    assert _call(_intake(), "HEAD", "/events").status == 200
    assert _call(_intake(), "GET", "/nowhere").status == 404


def test_the_intake_refuses_to_start_without_a_token() -> None:
    with pytest.raises(ValueError, match="GONGKAI_WEBHOOK_TOKEN"):
        Intake(cast(Dispatcher, FakeDispatcher()), Settings(webhook_token=""))
