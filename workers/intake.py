"""The webhook receiver for MinIO/S3 bucket notifications: POST /events with a bearer token."""

from __future__ import annotations

import hmac
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import structlog

from workers.dispatch import Dispatcher
from workers.errors import InvalidEvent, RetryableError
from workers.events import parse_notification

log = structlog.get_logger("gongkai.intake")

MAX_BODY = 1024 * 1024


class IntakeServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], dispatcher: Dispatcher, token: str) -> None:
        if not token:
            raise ValueError("GONGKAI_WEBHOOK_TOKEN must be set: the intake refuses to run without authentication")
        super().__init__(address, EventHandler)
        self.dispatcher = dispatcher
        self.token = token


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

    def do_HEAD(self) -> None:
        # MinIO probes its webhook target with HEAD before it delivers.
        self._reply(200 if self.path in ("/events", "/healthz") else 404, {})

    def do_GET(self) -> None:
        self._reply(200, {"ok": True}) if self.path == "/healthz" else self._reply(404, {"error": "not_found"})

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
        except (ValueError, InvalidEvent) as exc:
            self._reply(400, {"error": "invalid_event", "message": str(exc)[:200]})
            return
        outcomes: dict[str, int] = {}
        try:
            for ref in refs:
                outcome = self.server.dispatcher.dispatch(ref)
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
        except RetryableError as exc:
            # 503 makes MinIO keep the event in its queue_dir and deliver it again later.
            self._reply(503, {"error": exc.code})
            return
        self._reply(200, {"ignored_events": ignored, **outcomes})


def serve(dispatcher: Dispatcher, token: str, host: str, port: int) -> None:
    server = IntakeServer((host, port), dispatcher, token)
    log.info("intake_listening", host=host, port=server.server_address[1])
    try:
        server.serve_forever()
    finally:
        server.server_close()
