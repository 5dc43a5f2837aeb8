"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from bot.api.deps import AppState, app_state
from bot.api.schemas import Health, Readiness

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    """The process is up (answers before models are loaded)."""
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness, "description": "Not ready"}})
def readyz(state: AppState = Depends(app_state)) -> JSONResponse:
    """Ready only when the database, vector store and embedding model are all available."""
    checks = state.readiness.checks()
    missing = [name for name, ok in checks.items() if not ok]
    body = Readiness(status="not_ready" if missing else "ready", checks=checks, missing=missing)
    return JSONResponse(body.model_dump(), status_code=503 if missing else 200)
