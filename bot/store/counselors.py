"""Counselor accounts and their expiring login tokens."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.errors import GeneChatError
from bot.store import audit
from bot.store.models import Counselor, CounselorToken, utcnow
from bot.store.security import dummy_verify, hash_password, hash_token, new_token, verify_password

USERNAME_RE = re.compile(r"^[a-zA-Z0-9_.@-]{2,64}$")
MIN_PASSWORD_LENGTH = 10
# zxcvbn's 0-4 guessability score; 3 = "safely unguessable" against an offline attack on a slow hash. Its
# frequency lists hold the common and leaked passwords (and names, words, keyboard walks) it checks against.
MIN_PASSWORD_SCORE = 3
DEFAULT_DISPLAY_NAME = "Genetic counselor"


class CounselorError(GeneChatError):
    code = "counselor_error"


def check_password(password: str, *, username: str = "") -> None:
    """Refuse short, common or guessable passwords (and ones built from the username), saying why."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise CounselorError(f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.")
    from zxcvbn import zxcvbn  # imported here: ~40 ms of every server start, for the rare password change

    verdict = zxcvbn(password[:100], user_inputs=[username] if username else [])  # slow past ~100 chars
    if verdict["score"] < MIN_PASSWORD_SCORE:
        why = verdict["feedback"].get("warning") or "It is too easy to guess."
        raise CounselorError(f"Choose a harder password: {why} A few unrelated words make a good one.")


def add_counselor(db: Session, username: str, password: str, *, display_name: str | None = None) -> Counselor:
    if not USERNAME_RE.match(username):
        raise CounselorError("Usernames are 2-64 letters, digits or . _ @ - characters.")
    check_password(password, username=username)
    if db.scalar(select(Counselor).where(Counselor.username == username)) is not None:
        raise CounselorError(f"A counselor named {username!r} already exists.")
    display_name = " ".join((display_name or "").split())[:80] or None
    row = Counselor(username=username, password_hash=hash_password(password), display_name=display_name)
    db.add(row)
    db.flush()
    audit.record(db, actor_type="system", actor="cli", action="counselor.add", target_type="counselor",
                 target_id=row.id, detail={"username": username})
    return row


def authenticate(db: Session, username: str, password: str) -> Counselor | None:
    row = db.scalar(select(Counselor).where(Counselor.username == username))
    if row is None or not row.active:
        dummy_verify()
        return None
    return row if verify_password(password, row.password_hash) else None


def issue_token(db: Session, counselor: Counselor, *, ttl_minutes: int) -> tuple[str, CounselorToken]:
    token = new_token()
    now = utcnow()
    # Expired tokens are useless; sweep this counselor's on each login so the table stays small.
    db.execute(delete(CounselorToken).where(CounselorToken.counselor_id == counselor.id,
                                            CounselorToken.expires_at < now))
    row = CounselorToken(token_hash=hash_token(token), counselor_id=counselor.id,
                         expires_at=now + timedelta(minutes=ttl_minutes))
    db.add(row)
    audit.record(db, actor_type="counselor", actor=counselor.username, action="counselor.login",
                 target_type="counselor", target_id=counselor.id)
    return token, row


def counselor_for_token(db: Session, token: str, *, idle_limit: timedelta | None = None) -> Counselor | None:
    """The counselor a live token belongs to; None when unknown, expired, or unused longer than ``idle_limit``."""
    row = db.get(CounselorToken, hash_token(token))
    now = utcnow()
    if row is None or row.expires_at <= now:
        return None
    last = row.last_used_at or row.created_at
    if idle_limit is not None and now - last > idle_limit:
        return None
    if now - last > timedelta(minutes=1):
        row.last_used_at = now
    counselor = db.get(Counselor, row.counselor_id)
    return counselor if counselor is not None and counselor.active else None


def list_counselors(db: Session) -> list[Counselor]:
    return list(db.scalars(select(Counselor).order_by(Counselor.username)))


def revoke_token(db: Session, token: str, counselor: Counselor) -> None:
    db.execute(delete(CounselorToken).where(CounselorToken.token_hash == hash_token(token)))
    audit.record(db, actor_type="counselor", actor=counselor.username, action="counselor.logout",
                 target_type="counselor", target_id=counselor.id)
