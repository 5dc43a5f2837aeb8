"""The counselor queue: list, read (audited), claim, reply, resolve, and feedback on bot replies."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, Path, Query
from sqlalchemy.orm import Session

from bot.api import mailer, views
from bot.api.deps import AppState, app_state, current_counselor, get_db
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
    NoteIn,
    NoteOut,
    ReplyTemplateOut,
    ReplyTemplates,
    ResolveIn,
)
from bot.safety.reply_templates import REPLY_TEMPLATES, placeholders, unfilled_placeholders
from bot.store import contacts, resume
from bot.store import escalations as repo
from bot.store.escalations import EscalationConflict
from bot.store.medicines import list_medicines
from bot.store.messages import last_messages, list_messages
from bot.store.models import Counselor, Escalation
from bot.store.sessions import latest_report

router = APIRouter(prefix="/api/escalations", tags=["counselor"])
templates_router = APIRouter(prefix="/api", tags=["counselor"])
ERRORS = responses(401, 404, 409)


@templates_router.get("/reply-templates", response_model=ReplyTemplates, responses=responses(401))
def reply_templates(_who: Counselor = Depends(current_counselor)) -> ReplyTemplates:
    """Fixed starting points for a reply (bot/safety/reply_templates.py, checked like patient wording).

    The console puts one in the reply box for the counselor to edit; it never sends one by itself.
    """
    return ReplyTemplates(templates=[ReplyTemplateOut(key=t.key, title=t.title, text=t.text,
                                                      placeholders=placeholders(t.text)) for t in REPLY_TEMPLATES])


EscalationId = Annotated[int, Path(ge=1, le=MAX_ID)]


def _load(db: Session, escalation_id: int) -> Escalation:
    esc = repo.get(db, escalation_id)
    if esc is None:
        raise ApiError(404, "not_found", "No such escalation (it may have been deleted by the patient).")
    return esc


def _conflict(exc: EscalationConflict) -> ApiError:
    return ApiError(409, exc.code, str(exc))


def _outs(db: Session, rows: list[Escalation], target_minutes: int) -> list[EscalationOut]:
    names = views.usernames(db, {e.claimed_by for e in rows})
    last = last_messages(db, {e.session_id for e in rows})
    origins = repo.origins(db, rows)
    replied = repo.replied_cases(db, [e.id for e in rows])
    return [views.escalation(e, names, last, origins.get(e.id), target_seconds=target_minutes * 60,
                             replied=e.id in replied) for e in rows]


def _out(db: Session, esc: Escalation, state: AppState) -> EscalationOut:
    return _outs(db, [esc], state.settings.reply_target_minutes)[0]


@router.get("", response_model=EscalationList, responses=responses(401))
def list_escalations(
    status: Literal["open", "claimed", "active", "resolved", "all", "urgent", "waiting", "mine"] = Query("open"),
    who: Counselor = Depends(current_counselor),
    db: Session = Depends(get_db),
    state: AppState = Depends(app_state),
) -> EscalationList:
    """The queue: emergencies first, then oldest first.

    Besides the states: ``urgent`` (active emergencies), ``waiting`` (active, no counselor reply since the
    patient last wrote on it), ``mine`` (active, claimed by me).
    """
    rows = repo.list_queue(db, status, who=who)
    return EscalationList(escalations=_outs(db, rows, state.settings.reply_target_minutes))


@router.get("/{escalation_id}", response_model=EscalationDetail, responses=ERRORS)
def get_escalation(escalation_id: EscalationId, who: Counselor = Depends(current_counselor),
                   db: Session = Depends(get_db), state: AppState = Depends(app_state)) -> EscalationDetail:
    """The conversation with decision traces and the report; each read is audited."""
    esc = _load(db, escalation_id)
    repo.record_read(db, esc, who)
    db.commit()
    report = latest_report(db, esc.session_id)
    data = report.data if report else None
    notes = repo.notes(db, esc.id)
    names = views.usernames(db, {n.counselor_id for n in notes})
    return EscalationDetail(
        **_out(db, esc, state).model_dump(), resolution_note=esc.resolution_note,
        conversation=views.conversation(db, list_messages(db, esc.session_id), with_traces=True),
        report=data, cards=views.cards(data), medicines=views.medicines(data, list_medicines(db, esc.session_id)),
        notes=[NoteOut(id=n.id, author=names.get(n.counselor_id, ""), text=n.text, created_at=n.created_at)
               for n in notes],
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
          db: Session = Depends(get_db), state: AppState = Depends(app_state)) -> EscalationOut:
    """Claim an open escalation. Taking over another counselor's claim needs {"take_over": true}."""
    esc = _load(db, escalation_id)
    with _state_change(db):
        repo.claim(db, esc, who, take_over=bool(body and body.take_over))
    return _out(db, esc, state)


@router.post("/{escalation_id}/reply", status_code=201, response_model=MessageOut, responses=ERRORS)
def reply(escalation_id: EscalationId, body: CounselorReplyIn, background: BackgroundTasks,
          who: Counselor = Depends(current_counselor), db: Session = Depends(get_db),
          state: AppState = Depends(app_state)) -> MessageOut:
    """Send a reply that appears in the patient's conversation as role "counselor".

    A reply that still holds a template's ``[part to fill in]`` is refused (422 ``unfilled_template``).

    When the patient left an email address (and email is set up), they are told a reply is waiting.
    """
    esc = _load(db, escalation_id)
    if left := unfilled_placeholders(body.text):
        raise ApiError(422, "unfilled_template", "Fill in the parts in brackets before sending: " + ", ".join(left))
    with _state_change(db):
        msg = repo.reply(db, esc, who, body.text)
    _tell_patient(db, esc.session_id, state, background)
    return views.conversation(db, [msg])[0]


def _tell_patient(db: Session, session_id: str, state: AppState, background: BackgroundTasks) -> None:
    server = mailer.smtp_server(state.settings)
    if server is None:
        return
    address = contacts.email_for(db, session_id, key=contacts.load_key(state.settings))
    if address is None:
        return
    link = resume.issue_link(db, session_id) if state.settings.public_url else None
    db.commit()
    background.add_task(mailer.send, server, mailer.reply_waiting_email(state.settings, address, link))


@router.post("/{escalation_id}/notes", status_code=201, response_model=NoteOut, responses=ERRORS)
def add_note(escalation_id: EscalationId, body: NoteIn, who: Counselor = Depends(current_counselor),
             db: Session = Depends(get_db)) -> NoteOut:
    """Add an internal note to the case: counselors see it beside the thread, the patient never does."""
    esc = _load(db, escalation_id)
    note = repo.add_note(db, esc, who, body.text.strip())
    db.commit()
    return NoteOut(id=note.id, author=who.username, text=note.text, created_at=note.created_at)


@router.post("/{escalation_id}/resolve", response_model=EscalationOut, responses=ERRORS)
def resolve(escalation_id: EscalationId, body: ResolveIn, who: Counselor = Depends(current_counselor),
            db: Session = Depends(get_db), state: AppState = Depends(app_state)) -> EscalationOut:
    """Close the escalation with a note saying what was done (required)."""
    esc = _load(db, escalation_id)
    with _state_change(db):
        repo.resolve(db, esc, who, body.note.strip())
    return _out(db, esc, state)


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
