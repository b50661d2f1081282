"""The webhook receiver for MinIO/S3 bucket notifications: POST /events with a bearer token, served by uvicorn.

MinIO keeps undelivered events in its queue_dir and retries a non-2xx answer for ever, in order: only a failure
that passes (Redis down) is answered 503; an event that can never succeed is logged, counted and acknowledged.
The intake does not ask the object store about an event: the claimed version is dispatched as is, and the
normalize stage's read settles what the object is (a missing one dead-letters as `object_missing`).

Every wait is bounded: a request's headers and its body each have a deadline, connections and the threads that
run the blocking Redis and Celery calls have a ceiling, and SIGTERM/SIGINT let requests in flight finish.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import signal
from collections import Counter
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

import anyio
import redis
import structlog
import uvicorn
from minio.helpers import check_object_name
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive
from uvicorn.protocols.http.h11_impl import H11Protocol, RequestResponseCycle

from schemas import ObjectRef
from workers import names
from workers.dispatch import Dispatcher
from workers.errors import InvalidEvent, InvalidKey, RetryableError
from workers.events import parse_notification
from workers.settings import Settings

log = structlog.get_logger("gongkai.intake")

MAX_BODY = 1024 * 1024

T = TypeVar("T")


class BodyTooLarge(Exception):
    pass


def _reply(request: Request, status: int, body: dict[str, Any], close: bool = False) -> Response:
    # The one log line per request; the path only: a query string is the client's to fill.
    log.info("request", method=request.method, path=request.url.path, status=status)
    # close: after a body left unread (or a request MinIO never makes) the connection is not worth keeping.
    return JSONResponse(body, status, headers={"Connection": "close"} if close else None)


async def _read_body(receive: Receive) -> bytes:
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        body += message.get("body", b"")
        if len(body) > MAX_BODY:  # a chunked body states no length up front
            raise BodyTooLarge()
        if not message.get("more_body", False):
            return bytes(body)


class Intake:
    """The request handling, apart from the server: one instance per process."""

    def __init__(self, dispatcher: Dispatcher, s: Settings) -> None:
        token = s.webhook_token.get_secret_value()
        if not token:
            raise ValueError("GONGKAI_WEBHOOK_TOKEN must be set: the intake refuses to run without authentication")
        self.dispatcher = dispatcher
        self.expected = f"Bearer {token}".encode()
        self.body_timeout = s.intake_body_timeout
        # Redis and Celery calls block; they run on at most this many threads, never one per connection.
        self.threads = anyio.CapacityLimiter(s.intake_max_concurrency)

    def app(self) -> Starlette:
        async def not_found(request: Request, exc: Exception) -> Response:
            status = exc.status_code if isinstance(exc, HTTPException) else 404
            error = "method_not_allowed" if status == 405 else "not_found"
            return _reply(request, status, {"error": error}, close=True)

        return Starlette(
            routes=[
                Route("/events", self.events, methods=["POST", "HEAD"]),
                Route("/healthz", self.healthz, methods=["GET", "HEAD"]),
            ],
            exception_handlers={404: not_found, 405: not_found},
        )

    async def _in_thread(self, fn: Callable[[], T]) -> T:
        return await anyio.to_thread.run_sync(fn, limiter=self.threads)

    def _redis_up(self) -> bool:
        try:
            return bool(self.dispatcher.redis.ping())
        except redis.RedisError:
            return False

    async def healthz(self, request: Request) -> Response:
        # Healthy means able to take events: without Redis every event would be answered 503.
        ok = await self._in_thread(self._redis_up)
        return _reply(request, 200 if ok else 503, {"ok": ok, "redis": "up" if ok else "down"})

    async def events(self, request: Request) -> Response:
        if request.method == "HEAD":  # MinIO probes its webhook target with HEAD before it delivers
            return _reply(request, 200, {})
        if not hmac.compare_digest(request.headers.get("Authorization", "").encode(), self.expected):
            return _reply(request, 401, {"error": "unauthorized"}, close=True)
        # h11 has already answered 400 to a Content-Length that is not a number.
        if int(request.headers.get("Content-Length", "0")) > MAX_BODY:
            return await self._unreadable(request, f"over {MAX_BODY} bytes", close=True)
        try:
            with anyio.fail_after(self.body_timeout):
                body = await _read_body(request.receive)
        except TimeoutError:
            return _reply(request, 408, {"error": "body_timeout"}, close=True)
        except BodyTooLarge:
            return await self._unreadable(request, f"over {MAX_BODY} bytes", close=True)
        except ClientDisconnect:
            return _reply(request, 400, {"error": "client_disconnected"}, close=True)
        try:
            refs, ignored = parse_notification(json.loads(body or b"null"))
        except RecursionError:
            return await self._unreadable(request, "JSON nested too deep")
        except (ValueError, InvalidEvent) as exc:
            return await self._unreadable(request, str(exc)[:200])
        try:
            outcomes = await self._in_thread(lambda: self.dispatch(refs))
        except RetryableError as exc:
            # 503 makes MinIO keep the event in its queue_dir and deliver it again later.
            return _reply(request, 503, {"error": exc.code})
        return _reply(request, 200, {"ignored_events": ignored, **outcomes})

    async def _unreadable(self, request: Request, reason: str, close: bool = False) -> Response:
        """An authenticated notification we cannot read can never succeed: answered 200 (MinIO would retry any
        other answer for ever, holding every later event behind it), logged, and counted for `gongkai status`."""
        log.warning("event_unreadable", reason=reason)
        await self._in_thread(lambda: self._count("unreadable"))
        return _reply(request, 200, {"error": "invalid_event", "message": reason, "unreadable": 1}, close=close)

    def _count(self, what: str) -> None:
        # The count is for operators; the event itself is answered either way.
        with contextlib.suppress(redis.RedisError):
            self.dispatcher.redis.hincrby(names.INTAKE_REFUSED, what, 1)

    def dispatch(self, refs: list[ObjectRef]) -> Counter[str]:
        """Each claimed version as the event names it: no request to the object store per event."""
        outcomes: Counter[str] = Counter()
        for ref in refs:
            try:
                check_object_name(ref.key)
            except ValueError:
                # minio-py refuses a '.' or '..' segment (or a blank name) before any request: no worker could
                # ever read this object, and refusing the event would stall MinIO's queue behind it.
                log.warning("event_for_unreadable_key", error=InvalidKey.code, bucket=ref.bucket)
                self._count("invalid")
                outcomes["invalid"] += 1
                continue
            outcomes[self.dispatcher.dispatch(ref)] += 1
        return outcomes


class HeadDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol, with its keep-alive timeout also bounding the wait for a request's headers.

    uvicorn starts that timer only after a response and stops it at the first byte that arrives: a client that
    connected and sent nothing, or half its headers, would hold its connection (and a limit_concurrency slot)
    for ever."""

    _head_due: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_head()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._await_head()

    def _await_head(self) -> None:
        if self._head_due is not None:
            self._head_due.cancel()
        self._head_due = self.loop.call_later(self.timeout_keep_alive, self._head_late, self.cycle)

    def _head_late(self, cycle: RequestResponseCycle | None) -> None:
        # A request that started since (a pipelined one, say) is the body deadline's business, not this one's.
        if self.cycle is cycle and (cycle is None or cycle.response_complete):
            self.timeout_keep_alive_handler()


