"""The counselor queue: open -> claimed -> resolved, every read and state change audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.config import get_settings
from bot.errors import GeneChatError
from bot.store import audit
from bot.store.db import Database
from bot.store.messages import add_counselor_message
from bot.store.models import CaseNote, Counselor, Escalation, Feedback, Message, utcnow
from bot.store.sessions import latest_report

STATUS_FILTERS: dict[str, tuple[str, ...]] = {
    "open": ("open",),
    "claimed": ("claimed",),
    "active": ("open", "claimed"),
    "resolved": ("resolved",),
    "all": ("open", "claimed", "resolved"),
}


class EscalationConflict(GeneChatError):
    """The escalation is in a state that does not allow this action (HTTP 409)."""

    code = "conflict"

    def __init__(self, message: str, *, code: str):
        self.code = code
        super().__init__(message)


QUEUE_VIEWS = ("urgent", "waiting", "mine")


def list_queue(db: Session, status: str = "open", *, who: Counselor | None = None) -> list[Escalation]:
    """Emergencies first, then oldest first. ``status`` is a state filter or a working view: ``urgent``
    (active emergencies), ``waiting`` (active, the patient has written since the last counselor reply on it),
    ``mine`` (active, claimed by ``who``)."""
    query = select(Escalation).where(Escalation.status.in_(STATUS_FILTERS.get(status, STATUS_FILTERS["active"])))
    if status == "urgent":
        query = query.where(Escalation.priority == "urgent")
    elif status == "mine":
        query = query.where(Escalation.claimed_by == (who.id if who else -1))
    rows = list(db.scalars(query.order_by(Escalation.priority_rank, Escalation.created_at, Escalation.id)))
    if status == "waiting":
        answered = last_counselor_reply(db, [e.id for e in rows])
        rows = [e for e in rows if e.id not in answered or answered[e.id] < (e.last_activity_at or e.created_at)]
    return rows


def last_counselor_reply(db: Session, ids: list[int]) -> dict[int, datetime]:
    """Each case's newest counselor reply time."""
    if not ids:
        return {}
    rows = db.execute(select(Message.escalation_id, func.max(Message.created_at))
                      .where(Message.role == "counselor", Message.escalation_id.in_(ids))
                      .group_by(Message.escalation_id))
    return {eid: at for eid, at in rows}


def replied_cases(db: Session, ids: list[int]) -> set[int]:
    return set(last_counselor_reply(db, ids))


def get(db: Session, escalation_id: int) -> Escalation | None:
    esc = db.get(Escalation, escalation_id)
    return None if esc is None or esc.status == "withdrawn" else esc


def _log(db: Session, who: Counselor, action: str, esc: Escalation, **detail: Any) -> None:
    audit.record(db, actor_type="counselor", actor=who.username, action=action, target_type="escalation",
                 target_id=esc.id, detail={"session_id": esc.session_id, **detail})


def record_read(db: Session, esc: Escalation, who: Counselor) -> None:
    _log(db, who, "escalation.read", esc)


def claim(db: Session, esc: Escalation, who: Counselor, *, take_over: bool = False) -> Escalation:
    """Claim an open escalation; taking one held by someone else needs ``take_over`` and is audited."""
    if esc.status == "resolved":
        raise EscalationConflict("This escalation is already resolved.", code="already_resolved")
    if esc.status == "claimed" and esc.claimed_by == who.id:
        return esc
    now = utcnow()
    if esc.status == "claimed":
        if not take_over:
            raise EscalationConflict(
                "Another counselor has claimed this escalation; send take_over=true to take it over.",
                code="claimed_by_other",
            )
        previous = esc.claimed_by
        done = db.execute(
            update(Escalation)
            .where(Escalation.id == esc.id, Escalation.status == "claimed", Escalation.claimed_by == previous)
            .values(claimed_by=who.id, claimed_at=now)
        )
        _check_won(done.rowcount)
        prev_name = db.scalar(select(Counselor.username).where(Counselor.id == previous))
        _log(db, who, "escalation.takeover", esc, previous_counselor=prev_name)
    else:
        # Conditional update: when two counselors claim at once, exactly one row update wins.
        done = db.execute(
            update(Escalation)
            .where(Escalation.id == esc.id, Escalation.status == "open")
            .values(status="claimed", claimed_by=who.id, claimed_at=now)
        )
        _check_won(done.rowcount)
        _log(db, who, "escalation.claim", esc)
    db.refresh(esc)
    return esc


def _check_won(rowcount: int) -> None:
    if rowcount != 1:
        raise EscalationConflict("Someone else changed this escalation just now; reload it.", code="changed")


def _require_holder(db: Session, esc: Escalation, who: Counselor) -> None:
    if esc.status == "resolved":
        raise EscalationConflict("This escalation is already resolved.", code="already_resolved")
    if esc.status == "open":
        claim(db, esc, who)
    elif esc.claimed_by != who.id:
        raise EscalationConflict(
            "Another counselor has claimed this escalation; claim it with take_over=true first.",
            code="claimed_by_other",
        )


