"""The intake answers like a webhook target should, keeps serving after bad requests, bounds every wait and
stops cleanly."""

from __future__ import annotations

import http.client
import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from schemas import ObjectRef
from workers.localstack import REPO, free_port, wait_port

from .conftest import Live

pytestmark = pytest.mark.integration


def test_requests_without_the_token_are_refused_with_401(live: Live) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": live.stack.token}):
        resp = live.http.request("POST", live.stack.intake_url, body=b'{"Records": []}', headers=headers)
        assert resp.status == 401


@pytest.mark.parametrize(
    "body", [b"{not json", b'{"Records": "x"}', b'{"Records": [{"eventName": "s3:ObjectCreated:Put"}]}']
)
def test_malformed_bodies_are_acknowledged_counted_and_the_intake_keeps_serving(live: Live, body: bytes) -> None:
    auth = {"Authorization": f"Bearer {live.stack.token}"}
    before = int(live.redis.hget("gongkai:intake:refused", "unreadable") or 0)
    resp = live.http.request("POST", live.stack.intake_url, body=body, headers=auth)
    assert resp.status == 200 and json.loads(resp.data)["unreadable"] == 1
    assert int(live.redis.hget("gongkai:intake:refused", "unreadable") or 0) == before + 1
    assert live.http.request("POST", live.stack.intake_url, body=b'{"Records": []}', headers=auth).status == 200


def test_head_on_events_answers_200_as_minio_probes_it(live: Live) -> None:
    assert live.http.request("HEAD", live.stack.intake_url).status == 200


def test_json_nested_a_hundred_thousand_deep_gets_an_answer_not_silence(live: Live) -> None:
    auth = {"Authorization": f"Bearer {live.stack.token}"}
    body = b"[" * 100_000 + b"]" * 100_000
    resp = live.http.request("POST", live.stack.intake_url, body=body, headers=auth)
    assert resp.status == 200 and json.loads(resp.data)["message"] == "JSON nested too deep"


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


def _claim(live: Live, key: str) -> ObjectRef:
    """An event's claim for an object `key` that was never uploaded."""
    return ObjectRef(bucket=live.settings.bucket, key=key, etag="0" * 32, size=3)


def _announce_claim(live: Live, claimed: ObjectRef) -> tuple[int, dict[str, int]]:
    """Posts the event for `claimed`: (status, the intake's counts)."""
    from workers.events import build_notification

    resp = live.http.request(
        "POST",
        live.stack.intake_url,
        body=json.dumps(build_notification(claimed)).encode(),
        headers={"Authorization": f"Bearer {live.stack.token}"},
    )
    return resp.status, json.loads(resp.data)


def test_an_event_for_an_object_that_does_not_exist_is_acknowledged_and_dead_lettered_as_missing(live: Live) -> None:
    claimed = _claim(live, "ghost/none.txt")
    status, counts = _announce_claim(live, claimed)
    assert status == 200 and counts["dispatched"] == 1  # the intake asks the store nothing; normalize's read does
    assert live.entry(live.outcome(claimed))["error"] == "object_missing"


def test_an_event_for_a_key_with_dot_dot_segments_gets_a_true_answer(live: Live) -> None:
    status, counts = _announce_claim(live, _claim(live, "odd/../names/report.txt"))
    assert status == 200 and counts["invalid"] == 1


def test_healthz_answers_503_while_redis_is_down(fresh_live: Live) -> None:
    health = fresh_live.stack.intake_url.replace("/events", "/healthz")
    assert fresh_live.http.request("GET", health).status == 200
    fresh_live.stack.kill("redis")
    assert fresh_live.http.request("GET", health).status == 503


# ---------- an intake of the test's own, with small limits, on the shared stack's Redis ----------


@dataclass
class OwnIntake:
    proc: subprocess.Popen[bytes]
    port: int
    log: Path

    def connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def events(self) -> list[str]:
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line)["event"] for line in lines if line.startswith("{")]

    def wait_for_event(self, event: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while event not in self.events():
            assert time.monotonic() < deadline, f"no {event} in {self.log}"
            time.sleep(0.05)


@pytest.fixture
def own_intake(live: Live) -> Iterator[Callable[..., OwnIntake]]:
    """start(*args, **settings): `gongkai intake ARGS` with these GONGKAI_INTAKE_* settings, logging next to the
    stack's logs."""
    started: list[subprocess.Popen[bytes]] = []

    def start(*args: str, **settings: object) -> OwnIntake:
        port = free_port()
        env = live.stack.env() | {f"GONGKAI_INTAKE_{k.upper()}": str(v) for k, v in settings.items()}
        log = live.stack.workdir / f"intake-{port}.log"
        with open(log, "ab") as out:
            cmd = [sys.executable, "-m", "workers.cli", "intake", "--port", str(port), *args]
            proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
        started.append(proc)
        wait_port(port, 30, proc)
        return OwnIntake(proc, port, log)

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)


