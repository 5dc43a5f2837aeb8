"""The counselor queue: list, read (audited), claim, reply, resolve, and feedback on bot replies."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from sqlalchemy.orm import Session

from bot.api import views
from bot.api.deps import current_counselor, get_db
from bot.api.errors import ApiError, responses
from bot.api.schemas import (
    MAX_ID,
    ClaimIn,
    CounselorReplyIn,
    EscalationDetail,
    EscalationList,
    EscalationOut,
    FeedbackIn,
    FeedbackOut,
    MessageOut,
    ResolveIn,
)
from bot.store import escalations as repo
from bot.store.escalations import EscalationConflict
from bot.store.messages import last_messages, list_messages
from bot.store.models import Counselor, Escalation
from bot.store.sessions import latest_report

router = APIRouter(prefix="/api/escalations", tags=["counselor"])
ERRORS = responses(401, 404, 409)


EscalationId = Annotated[int, Path(ge=1, le=MAX_ID)]


def _load(db: Session, escalation_id: int) -> Escalation:
    esc = repo.get(db, escalation_id)
    if esc is None:
        raise ApiError(404, "not_found", "No such escalation (it may have been deleted by the patient).")
    return esc


def _conflict(exc: EscalationConflict) -> ApiError:
    return ApiError(409, exc.code, str(exc))


def _out(db: Session, esc: Escalation) -> EscalationOut:
    return views.escalation(esc, views.usernames(db, {esc.claimed_by}), last_messages(db, {esc.session_id}))


@router.get("", response_model=EscalationList, responses=responses(401))
def list_escalations(
    status: Literal["open", "claimed", "active", "resolved", "all"] = Query("open"),
    _who: Counselor = Depends(current_counselor),
    db: Session = Depends(get_db),
) -> EscalationList:
    """The queue: emergencies first, then oldest first."""
    rows = repo.list_queue(db, status)
    names = views.usernames(db, {e.claimed_by for e in rows})
    last = last_messages(db, {e.session_id for e in rows})
    return EscalationList(escalations=[views.escalation(e, names, last) for e in rows])


@router.get("/{escalation_id}", response_model=EscalationDetail, responses=ERRORS)
def get_escalation(escalation_id: EscalationId, who: Counselor = Depends(current_counselor),
                   db: Session = Depends(get_db)) -> EscalationDetail:
    """The conversation with decision traces and the report; each read is audited."""
    esc = _load(db, escalation_id)
    repo.record_read(db, esc, who)
    db.commit()
    report = latest_report(db, esc.session_id)
    return EscalationDetail(
        **_out(db, esc).model_dump(), resolution_note=esc.resolution_note,
        conversation=views.conversation(db, list_messages(db, esc.session_id), with_traces=True),
        report=report.data if report else None, cards=views.cards(report.data if report else None),
    )


@contextmanager
def _state_change(db: Session) -> Iterator[None]:
    """Commit a counselor's state change, or roll it back and answer 409 when it conflicts."""
    try:
        yield
    except EscalationConflict as exc:
        db.rollback()
        raise _conflict(exc) from exc
    db.commit()


@router.post("/{escalation_id}/claim", response_model=EscalationOut, responses=ERRORS)
def claim(escalation_id: EscalationId, body: ClaimIn | None = None, who: Counselor = Depends(current_counselor),
          db: Session = Depends(get_db)) -> EscalationOut:
    """Claim an open escalation. Taking over another counselor's claim needs {"take_over": true}."""
    esc = _load(db, escalation_id)
    with _state_change(db):
        repo.claim(db, esc, who, take_over=bool(body and body.take_over))
    return _out(db, esc)


@router.post("/{escalation_id}/reply", status_code=201, response_model=MessageOut, responses=ERRORS)
def reply(escalation_id: EscalationId, body: CounselorReplyIn, who: Counselor = Depends(current_counselor),
          db: Session = Depends(get_db)) -> MessageOut:
    """Send a reply that appears in the patient's conversation as role "counselor"."""
    esc = _load(db, escalation_id)
    with _state_change(db):
        msg = repo.reply(db, esc, who, body.text)
    return views.conversation(db, [msg])[0]


@router.post("/{escalation_id}/resolve", response_model=EscalationOut, responses=ERRORS)
def resolve(escalation_id: EscalationId, body: ResolveIn, who: Counselor = Depends(current_counselor),
            db: Session = Depends(get_db)) -> EscalationOut:
    """Close the escalation with a note saying what was done (required)."""
    esc = _load(db, escalation_id)
    with _state_change(db):
        repo.resolve(db, esc, who, body.note.strip())
    return _out(db, esc)


@router.post("/{escalation_id}/feedback", status_code=201, response_model=FeedbackOut, responses=ERRORS)
def feedback(escalation_id: EscalationId, body: FeedbackIn, who: Counselor = Depends(current_counselor),
             db: Session = Depends(get_db)) -> FeedbackOut:
    """Record a counselor's verdict on a bot reply; the evals turn these into test cases."""
    esc = _load(db, escalation_id)
    try:
        row = repo.add_feedback(db, esc, who, message_id=body.message_id, verdict=body.verdict,
                                correct_action=body.correct_action, comment=body.comment)
    except EscalationConflict as exc:
        db.rollback()
        raise ApiError(422, exc.code, str(exc)) from exc
    db.commit()
    return FeedbackOut(feedback_id=row.id)