def reply(db: Session, esc: Escalation, who: Counselor, text: str) -> Message:
    """Post a counselor message into the patient's conversation (claims an open escalation first)."""
    _require_holder(db, esc, who)
    msg = add_counselor_message(db, esc.session_id, text, counselor_id=who.id, escalation_id=esc.id)
    _log(db, who, "escalation.reply", esc, message_id=msg.id)
    return msg


def add_note(db: Session, esc: Escalation, who: Counselor, text: str) -> CaseNote:
    """An internal note on the case (for counselors only; any counselor may add one, in any state)."""
    row = CaseNote(escalation_id=esc.id, counselor_id=who.id, text=text)
    db.add(row)
    db.flush()
    _log(db, who, "escalation.note", esc, note_id=row.id)
    return row


def notes(db: Session, escalation_id: int) -> list[CaseNote]:
    return list(db.scalars(select(CaseNote).where(CaseNote.escalation_id == escalation_id).order_by(CaseNote.id)))


@dataclass(frozen=True)
class CaseOrigin:
    """What raised a case: the patient's questions (oldest first) and the report facts of the replies."""

    questions: list[str]
    report_facts: list[dict[str, Any]]
    trigger: str | None  # the question of the reply that opened the case


def origins(db: Session, cases: list[Escalation]) -> dict[int, CaseOrigin]:
    """Each case's questions and report facts, read from the bot replies linked to it (one query each way)."""
    ids = [c.id for c in cases]
    if not ids:
        return {}
    replies = list(db.scalars(select(Message).where(Message.role == "bot", Message.escalation_id.in_(ids))
                              .order_by(Message.id)))
    asked = {m.id: m.text for m in db.scalars(
        select(Message).where(Message.id.in_([r.reply_to for r in replies if r.reply_to])))}
    out: dict[int, CaseOrigin] = {}
    for case in cases:
        mine = [r for r in replies if r.escalation_id == case.id]
        facts: list[dict[str, Any]] = []
        for r in mine:
            facts += [f for f in (r.report_facts or []) if f not in facts]
        first = next((r for r in mine if r.id == case.message_id), mine[0] if mine else None)
        out[case.id] = CaseOrigin(questions=[asked[r.reply_to] for r in mine if r.reply_to in asked],
                                  report_facts=facts, trigger=asked.get(first.reply_to) if first else None)
    return out


def resolve(db: Session, esc: Escalation, who: Counselor, note: str) -> Escalation:
    _require_holder(db, esc, who)
    esc.status = "resolved"
    esc.resolved_at = utcnow()
    esc.resolution_note = note
    db.flush()
    _log(db, who, "escalation.resolve", esc)
    return esc


def add_feedback(db: Session, esc: Escalation, who: Counselor, *, message_id: int, verdict: str,
                 correct_action: str | None, comment: str | None) -> Feedback:
    msg = db.get(Message, message_id)
    if msg is None or msg.session_id != esc.session_id or msg.role != "bot":
        raise EscalationConflict("message_id must be a bot reply in this escalation's conversation.",
                                 code="invalid_message")
    row = Feedback(escalation_id=esc.id, message_id=message_id, counselor_id=who.id, verdict=verdict,
                   correct_action=correct_action, comment=comment)
    db.add(row)
    db.flush()
    _log(db, who, "feedback.create", esc, feedback_id=row.id, verdict=verdict)
    return row


@dataclass(frozen=True)
class FeedbackRecord:
    """One counselor verdict on a bot reply, with what the evals need to turn it into a case."""

    feedback_id: int
    escalation_id: int
    session_id: str
    message_id: int
    question: str | None
    reply: str
    action: str | None
    reason: str | None
    verdict: str
    correct_action: str | None
    comment: str | None
    counselor: str
    report: dict[str, Any] | None
    created_at: datetime


def list_feedback(db: Session | None = None) -> list[FeedbackRecord]:
    """All stored feedback, oldest first (feedback of deleted sessions is gone with them).

    Without ``db`` it reads the configured database (``GENECHAT_DATABASE_URL`` or the SQLite file).
    """
    if db is None:
        database = Database.from_settings(get_settings())
        try:
            database.upgrade()
            with database.session() as s:
                return list_feedback(s)
        finally:
            database.dispose()

    out: list[FeedbackRecord] = []
    for fb in db.scalars(select(Feedback).order_by(Feedback.id)):
        msg = db.get(Message, fb.message_id)
        if msg is None:
            continue
        question = db.get(Message, msg.reply_to) if msg.reply_to else None
        report = latest_report(db, msg.session_id)
        out.append(FeedbackRecord(
            feedback_id=fb.id, escalation_id=fb.escalation_id, session_id=msg.session_id, message_id=msg.id,
            question=question.text if question else None, reply=msg.text, action=msg.action, reason=msg.reason,
            verdict=fb.verdict, correct_action=fb.correct_action, comment=fb.comment,
            counselor=db.scalar(select(Counselor.username).where(Counselor.id == fb.counselor_id)) or "",
            report=report.data if report else None, created_at=fb.created_at,
        ))
    return out
