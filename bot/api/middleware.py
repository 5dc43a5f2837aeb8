"""ASGI middleware: request ids + access logs, security headers, body size limits, rate limits."""

from __future__ import annotations

import asyncio
import hashlib
import time
import uuid

import structlog
from limits import parse
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.api.errors import error_response
from bot.errors import ConfigError

log = structlog.get_logger("bot.api.access")

JSON_BODY_LIMIT = 64 * 1024
# Multipart framing around the report file (boundaries, part headers) needs a little room.
MULTIPART_OVERHEAD = 64 * 1024
LOGIN_LIMIT = "10/minute"
# Many patients can share one IP (a clinic behind NAT, a family), so an IP gets this many tokens' worth.
IP_FACTOR = 10

_API_HEADERS = [(b"cache-control", b"no-store"),
                (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")]
_ALL_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                (b"permissions-policy", b"camera=(), microphone=(), geolocation=()")]


class AccessLogMiddleware:
    """One log line per request: method, route template, status, duration. No bodies, query strings or headers.

    Being outermost, it is also where an unhandled error ends: logged here as one JSON line (the exception's
    type and the route, never its text, which may quote patient content) instead of uvicorn's raw traceback.
    """

    def __init__(self, app: ASGIApp, *, raise_errors: bool = False):
        self.app = app
        self.raise_errors = raise_errors

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request_id = uuid.uuid4().hex[:16]
        started = time.perf_counter()
        status = 500
        started_response = False

        async def send_wrapper(message: Message) -> None:
            nonlocal status, started_response
            if message["type"] == "http.response.start":
                status = message["status"]
                started_response = True
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                await self.app(scope, receive, send_wrapper)
            except Exception as exc:
                route = scope.get("route")
                log.error("unhandled_error", error_type=type(exc).__name__, method=scope["method"],
                          route=getattr(route, "path", "unmatched"))
                if self.raise_errors:
                    raise
                if not started_response:
                    await error_response(500, "internal_error", "Something went wrong on our side; please try again.")(
                        scope, receive, send_wrapper)
            finally:
                route = scope.get("route")
                log.info("request", method=scope["method"], route=getattr(route, "path", "unmatched"),
                         status=status, duration_ms=round((time.perf_counter() - started) * 1000, 1))


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        is_api = scope["path"].startswith("/api/")
        # The console acts with a counselor's token: never let another site frame it (clickjacking).
        is_console = scope["path"].startswith("/console")
        is_https = scope.get("scheme") == "https"

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                headers.extend(_ALL_HEADERS)
                if is_api:
                    headers.extend(_API_HEADERS)
                if is_console:
                    headers.append((b"x-frame-options", b"DENY"))
                if is_https:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
            await send(message)

        await self.app(scope, receive, send_wrapper)


class LoadShedMiddleware:
    """Past ``limit`` API requests in flight, or past ``per_token`` from one bearer token, answer 503 with
    Retry-After at once.

    Without it, excess requests queue for a worker thread and a database connection and time out after
    30 s with 500s, freezing the API for everyone (issue 17). A quick 503 tells clients to come back in a
    moment; the widget retries with the same ``client_id``, so no message is lost or stored twice. The
    per-token share keeps one client firing many requests at once from filling the queue in front of
    everyone else (the widget sends one message at a time).
    """

    RETRY_AFTER = "1"

    def __init__(self, app: ASGIApp, *, limit: int, per_token: int):
        self.app = app
        self.limit = limit
        self.per_token = per_token
        self.in_flight = 0
        self.by_token: dict[str, int] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            return await self.app(scope, receive, send)
        auth = Headers(scope=scope).get("authorization", "")
        token = hashlib.sha256(auth.encode()).hexdigest()[:24] if auth else None
        if self.in_flight >= self.limit or (token and self.by_token.get(token, 0) >= self.per_token):
            log.warning("load_shed", in_flight=self.in_flight, path_kind=scope["path"].split("/")[2],
                        per_token=token is not None and self.in_flight < self.limit)
            return await error_response(503, "overloaded", "GeneChat is busy; please try again in a moment.",
                                        {"Retry-After": self.RETRY_AFTER})(scope, receive, send)
        self.in_flight += 1
        if token:
            self.by_token[token] = self.by_token.get(token, 0) + 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
            if token:
                left = self.by_token.pop(token) - 1
                if left:
                    self.by_token[token] = left


class BodyLimitMiddleware:
    """Refuse bodies over the limit (at once from Content-Length, or mid-stream while counting bytes) and
    bodies sent too slowly: the whole body must arrive within ``timeout`` seconds (else 408), so a slow or
    stalled client cannot hold a request slot open for ever."""

    def __init__(self, app: ASGIApp, *, upload_limit: int, timeout: float = 30.0):
        self.app = app
        self.upload_limit = upload_limit + MULTIPART_OVERHEAD
        self.timeout = timeout

    def _limit(self, path: str) -> int:
        return self.upload_limit if path.endswith("/report") else JSON_BODY_LIMIT

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self._limit(scope["path"])
        length = Headers(scope=scope).get("content-length")
        if length and length.isdigit() and int(length) > limit:
            return await error_response(413, "too_large", f"The request body is over {limit} bytes.")(
                scope, receive, send)
        seen = 0
        body_done = False
        deadline = time.monotonic() + self.timeout

        async def counting_receive() -> Message:
            nonlocal seen, body_done
            if body_done:  # after the body, receive() only waits for a disconnect: no deadline
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                log.info("body_timeout", path_kind=scope["path"].split("/")[2] if scope["path"].count("/") > 1
                         else scope["path"], received_bytes=seen)
                raise HTTPException(408, "The request body took too long to arrive.") from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if seen > limit:
                    raise HTTPException(413, f"The request body is over {limit} bytes.")
            return message

        await self.app(scope, counting_receive, send)


class JsonCORSMiddleware(CORSMiddleware):
    """Starlette's CORS handling, with a refused preflight in the JSON error envelope rather than plain text."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-type")}
        return error_response(400, "cors_refused", response.body.decode(errors="replace"), headers)


def rate_limit_storage(uri: str) -> Storage:
    """The `limits` storage for a URI, or a clear error naming the setting."""
    if uri == "memory://":
        return MemoryStorage()
    try:
        return storage_from_string(uri)
    except Exception as exc:  # limits raises ConfigurationError, ValueError, ImportError... for a bad URI
        raise ConfigError(
            f"GENECHAT_RATE_LIMIT_STORAGE={uri!r} cannot be used: {exc}. Use memory:// or a storage the "
            "`limits` library supports (redis:// needs the `redis` package installed)."
        ) from exc


class RateLimitMiddleware:
    """Moving-window limits on /api/*: ``rate`` per bearer token, ``IP_FACTOR`` x ``rate`` per client IP.

    Uses the `limits` library (the engine under slowapi) directly, so no route needs a decorator.
    Counters live in process memory by default (with several workers, each enforces the limit on its
    own); ``storage`` (from GENECHAT_RATE_LIMIT_STORAGE) can be shared storage such as Redis.
    """

    def __init__(self, app: ASGIApp, *, rate: str, storage: Storage | None = None):
        self.app = app
        self.rate = parse(rate)
        self.ip_rate = type(self.rate)(self.rate.amount * IP_FACTOR, self.rate.multiples)
        self.login_rate = parse(LOGIN_LIMIT)
        self.limiter = MovingWindowRateLimiter(storage or MemoryStorage())

    def reset(self) -> None:
        self.limiter.storage.reset()

    def _keys(self, scope: Scope) -> list[tuple[object, str]]:
        client = scope.get("client")
        keys = [(self.ip_rate, f"ip:{client[0] if client else 'unknown'}")]
        auth = Headers(scope=scope).get("authorization", "")
        if auth.lower().startswith("bearer ") and len(auth) > 7:
            # Keyed by a digest so the token itself never sits in the limiter's storage.
            keys.append((self.rate, "tok:" + hashlib.sha256(auth[7:].encode()).hexdigest()[:24]))
        if scope["path"] == "/api/auth/login":
            keys.append((self.login_rate, keys[0][1] + ":login"))
        if scope["path"].startswith("/api/resume"):  # guessing resume codes: as strict as guessing passwords
            keys.append((self.login_rate, keys[0][1] + ":resume"))
        return keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/") or scope["method"] == "OPTIONS":
            return await self.app(scope, receive, send)
        for item, key in self._keys(scope):
            if not self.limiter.hit(item, key):
                reset_at = self.limiter.get_window_stats(item, key).reset_time
                retry = max(1, int(reset_at - time.time()))
                log.warning("rate_limited", key_kind=key.split(":", 1)[0], path_kind=scope["path"].split("/")[2])
                return await error_response(429, "rate_limited", "Too many requests; please slow down.",
                                            {"Retry-After": str(retry)})(scope, receive, send)
        await self.app(scope, receive, send)
