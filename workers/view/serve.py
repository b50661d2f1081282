"""`gongkai serve`: the report pages rendered live from the records stream, read-only.

It only reads (XRANGE, XREVRANGE, and HGET on the ledger to find a record by id: no consumer group, no
acknowledgement), so it takes nothing from the real consumers, and it answers GET and HEAD only. On a loopback
address it needs nothing; anywhere else it refuses to start without GONGKAI_SERVE_TOKEN. With a token set, every
request needs it: `Authorization: Bearer <token>`, or `?token=<token>` once, which answers with a cookie (an HMAC
of the token, not the token) and a redirect to the same page without the token, so the pages' relative links keep
working and the token stays out of history and logs.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import threading
from typing import Any, cast
from urllib.parse import urlencode

import redis
import structlog
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from schemas import Record
from workers import names
from workers.view.assets import ASSETS
from workers.view.index import Summary, render_index
from workers.view.page import SAFE_ID, render_report

log = structlog.get_logger("gongkai.serve")

COOKIE = "gongkai_serve"
_BATCH = 200
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; script-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def refusal(host: str, token: str) -> str | None:
    """Why `gongkai serve` must not start on this address, or None when it may."""
    if token or _loopback(host):
        return None
    return f"refusing to listen on {host} without GONGKAI_SERVE_TOKEN: anyone who reaches it could read every record"


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name may resolve anywhere


class StreamRecords:
    """The newest records on the stream as index rows, kept in step by reading only what was added since the last
    request; any record still on the stream is found by id through the ledger.

    The stream is trimmed from its oldest end as records are published (GONGKAI_RECORDS_MAX_LEN / _MAX_AGE), so
    rows older than its first entry are dropped on every request; the index is bounded to `limit` rows because
    reading every record of a long stream (tens of KB each) for one page would take minutes.
    """

    def __init__(self, client: redis.Redis, limit: int) -> None:
        self.r = client
        self.limit = limit
        self._lock = threading.Lock()
        self._rows: dict[str, Summary] = {}  # stream entry id -> row, oldest first
        self._entries: dict[str, str] = {}  # record id -> stream entry id, for the rows held
        self._last: str | None = None

    def summaries(self) -> list[Summary]:
        with self._lock:
            self._catch_up()
            return list(reversed(self._rows.values()))

    def record(self, record_id: str) -> Record | None:
        """Found through the ledger, which settings keep at least as long as the stream keeps records: a report page
        reads one entry, and the index is left to catch up on its own requests."""
        outcome = self.r.hget(names.DONE_HASH, record_id)
        kind, _, entry = (outcome.decode() if isinstance(outcome, bytes) else "").partition(":")
        if kind != "record":
            return None
        found = cast(list[Any], self.r.xrange(names.RECORDS_STREAM, entry, entry))
        return _parse(entry, found[0][1]) if found else None

    def _catch_up(self) -> None:
        newer = self._newer()
        if len(newer) >= self.limit:  # everything held is now older than the newest `limit`
            self._rows.clear()
            self._entries.clear()
        for raw_id, fields in reversed(newer):
            self._add(raw_id.decode(), fields)
        if newer:
            self._last = newer[0][0].decode()
        first = cast(list[Any], self.r.xrange(names.RECORDS_STREAM, "-", "+", count=1))
        oldest = _order(first[0][0].decode()) if first else None
        for entry in list(self._rows):
            if len(self._rows) <= self.limit and oldest is not None and _order(entry) >= oldest:
                break
            self._drop(entry)

    def _newer(self) -> list[tuple[bytes, dict[bytes, bytes]]]:
        """Entries added since the last read, newest first, at most `limit`, read in small batches."""
        out: list[tuple[bytes, dict[bytes, bytes]]] = []
        top, bottom = "+", "-" if self._last is None else "(" + self._last
        while len(out) < self.limit:
            want = min(_BATCH, self.limit - len(out))
            batch = cast(list[Any], self.r.xrevrange(names.RECORDS_STREAM, top, bottom, count=want))
            out += batch
            if len(batch) < want:
                break
            top = "(" + batch[-1][0].decode()
        return out

    def _add(self, entry: str, fields: dict[bytes, bytes]) -> None:
        record = _parse(entry, fields)
        if record is None:
            return
        earlier = self._entries.get(record.record_id)
        if earlier:
            self._rows.pop(earlier, None)
        self._rows[entry] = Summary.of(record)
        self._entries[record.record_id] = entry

    def _drop(self, entry: str) -> None:
        row = self._rows.pop(entry)
        if self._entries.get(row.record_id) == entry:
            del self._entries[row.record_id]


def _order(entry: str) -> tuple[int, int]:
    ms, _, seq = entry.partition("-")
    return int(ms), int(seq or 0)


def _parse(entry: str, fields: dict[bytes, bytes]) -> Record | None:
    try:
        return Record.model_validate_json(fields[b"record"])
    except (KeyError, ValidationError) as exc:
        log.warning("serve_entry_unreadable", entry=entry, error=type(exc).__name__)
        return None


class Guard(BaseHTTPMiddleware):
    """The token (when one is set), the security headers, and one log line per request (its path, never its query,
    which may hold the token)."""

    def __init__(self, app: Any, token: str) -> None:
        super().__init__(app)
        self.token = token.encode()
        self.cookie = hmac.new(self.token, b"gongkai serve cookie", hashlib.sha256).hexdigest().encode()

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await self._admitted(request, call_next)
        response.headers.update(_HEADERS)
        log.info("request", method=request.method, path=request.url.path, status=response.status_code)
        return response

    async def _admitted(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if not self.token:
            return await call_next(request)
        bearer = request.headers.get("authorization", "")
        if bearer[:7].lower() == "bearer " and _same(bearer[7:].strip(), self.token):
            return await call_next(request)
        if _same(request.cookies.get(COOKIE, ""), self.cookie):
            return await call_next(request)
        given = request.query_params.get("token")
        if given is not None and _same(given, self.token):
            rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            # Only ever a path on this server: "//host" would be read as another site.
            target = "/" + request.url.path.lstrip("/") + ("?" + urlencode(rest) if rest else "")
            redirect = RedirectResponse(target, status_code=303)
            redirect.set_cookie(COOKIE, self.cookie.decode(), httponly=True, samesite="lax", path="/")
            return redirect
        return PlainTextResponse(
            "401: a token is required (Authorization: Bearer <token>, or ?token=<token> once)",
            status_code=401,
            headers={"WWW-Authenticate": "Bearer"},
        )


def _same(given: str, expected: bytes) -> bool:
    return hmac.compare_digest(given.encode(), expected)


def create_app(client: redis.Redis, token: str, limit: int) -> Starlette:
    records = StreamRecords(client, limit)

    def index(request: Request) -> Response:
        rows = records.summaries()
        note = "实时，每次打开都读取最新记录" + (f"；只列出最新的 {limit} 份" if len(rows) >= limit else "")
        return HTMLResponse(render_index(rows, note), headers={"Cache-Control": "no-store"})

    def report(request: Request) -> Response:
        record_id = request.path_params["record_id"]
        record = records.record(record_id) if SAFE_ID.fullmatch(record_id) else None
        if record is None:
            return PlainTextResponse("404: no record with this id on the stream", status_code=404)
        return HTMLResponse(render_report(record), headers={"Cache-Control": "no-cache"})

    def asset(request: Request) -> Response:
        found = ASSETS.get(request.path_params["name"])
        if found is None:
            return PlainTextResponse("404", status_code=404)
        media_type, body = found
        return Response(body, media_type=media_type, headers={"Cache-Control": "no-cache"})

    def unavailable(request: Request, exc: Exception) -> Response:
        log.warning("serve_redis_unavailable", error=type(exc).__name__)
        return PlainTextResponse("503: Redis is not answering; try again shortly", status_code=503)

    return Starlette(
        routes=[
            Route("/", index, methods=["GET"]),
            Route("/index.html", index, methods=["GET"]),
            Route("/assets/{name}", asset, methods=["GET"]),
            Route("/{record_id}.html", report, methods=["GET"]),
        ],
        middleware=[Middleware(Guard, token=token)],
        exception_handlers={redis.RedisError: unavailable},
    )


def serve(client: redis.Redis, token: str, host: str, port: int, limit: int) -> None:
    import uvicorn

    log.info("serve_listening", url=f"http://{host}:{port}/", token_required=bool(token))
    # Access logs off: uvicorn's would print each query string, which may hold the token.
    uvicorn.run(
        create_app(client, token, limit), host=host, port=port, log_config=None, access_log=False, server_header=False
    )
