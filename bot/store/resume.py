"""Coming back to a session from another device: a resume code plus the patient's own secret, or a one-time
link sent by email. Only hashes are stored (the code: SHA-256, it is random and long; the secret: argon2, it
is short); a code locks after ``MAX_FAILED`` wrong secrets, and the patient can revoke it.

Redeeming either one gives the device a fresh session token and retires the old one, so the conversation
follows the patient and a lost device is signed out.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.store import audit
from bot.store.models import PatientSession, ResumeCode, utcnow
from bot.store.security import dummy_verify, hash_password, hash_token, new_token, verify_password

# Crockford base32 without look-alikes (no I, L, O, U): easy to read aloud and to type from a note.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS, GROUP_LEN = 5, 4  # 20 symbols x 5 bits = 100 bits of entropy
MAX_FAILED = 5
LINK_TTL = timedelta(days=7)
MIN_SECRET, MAX_SECRET = 4, 64


@dataclass(frozen=True)
class Resumed:
    session_id: str
    token: str  # the new session token (the old one no longer works)


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_GROUPS * GROUP_LEN))
    return "-".join(raw[i:i + GROUP_LEN] for i in range(0, len(raw), GROUP_LEN))


def normalize_code(code: str) -> str:
    """What the patient typed, read leniently: case, spaces and dashes do not matter; O/I/L read as 0/1/1."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum()).translate(str.maketrans("OIL", "011"))
    return "-".join(cleaned[i:i + GROUP_LEN] for i in range(0, len(cleaned), GROUP_LEN))


def _revoke_all(db: Session, session_id: str, kind: str) -> None:
    db.execute(update(ResumeCode).where(ResumeCode.session_id == session_id, ResumeCode.kind == kind,
                                        ResumeCode.revoked_at.is_(None)).values(revoked_at=utcnow()))


def issue_code(db: Session, session_id: str, secret: str) -> str:
    """A new resume code for the session (earlier codes stop working); returned once, stored hashed."""
    _revoke_all(db, session_id, "code")
    code = new_code()
    db.add(ResumeCode(session_id=session_id, kind="code", code_hash=hash_token(code),
                      secret_hash=hash_password(secret)))
    db.flush()
    audit.record(db, actor_type="patient", actor=session_id, action="resume.code_issued", target_type="session",
                 target_id=session_id)
    return code


def revoke_codes(db: Session, session_id: str) -> None:
    _revoke_all(db, session_id, "code")
    _revoke_all(db, session_id, "link")
    audit.record(db, actor_type="patient", actor=session_id, action="resume.revoked", target_type="session",
                 target_id=session_id)


def has_code(db: Session, session_id: str) -> bool:
    return db.scalar(select(ResumeCode.id).where(ResumeCode.session_id == session_id, ResumeCode.kind == "code",
                                                 ResumeCode.revoked_at.is_(None)).limit(1)) is not None


def issue_link(db: Session, session_id: str) -> str:
    """A one-time sign-in token for an emailed link (the newest link replaces older ones)."""
    _revoke_all(db, session_id, "link")
    token = new_token()
    db.add(ResumeCode(session_id=session_id, kind="link", code_hash=hash_token(token),
                      expires_at=utcnow() + LINK_TTL))
    db.flush()
    return token


def _live_session(db: Session, session_id: str) -> PatientSession | None:
    row = db.get(PatientSession, session_id)
    return row if row is not None and row.deleted_at is None else None


def _hand_over(db: Session, row: ResumeCode, how: str) -> Resumed | None:
    session = _live_session(db, row.session_id)
    if session is None:
        return None
    token = new_token()
    session.token_hash = hash_token(token)
    db.flush()
    audit.record(db, actor_type="patient", actor=session.id, action=f"resume.{how}", target_type="session",
                 target_id=session.id)
    return Resumed(session.id, token)


def redeem_code(db: Session, code: str, secret: str) -> Resumed | None:
    """The session for this code and secret, or None (unknown, revoked, locked or wrong secret: one answer)."""
    row = db.scalar(select(ResumeCode).where(ResumeCode.code_hash == hash_token(normalize_code(code)),
                                             ResumeCode.kind == "code"))
    if row is None or row.revoked_at is not None or row.secret_hash is None:
        dummy_verify()  # the same time as a real check: no telling unknown codes from wrong secrets
        return None
    if not verify_password(secret, row.secret_hash):
        row.failed_attempts += 1
        if row.failed_attempts >= MAX_FAILED:
            row.revoked_at = utcnow()
            audit.record(db, actor_type="system", actor="resume", action="resume.locked", target_type="session",
                         target_id=row.session_id)
        db.flush()
        return None
    row.failed_attempts = 0
    return _hand_over(db, row, "code")


def redeem_link(db: Session, token: str) -> Resumed | None:
    """The session for an unused, unexpired emailed link (used up by this call), or None."""
    row = db.scalar(select(ResumeCode).where(ResumeCode.code_hash == hash_token(token), ResumeCode.kind == "link"))
    if row is None or row.revoked_at is not None or row.used_at is not None or \
            (row.expires_at is not None and row.expires_at < utcnow()):
        return None
    row.used_at = utcnow()
    return _hand_over(db, row, "link")
