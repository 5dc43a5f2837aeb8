"""Counselor login: username + password -> an expiring bearer token."""

from __future__ import annotations

import structlog
from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy.orm import Session

from bot.api.deps import AppState, app_state, counselor_bearer, current_counselor, get_db
from bot.api.errors import ApiError, responses
from bot.api.schemas import LoginIn, LoginOut
from bot.store import audit
from bot.store.counselors import authenticate, issue_token, revoke_token
from bot.store.models import Counselor

router = APIRouter(prefix="/api/auth", tags=["counselor"])
log = structlog.get_logger("bot.api.auth")


@router.post("/login", response_model=LoginOut, responses=responses(401, 429))
def login(body: LoginIn, request: Request, db: Session = Depends(get_db),
          state: AppState = Depends(app_state)) -> LoginOut:
    """Log a counselor in. Wrong username and wrong password get the same answer; after repeated failures
    the account and the address each wait longer before the next try (429 with Retry-After)."""
    # The socket peer, or the forwarded client only when GENECHAT_TRUSTED_PROXIES names the proxy.
    address = request.client.host if request.client else "unknown"
    username = body.username[:64]
    guard = state.login_guard
    if wait := guard.begin(username, address):
        log.warning("login_backoff", username=username, client=address, retry_after=wait)
        raise ApiError(429, "login_backoff", "Too many failed logins; please wait before trying again.",
                       headers={"Retry-After": str(wait)})
    try:
        counselor = authenticate(db, body.username, body.password)
        if counselor is None:
            guard.failed(username, address)
    finally:
        guard.end(username, address)
    if counselor is None:
        # who tried and from where, never the password
        log.warning("login_failed", username=username, client=address)
        audit.record(db, actor_type="system", actor="login", action="counselor.login_failed",
                     target_type="counselor", target_id=username, detail={"username": username, "client": address})
        db.commit()
        raise ApiError(401, "invalid_credentials", "Wrong username or password.")
    state.login_guard.succeeded(username)
    token, row = issue_token(db, counselor, ttl_minutes=state.settings.counselor_token_ttl_minutes)
    db.commit()
    log.info("login_ok", counselor_id=counselor.id, client=address)
    return LoginOut(token=token, expires_at=row.expires_at, username=counselor.username)


@router.post("/logout", status_code=204, responses=responses(401))
def logout(who: Counselor = Depends(current_counselor), creds: HTTPAuthorizationCredentials = Depends(counselor_bearer),
           db: Session = Depends(get_db)) -> Response:
    """End this login: the token stops working at once."""
    revoke_token(db, creds.credentials, who)
    db.commit()
    return Response(status_code=204)
