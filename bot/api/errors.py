"""One error envelope for every failure: ``{"error": {"code", "message"}}`` with the right status.

Validation messages name the field but never echo its value (it may be patient text).
"""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from bot.errors import GeneChatError, ReportError

log = structlog.get_logger("bot.api")


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class ApiError(Exception):
    """Raised by routes and dependencies; rendered as the error envelope."""

    def __init__(self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None):
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
        super().__init__(message)


ERROR_DESCRIPTIONS = {
    400: "Malformed request (e.g. invalid JSON)",
    401: "Missing, invalid or expired bearer token",
    403: "The token does not own this resource",
    404: "Not found",
    408: "The request body arrived too slowly",
    409: "Conflicting state (e.g. claimed by another counselor)",
    413: "Request body or upload too large",
    415: "Unsupported media type or report format",
    422: "Validation error",
    429: "Rate limit exceeded",
    503: "Not ready yet, or busy: retry after the Retry-After seconds",
}

_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 408: "request_timeout", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
                 422: "validation_error", 429: "rate_limited", 503: "not_ready"}

# Every route answers these; routes add their own (401, 403, 404, 409, 413, 415, 503) with ``responses()``.
COMMON = (400, 422, 429)

# Map report-parser error codes to HTTP statuses; anything else is a 422.
REPORT_ERROR_STATUS = {"too_large": 413, "unsupported_format": 415}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: {"model": ErrorBody, "description": ERROR_DESCRIPTIONS[c]} for c in sorted({*COMMON, *codes})}


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> tuple[int, str, str]:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return 400, "malformed_json", "The request body is not valid JSON."
    parts = []
    for e in errors[:5]:
        loc = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
        parts.append(f"{loc}: {e.get('msg', 'invalid')}")
    return 422, "validation_error", "; ".join(parts)


def install_error_handlers(app: FastAPI, *, raise_errors: bool = False) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_req: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(ReportError)
    async def _report_error(_req: Request, exc: ReportError) -> JSONResponse:
        return error_response(REPORT_ERROR_STATUS.get(exc.code, 422), exc.code, str(exc))

    @app.exception_handler(GeneChatError)
    async def _genechat_error(_req: Request, exc: GeneChatError) -> JSONResponse:
        return error_response(400, exc.code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(_req: Request, exc: RequestValidationError) -> JSONResponse:
        status, code, message = _validation_message(exc)
        return error_response(status, code, message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code
        return error_response(exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(ClientDisconnect)
    async def _disconnected(req: Request, _exc: ClientDisconnect) -> Response:
        # The client went away mid-body (an abandoned upload): nothing to answer, nothing went wrong here.
        log.info("client_disconnected", method=req.method)
        return Response(status_code=499)

    @app.exception_handler(PoolTimeout)
    async def _pool_timeout(_req: Request, _exc: PoolTimeout) -> JSONResponse:
        log.warning("db_pool_exhausted")
        return error_response(503, "overloaded", "GeneChat is busy; please try again in a moment.",
                              {"Retry-After": "2"})

    @app.exception_handler(Exception)
    async def _unexpected(req: Request, exc: Exception) -> JSONResponse:
        # Logged once, as JSON, by AccessLogMiddleware (type and route only: the text may quote patient content).
        if raise_errors:
            raise exc
        return error_response(500, "internal_error", "Something went wrong on our side; please try again.")