def _head(live: Live, length: int) -> bytes:
    return (f"POST /events HTTP/1.1\r\nHost: intake\r\nAuthorization: Bearer {live.stack.token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n").encode()  # fmt: skip


def _until_closed(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def test_a_client_that_stalls_its_body_gets_408_at_the_deadline_while_others_are_served(
    live: Live, own_intake: Callable[..., OwnIntake]
) -> None:
    intake = own_intake(body_timeout=2)
    with socket.create_connection(("127.0.0.1", intake.port), timeout=15) as stalled:
        stalled.sendall(_head(live, 100) + b'{"Records": [')
        sent = time.monotonic()
        with closing(intake.connect()) as other:
            other.request("POST", "/events", b'{"Records": []}', {"Authorization": f"Bearer {live.stack.token}"})
            assert other.getresponse().status == 200
        stalled.setblocking(False)
        with pytest.raises(BlockingIOError):  # served the other client while this one still waits
            stalled.recv(1)
        stalled.setblocking(True)
        answer = _until_closed(stalled)  # and then cut off
    assert answer.startswith(b"HTTP/1.1 408 ") and b"body_timeout" in answer
    assert time.monotonic() - sent >= 2 - 0.1


def test_a_connection_that_stalls_in_its_headers_is_closed_at_the_keepalive_timeout(
    live: Live, own_intake: Callable[..., OwnIntake]
) -> None:
    intake = own_intake(keepalive_timeout=1)
    for first in (b"", b"POST /events HTTP/1.1\r\nHost: intake\r\n"):
        with socket.create_connection(("127.0.0.1", intake.port), timeout=15) as stalled:
            stalled.sendall(first)
            assert _until_closed(stalled) == b""  # closed without an answer, not held for ever


def _served_connection(intake: OwnIntake, timeout: float = 30) -> http.client.HTTPConnection:
    """A kept-alive connection the intake has answered 200 on (the slot of a connection just closed is given back
    when the intake has seen it close)."""
    deadline = time.monotonic() + timeout
    while True:
        conn = intake.connect()
        conn.request("GET", "/healthz")
        resp = conn.getresponse()
        resp.read()
        if resp.status == 200:
            return conn
        conn.close()
        assert time.monotonic() < deadline, f"the intake still answers {resp.status}"


def test_connections_beyond_the_limit_get_503_and_the_slot_comes_back(
    live: Live, own_intake: Callable[..., OwnIntake]
) -> None:
    intake = own_intake(max_concurrency=2, keepalive_timeout=60)
    with closing(_served_connection(intake)) as first, closing(_served_connection(intake)) as second:
        with closing(intake.connect()) as third:
            third.request("GET", "/healthz")
            assert third.getresponse().status == 503  # uvicorn's answer: no thread or task was spent on it
        for conn in (first, second):  # the connections within the limit are still served
            conn.request("GET", "/healthz")
            resp = conn.getresponse()
            resp.read()
            assert resp.status == 200
    _served_connection(intake).close()


def test_sigterm_ends_an_idle_intake_with_exit_code_0(own_intake: Callable[..., OwnIntake]) -> None:
    intake = own_intake()
    intake.proc.send_signal(signal.SIGTERM)
    assert intake.proc.wait(timeout=30) == 0
    assert intake.events()[-1] == "intake_stopped"


def test_an_intake_that_also_sweeps_stops_its_sweep_and_exits_0_on_sigterm(
    own_intake: Callable[..., OwnIntake],
) -> None:
    intake = own_intake("--sweep-every", "0.5")
    intake.wait_for_event("sweep_done")
    intake.proc.send_signal(signal.SIGTERM)
    assert intake.proc.wait(timeout=30) == 0
    assert intake.events()[-1] == "intake_stopped"


def test_a_request_in_flight_at_sigterm_is_answered_before_the_intake_exits_0(
    live: Live, own_intake: Callable[..., OwnIntake]
) -> None:
    intake = own_intake(body_timeout=30)
    body = json.dumps({"Records": []}).encode()
    with socket.create_connection(("127.0.0.1", intake.port), timeout=30) as client:
        client.sendall(_head(live, len(body)) + body[:5])
        intake.proc.send_signal(signal.SIGTERM)
        intake.wait_for_event("Shutting down")
        assert intake.proc.poll() is None  # waiting for this request
        client.sendall(body[5:])
        answer = _until_closed(client)
    assert answer.startswith(b"HTTP/1.1 200 ")
    assert intake.proc.wait(timeout=30) == 0
    assert intake.events()[-1] == "intake_stopped"
