"""Route dependencies: a DB session per request, and "only this session's patient" / "counselors only"."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from bot.api.errors import ApiError
from bot.api.login_guard import LoginGuard
from bot.api.readiness import Readiness
from bot.config import Settings
from bot.core.protocols import ReportParser
from bot.store.counselors import counselor_for_token
from bot.store.db import Database
from bot.store.models import Counselor, PatientSession
from bot.store.sessions import session_for_token

_patient_bearer = HTTPBearer(auto_error=False, scheme_name="PatientToken", description="Session token")
counselor_bearer = HTTPBearer(auto_error=False, scheme_name="CounselorToken", description="Login token")


@dataclass
class AppState:
    """What routes need, hung on ``app.state.genechat`` so several apps can live in one process."""

    settings: Settings
    db: Database
    readiness: Readiness
    report_parser: ReportParser
    login_guard: LoginGuard = field(default_factory=LoginGuard)


async def app_state(request: Request) -> AppState:  # async: no worker-thread hop for an attribute read
    return request.app.state.genechat


def get_db(request: Request) -> Iterator[Session]:
    """A session per request that holds a pooled connection only while it talks to the database.

    A SQLAlchemy session takes a connection at its first query and gives it back at commit, rollback or
    close; routes and the auth dependencies below commit as soon as their database work is done, so a
    request waiting for the engine, a thread or a slow client holds no connection (issue 17).
    Routes commit explicitly; anything left uncommitted (an error) is rolled back on close.
    """
    with request.app.state.genechat.db.sessions() as db:
        yield db


def release(db: Session) -> None:
    """Give the connection back to the pool now; loaded rows stay usable (``expire_on_commit=False``)."""
    db.commit()


def _token(creds: HTTPAuthorizationCredentials | None) -> str:
    if creds is None or not creds.credentials:
        raise ApiError(401, "missing_token", "Send the bearer token: Authorization: Bearer <token>.",
                       headers={"WWW-Authenticate": "Bearer"})
    return creds.credentials


def patient_session(
    session_id: str,
    request: Request,
    creds: HTTPAuthorizationCredentials | None = Depends(_patient_bearer),
    db: Session = Depends(get_db),
) -> PatientSession:
    """The session named in the path, if and only if the bearer token belongs to it."""
    idle = timedelta(days=request.app.state.genechat.settings.patient_session_idle_days)
    row = session_for_token(db, _token(creds), idle_limit=idle)
    if row is None:
        raise ApiError(401, "invalid_token", "This session token is not valid (the session was deleted or unused too long).",
                       headers={"WWW-Authenticate": "Bearer"})
    if row.id != session_id:
        raise ApiError(403, "forbidden", "This token does not belong to that session.")
    release(db)
    return row


def current_counselor(
    request: Request,
    creds: HTTPAuthorizationCredentials | None = Depends(counselor_bearer),
    db: Session = Depends(get_db),
) -> Counselor:
    idle = timedelta(minutes=request.app.state.genechat.settings.counselor_idle_minutes)
    counselor = counselor_for_token(db, _token(creds), idle_limit=idle)
    if counselor is None:
        raise ApiError(401, "invalid_token", "Log in again: this counselor token is not valid or has expired.",
                       headers={"WWW-Authenticate": "Bearer"})
    release(db)
    return counselor
