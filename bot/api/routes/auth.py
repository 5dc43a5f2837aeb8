"""Counselor login: username + password -> an expiring bearer token."""

from __future__ import annotations

import structlog
from fastapi import APIRouter, Depends, Response
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy.orm import Session

from bot.api.deps import AppState, app_state, counselor_bearer, current_counselor, get_db
from bot.api.errors import ApiError, responses
from bot.api.schemas import LoginIn, LoginOut
from bot.store.counselors import authenticate, issue_token, revoke_token
from bot.store.models import Counselor

router = APIRouter(prefix="/api/auth", tags=["counselor"])
log = structlog.get_logger("bot.api.auth")


@router.post("/login", response_model=LoginOut, responses=responses(401))
def login(body: LoginIn, db: Session = Depends(get_db), state: AppState = Depends(app_state)) -> LoginOut:
    """Log a counselor in. Wrong username and wrong password get the same answer."""
    counselor = authenticate(db, body.username, body.password)
    if counselor is None:
        log.warning("login_failed")
        raise ApiError(401, "invalid_credentials", "Wrong username or password.")
    token, row = issue_token(db, counselor, ttl_minutes=state.settings.counselor_token_ttl_minutes)
    db.commit()
    log.info("login_ok", counselor_id=counselor.id)
    return LoginOut(token=token, expires_at=row.expires_at, username=counselor.username)


@router.post("/logout", status_code=204, responses=responses(401))
def logout(who: Counselor = Depends(current_counselor), creds: HTTPAuthorizationCredentials = Depends(counselor_bearer),
           db: Session = Depends(get_db)) -> Response:
    """End this login: the token stops working at once."""
    revoke_token(db, creds.credentials, who)
    db.commit()
    return Response(status_code=204)