def serve(dispatcher: Dispatcher, s: Settings, host: str, port: int) -> None:
    """Until SIGTERM or SIGINT; requests in flight then get up to GONGKAI_INTAKE_SHUTDOWN_TIMEOUT to finish."""
    config = uvicorn.Config(
        Intake(dispatcher, s).app(),
        host=host,
        port=port,
        http=HeadDeadlineProtocol,
        ws="none",  # nothing here upgrades a connection or has start-up work
        lifespan="off",
        log_config=None,  # uvicorn's own records go through our handlers, redacted, in our format
        access_log=False,  # every request is logged once, by _reply
        # uvicorn answers 503 once open connections reach its limit, the asking one included.
        limit_concurrency=s.intake_max_concurrency + 1,
        timeout_keep_alive=s.intake_keepalive_timeout,
        timeout_graceful_shutdown=s.intake_shutdown_timeout,
    )
    server = uvicorn.Server(config)

    def stop(signum: int, frame: FrameType | None) -> None:
        server.should_exit = True

    # uvicorn raises the signal again once it has shut down, with the handlers it found put back: these make
    # that second delivery a no-op, so a requested stop exits 0 instead of dying of the signal.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, stop)
    log.info("intake_starting", host=host, port=port, max_concurrency=s.intake_max_concurrency)
    server.run()
    log.info("intake_stopped")
