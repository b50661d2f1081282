"""The webhook receiver for MinIO/S3 bucket notifications: POST /events with a bearer token."""

from __future__ import annotations

import hmac
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import redis
import structlog

from workers.dispatch import Dispatcher
from workers.errors import InvalidEvent, PermanentError, RetryableError
from workers.events import parse_notification
from workers.storage import Storage

log = structlog.get_logger("gongkai.intake")

MAX_BODY = 1024 * 1024


class IntakeServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], dispatcher: Dispatcher, token: str, storage: Storage | None = None
    ) -> None:
        if not token:
            raise ValueError("GONGKAI_WEBHOOK_TOKEN must be set: the intake refuses to run without authentication")
        super().__init__(address, EventHandler)
        self.dispatcher = dispatcher
        self.token = token
        self.storage = storage


class EventHandler(BaseHTTPRequestHandler):
    server: IntakeServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # every request is logged once, structured, in _reply

    def _reply(self, status: int, body: dict[str, Any], close: bool = False) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if close:
            # The request body was not read; the connection cannot carry another request.
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        log.info("request", method=self.command, path=self.path, status=status)

    def _healthy(self) -> bool:
        try:
            return bool(self.server.dispatcher.redis.ping())
        except redis.RedisError:
            return False

    def do_HEAD(self) -> None:
        # MinIO probes its webhook target with HEAD before it delivers.
        if self.path == "/healthz":
            self._reply(200 if self._healthy() else 503, {})
            return
        self._reply(200 if self.path == "/events" else 404, {})

    def do_GET(self) -> None:
        if self.path != "/healthz":
            self._reply(404, {"error": "not_found"})
            return
        # Healthy means able to take events: without Redis every event would be answered 503.
        ok = self._healthy()
        self._reply(200 if ok else 503, {"ok": ok, "redis": "up" if ok else "down"})

    def do_POST(self) -> None:
        if self.path != "/events":
            self._reply(404, {"error": "not_found"}, close=True)
            return
        auth = self.headers.get("Authorization", "")
        expected = f"Bearer {self.server.token}"
        if not hmac.compare_digest(auth.encode(), expected.encode()):
            self._reply(401, {"error": "unauthorized"}, close=True)
            return
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self._reply(400, {"error": "bad_length"}, close=True)
            return
        try:
            refs, ignored = parse_notification(json.loads(self.rfile.read(length) or b"null"))
        except RecursionError:
            self._reply(400, {"error": "invalid_event", "message": "JSON nested too deep"})
            return
        except (ValueError, InvalidEvent) as exc:
            self._reply(400, {"error": "invalid_event", "message": str(exc)[:200]})
            return
        outcomes: dict[str, int] = {}
        try:
            for claimed in refs:
                # The version is the store's, not the event's: forged or stale ETags and version ids name
                # nothing, and a version the store does not have can never succeed (counted, acknowledged).
                try:
                    ref = self.server.storage.resolve(claimed) if self.server.storage else claimed
                except PermanentError as exc:  # a name no S3 client can address: it can never succeed
                    log.warning("event_for_unreadable_key", error=exc.code, bucket=claimed.bucket)
                    outcomes["invalid"] = outcomes.get("invalid", 0) + 1
                    continue
                if ref is None:
                    log.warning("event_for_missing_object", key=claimed.key, bucket=claimed.bucket)
                    outcomes["missing"] = outcomes.get("missing", 0) + 1
                    continue
                outcome = self.server.dispatcher.dispatch(ref)
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
        except RetryableError as exc:
            # 503 makes MinIO keep the event in its queue_dir and deliver it again later.
            self._reply(503, {"error": exc.code})
            return
        self._reply(200, {"ignored_events": ignored, **outcomes})


def serve(dispatcher: Dispatcher, token: str, host: str, port: int, storage: Storage | None = None) -> None:
    server = IntakeServer((host, port), dispatcher, token, storage)
    log.info("intake_listening", host=host, port=server.server_address[1])
    try:
        server.serve_forever()
    finally:
        server.server_close()
