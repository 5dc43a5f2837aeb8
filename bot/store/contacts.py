"""The email address a patient leaves to hear that a counselor replied: Fernet-encrypted at rest (the key is a
setting or a key file in the data dir, never in the database), one per session, erased with the session."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.config import Settings
from bot.store import audit
from bot.store.models import NotifyContact


@lru_cache
def _fernet(key: str) -> Fernet:
    return Fernet(key.encode("ascii"))


def load_key(settings: Settings) -> str:
    """``GENECHAT_NOTIFY_KEY``, else ``<data_dir>/notify.key`` (created once, readable by this user only)."""
    if settings.notify_key:
        return settings.notify_key
    path = Path(settings.data_dir) / "notify.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(Fernet.generate_key().decode("ascii"))
    return path.read_text().strip()


def save_email(db: Session, session_id: str, email: str, *, key: str) -> None:
    token = _fernet(key).encrypt(email.strip().encode("utf-8")).decode("ascii")
    row = db.get(NotifyContact, session_id)
    if row is None:
        db.add(NotifyContact(session_id=session_id, email_encrypted=token))
    else:
        row.email_encrypted = token
    db.flush()
    audit.record(db, actor_type="patient", actor=session_id, action="notify.email_saved", target_type="session",
                 target_id=session_id)


def email_for(db: Session, session_id: str, *, key: str) -> str | None:
    row = db.get(NotifyContact, session_id)
    if row is None:
        return None
    try:
        return _fernet(key).decrypt(row.email_encrypted.encode("ascii")).decode("utf-8")
    except InvalidToken:  # the key changed: the address cannot be read, so no email is sent
        return None


def has_email(db: Session, session_id: str) -> bool:
    return db.get(NotifyContact, session_id) is not None


def delete_email(db: Session, session_id: str) -> None:
    db.execute(delete(NotifyContact).where(NotifyContact.session_id == session_id))
    audit.record(db, actor_type="patient", actor=session_id, action="notify.email_deleted", target_type="session",
                 target_id=session_id)
