"""SQLAlchemy 2 tables: sessions, consent, reports, medicines, messages, citations, traces, escalations, counselors, audit.

Times are naive UTC (``utcnow()``) so SQLite and PostgreSQL compare them the same way.
Patient content lives only in ``reports``, ``pending_extractions``, ``medicines``, ``messages``, ``citations``,
``decision_traces``, ``escalations.summary``, ``case_notes``, ``feedback`` and ``notify_contacts``; deleting a session
erases exactly those.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class ConsentVersion(Base):
    __tablename__ = "consent_versions"
    version: Mapped[str] = mapped_column(String(32), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PatientSession(Base):
    __tablename__ = "patient_sessions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # Only the SHA-256 of the bearer token is kept; NULL once the session is deleted.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    consent_version: Mapped[str] = mapped_column(ForeignKey("consent_versions.version"))
    consented_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Refreshed at most hourly as the patient uses the session; a session idle too long stops working.
    last_active_at: Mapped[datetime | None] = mapped_column(DateTime)


class StoredReport(Base):
    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("patient_sessions.id"), index=True)
    source_format: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PendingExtraction(Base):
    """Rows read from a PDF/HTML upload, waiting for the patient to confirm them: never used as a report."""

    __tablename__ = "pending_extractions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("patient_sessions.id"), index=True)
    source_format: Mapped[str] = mapped_column(String(16))
    rows: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ListedMedicine(Base):
    """A medicine name as the patient typed it under "My medicines" (read as a medicine on every view)."""

    __tablename__ = "medicines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("patient_sessions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    typed: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("session_id", "client_id", name="uq_messages_client_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("patient_sessions.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # user | bot | counselor
    text: Mapped[str] = mapped_column(Text)
    action: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(64))
    reply_to: Mapped[int | None] = mapped_column(Integer)
    composer: Mapped[str | None] = mapped_column(String(32))
    prompt_version: Mapped[str | None] = mapped_column(String(64))
    genes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    drugs: Mapped[list[Any]] = mapped_column(JSON, default=list)
    report_facts: Mapped[list[Any]] = mapped_column(JSON, default=list)
    counselor_id: Mapped[int | None] = mapped_column(ForeignKey("counselors.id"))
    # The escalation a bot reply raised or joined, so the patient sees that case's progress beside it.
    # A plain id (no foreign key) like ``reply_to``: escalations outlive erased messages as tombstones.
    escalation_id: Mapped[int | None] = mapped_column(Integer)
    # Idempotency key sent by the client so a retried POST is stored once.
    client_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class CitationRow(Base):
    __tablename__ = "citations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    doc_id: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text)
    genes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    drugs: Mapped[list[Any]] = mapped_column(JSON, default=list)
    conditions: Mapped[list[Any]] = mapped_column(JSON, default=list)
    source_urls: Mapped[list[Any]] = mapped_column(JSON, default=list)


class DecisionTrace(Base):
    __tablename__ = "decision_traces"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), index=True)
    steps: Mapped[list[Any]] = mapped_column(JSON, default=list)
    composer: Mapped[str | None] = mapped_column(String(32))
    prompt_version: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Counselor(Base):
    __tablename__ = "counselors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    # What patients see on a counselor's replies; the login name stays private (one half of a credential).
    display_name: Mapped[str | None] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CounselorToken(Base):
    __tablename__ = "counselor_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    counselor_id: Mapped[int] = mapped_column(ForeignKey("counselors.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    # Refreshed at most once a minute; a login left idle past the counselor idle timeout stops working.
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)


class Escalation(Base):
    __tablename__ = "escalations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("patient_sessions.id"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
    priority: Mapped[str] = mapped_column(String(16))  # urgent | normal
    priority_rank: Mapped[int] = mapped_column(Integer)  # 0 = urgent: sorts emergencies first
    action: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)  # open|claimed|resolved|withdrawn
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("counselors.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolution_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # What the concern is about (the genes and medicines of the replies that raised or joined it): a new
    # escalation sharing one of them is the same concern (bot/store/messages.py, ``_queue``).
    genes: Mapped[list[Any] | None] = mapped_column(JSON, default=list)  # NULL on cases older than 0005
    drugs: Mapped[list[Any] | None] = mapped_column(JSON, default=list)
    # When a patient message last joined or opened the case (recency decides topicless follow-ups).
    last_activity_at: Mapped[datetime | None] = mapped_column(DateTime)
    reopened_count: Mapped[int] = mapped_column(Integer, default=0)


class CaseNote(Base):
    """A counselor's internal note on a case: never shown to the patient, erased with the session."""

    __tablename__ = "case_notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalations.id"), index=True)
    counselor_id: Mapped[int] = mapped_column(ForeignKey("counselors.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Feedback(Base):
    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalations.id"), index=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"))
    counselor_id: Mapped[int] = mapped_column(ForeignKey("counselors.id"))
    verdict: Mapped[str] = mapped_column(String(16))  # wrong | unsafe | ok
    correct_action: Mapped[str | None] = mapped_column(String(16))
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AuditEvent(Base):
    """Who did what to which record, and when. Never holds patient content."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor_type: Mapped[str] = mapped_column(String(16))  # counselor | patient | system
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    target_type: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ResumeCode(Base):
    """A way back into a session from another device: a resume code (+ the patient's secret) or a one-time
    email link. Only hashes are stored; a code locks after too many wrong secrets and can be revoked."""

    __tablename__ = "resume_codes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("patient_sessions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # code | link
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256: the code is high-entropy
    secret_hash: Mapped[str | None] = mapped_column(String(255))  # argon2: the secret is short
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class NotifyContact(Base):
    """The email address a patient left to hear that a counselor replied: encrypted, erased with the session."""

    __tablename__ = "notify_contacts"
    session_id: Mapped[str] = mapped_column(ForeignKey("patient_sessions.id"), primary_key=True)
    email_encrypted: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
