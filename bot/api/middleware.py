"""ASGI middleware: request ids + access logs, security headers, body size limits, rate limits."""

from __future__ import annotations

import hashlib
import time
import uuid

import structlog
from limits import parse
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
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
    """One log line per request: method, route template, status, duration. No bodies, query strings or headers."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request_id = uuid.uuid4().hex[:16]
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                await self.app(scope, receive, send_wrapper)
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


class BodyLimitMiddleware:
    """Refuse bodies over the limit: at once from Content-Length, or mid-stream while counting bytes."""

    def __init__(self, app: ASGIApp, *, upload_limit: int):
        self.app = app
        self.upload_limit = upload_limit + MULTIPART_OVERHEAD

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

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, f"The request body is over {limit} bytes.")
            return message

        await self.app(scope, counting_receive, send)


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
