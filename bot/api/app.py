"""The FastAPI app factory: ``uvicorn.run("bot.api.app:create_app", factory=True)``.

>>> from bot.config import Settings
>>> app = create_app(Settings(data_dir="/tmp/gc-doctest", database_url="sqlite://"), engine=object())
>>> sorted(p for p in app.openapi()["paths"] if p.startswith("/api/auth"))
['/api/auth/login', '/api/auth/logout']
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
import structlog
from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

from bot.api.deps import AppState
from bot.api.errors import ERROR_DESCRIPTIONS, ErrorBody, ErrorDetail, install_error_handlers
from bot.api.logs import configure_logging
from bot.api.middleware import (
    AccessLogMiddleware,
    BodyLimitMiddleware,
    JsonCORSMiddleware,
    LoadShedMiddleware,
    RateLimitMiddleware,
    SecurityHeadersMiddleware,
    rate_limit_storage,
)
from bot.api.readiness import Readiness
from bot.api.routes import (
    auth,
    escalations,
    extraction,
    health,
    medicines,
    messages,
    resume,
    sessions,
    widget,
)
from bot.config import Settings, get_settings
from bot.core.protocols import Engine, ReportParser
from bot.reports.parse import parse_report
from bot.safety.wording import CONSENT_TEXT, CONSENT_VERSION
from bot.store.consent import ensure_consent
from bot.store.db import Database
from bot.web.routes import router as web_router

log = structlog.get_logger("bot.api")


def prepare_database(db: Database) -> None:
    """Migrate to the newest schema and make sure the current consent text is stored."""
    db.upgrade()
    with db.session() as s:
        ensure_consent(s, version=CONSENT_VERSION, text=CONSENT_TEXT)


def create_app(settings: Settings | None = None, *, engine: Engine | None = None,
               report_parser: ReportParser | None = None, database: Database | None = None) -> FastAPI:
    """Build the app. ``engine`` (a conversation engine), ``report_parser`` and ``database`` are injectable."""
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    limiter_storage = rate_limit_storage(settings.rate_limit_storage)  # a bad URI fails here, clearly
    db = database or Database.from_settings(settings)
    readiness = Readiness(settings, db, engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Threads and database connections are sized together (Settings.db_pool_size): a request thread
        # always finds a connection, and requests past max_concurrent_requests get a quick 503.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.request_threads
        # models load in the background, meanwhile /healthz answers and the database is migrated (the embedding
        # model loads in native code, off the GIL, so the two overlap on a second core)
        readiness.start()
        await run_in_threadpool(prepare_database, db)
        log.info("api_started", database=db.engine.dialect.name)
        yield
        if database is None:
            db.dispose()

    # /docs and /redoc load their scripts from a CDN, which no CSP of ours would allow: off unless asked for
    # (GENECHAT_API_DOCS=true, for development). /openapi.json is always there.
    docs = {} if settings.api_docs else {"docs_url": None, "redoc_url": None}
    app = FastAPI(title="GeneChat API", version="0.1.0", lifespan=lifespan, **docs,
                  description="Patients ask about their genetic report; counselors answer escalations.")
    app.state.genechat = AppState(settings=settings, db=db, readiness=readiness,
                                  report_parser=report_parser or parse_report)
    install_error_handlers(app, raise_errors=settings.raise_errors)

    for router in (health.router, sessions.router, medicines.router, widget.router, messages.router, auth.router,
                   escalations.router, escalations.templates_router, resume.router, extraction.router):
        app.include_router(router)
    app.include_router(web_router)  # widget, console and demo portal
    _document_common_errors(app)

    # Starlette runs the last-added middleware first: access log wraps everything.
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    app.add_middleware(JsonCORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST", "DELETE"],
                       allow_headers=["Authorization", "Content-Type"], max_age=600)
    app.add_middleware(RateLimitMiddleware, rate=settings.rate_limit, storage=limiter_storage)
    app.add_middleware(BodyLimitMiddleware, upload_limit=settings.upload_limit_bytes,
                       timeout=settings.body_timeout_seconds)
    app.add_middleware(LoadShedMiddleware, limit=settings.max_concurrent_requests,
                       per_token=settings.max_requests_per_token)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(AccessLogMiddleware, raise_errors=settings.raise_errors)
    return app


def _document_common_errors(app: FastAPI) -> None:
    """Declare the errors middleware can return on any route (413, 429; 400/422 for bodies) in OpenAPI."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        schema["components"]["schemas"].setdefault("ErrorBody", ErrorBody.model_json_schema(
            ref_template="#/components/schemas/{model}"))
        schema["components"]["schemas"].setdefault("ErrorDetail", ErrorDetail.model_json_schema())
        for path, ops in schema["paths"].items():
            for op in ops.values():
                codes = (["400", "413", "422"] if "requestBody" in op else []) + (
                    ["429"] if path.startswith("/api/") else [])
                for code in codes:
                    op["responses"].setdefault(code, {
                        "description": ERROR_DESCRIPTIONS[int(code)],
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
                    })
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
