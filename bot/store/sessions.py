"""Patient sessions and their report: create with consent, find by token, erase on request."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.store import audit
from bot.store.consent import ensure_consent
from bot.store.extractions import delete_pending
from bot.store.medicines import delete_medicines
from bot.store.models import (
    CaseNote,
    CitationRow,
    DecisionTrace,
    Escalation,
    Feedback,
    Message,
    NotifyContact,
    PatientSession,
    ResumeCode,
    StoredReport,
    utcnow,
)
from bot.store.security import hash_token, new_token


def create_session(db: Session, *, consent_version: str, consent_text: str) -> tuple[PatientSession, str]:
    """Start a session under the consent the patient accepted (stored the first time it is used);
    returns the row and the one-time bearer token."""
    consent = ensure_consent(db, version=consent_version, text=consent_text)
    token = new_token()
    row = PatientSession(id=str(uuid.uuid4()), token_hash=hash_token(token), consent_version=consent.version)
    db.add(row)
    db.flush()
    audit.record(db, actor_type="patient", actor=row.id, action="session.create", target_type="session",
                 target_id=row.id, detail={"consent_version": consent.version})
    return row, token


# Activity is written at most this often, so reading a conversation is not a write every time.
ACTIVITY_RESOLUTION = timedelta(hours=1)


def session_for_token(db: Session, token: str, *, idle_limit: timedelta | None = None) -> PatientSession | None:
    """The live session for a token; None when unknown, deleted, or idle longer than ``idle_limit``.

    Using the session counts as activity (flushed, not committed: the caller commits).
    """
    row = db.scalar(select(PatientSession).where(PatientSession.token_hash == hash_token(token)))
    if row is None or row.deleted_at is not None:
        return None
    now = utcnow()
    last = row.last_active_at or row.created_at
    if idle_limit is not None and now - last > idle_limit:
        return None
    if now - last > ACTIVITY_RESOLUTION:
        row.last_active_at = now
    return row


def get_session(db: Session, session_id: str) -> PatientSession | None:
    return db.get(PatientSession, session_id)


def save_report(db: Session, session_id: str, *, source_format: str, data: dict[str, Any],
                warnings: list[str]) -> StoredReport:
    """Store a parsed report; a new upload replaces the previous one (one report per session)."""
    db.execute(delete(StoredReport).where(StoredReport.session_id == session_id))
    row = StoredReport(session_id=session_id, source_format=source_format, data=data, warnings=warnings)
    db.add(row)
    db.flush()
    audit.record(db, actor_type="patient", actor=session_id, action="report.upload", target_type="session",
                 target_id=session_id, detail={"source_format": source_format})
    return row


def latest_report(db: Session, session_id: str) -> StoredReport | None:
    return db.scalar(
        select(StoredReport).where(StoredReport.session_id == session_id).order_by(StoredReport.id.desc()).limit(1)
    )


def delete_session(db: Session, session_id: str) -> None:
    """Erase the report, medicine list, messages, citations, traces, feedback, case notes, escalation content,
    resume codes and the notification address; keep a tombstone."""
    message_ids = select(Message.id).where(Message.session_id == session_id)
    escalation_ids = select(Escalation.id).where(Escalation.session_id == session_id)
    db.execute(delete(Feedback).where(Feedback.escalation_id.in_(escalation_ids)))
    db.execute(delete(CaseNote).where(CaseNote.escalation_id.in_(escalation_ids)))
    db.execute(delete(ResumeCode).where(ResumeCode.session_id == session_id))
    db.execute(delete(NotifyContact).where(NotifyContact.session_id == session_id))
    db.execute(delete(CitationRow).where(CitationRow.message_id.in_(message_ids)))
    db.execute(delete(DecisionTrace).where(DecisionTrace.message_id.in_(message_ids)))
    db.execute(
        update(Escalation)
        .where(Escalation.session_id == session_id)
        .values(summary=None, resolution_note=None, message_id=None, status="withdrawn", genes=[], drugs=[])
    )
    db.execute(delete(Message).where(Message.session_id == session_id))
    db.execute(delete(StoredReport).where(StoredReport.session_id == session_id))
    delete_medicines(db, session_id)
    delete_pending(db, session_id)
    db.execute(
        update(PatientSession).where(PatientSession.id == session_id).values(token_hash=None, deleted_at=utcnow())
    )
    audit.record(db, actor_type="patient", actor=session_id, action="session.delete", target_type="session",
                 target_id=session_id)
