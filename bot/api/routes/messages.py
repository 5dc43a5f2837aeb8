"""The patient's conversation: ask a question, read the whole thread (bot and counselor replies)."""

from __future__ import annotations

import structlog
from fastapi import APIRouter, BackgroundTasks, Depends
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.api import views
from bot.api.deps import AppState, app_state, get_db, patient_session
from bot.api.errors import ApiError, responses
from bot.api.schemas import Conversation, MessageIn, MessageReply
from bot.api.webhook import escalation_payload, notify
from bot.core.reply import EscalationRequest, Reply, TraceStep
from bot.core.report import Report
from bot.safety import wording
from bot.store import messages as repo
from bot.store.medicines import list_medicines
from bot.store.models import Escalation, Message, PatientSession
from bot.store.sessions import latest_report

router = APIRouter(prefix="/api", tags=["patient"])
log = structlog.get_logger("bot.api.messages")

# How long a message waits for a warming engine before the client is told to retry.
ENGINE_WAIT_SECONDS = 20.0


def fallback_reply(error_type: str) -> Reply:
    """Fixed safety wording used when the engine fails: when in doubt, escalate."""
    return Reply(
        text=wording.ENGINE_FAILED, action="escalate", reason="system_error",
        escalation=EscalationRequest(priority="normal", reason="system_error",
                                     summary="The assistant failed on this question; please answer it."),
        trace=[TraceStep(step="engine", outcome="error", detail={"error_type": error_type})],
        composer="fallback",
    )


def _as_reply(db: Session, bot: Message) -> MessageReply:
    esc = db.scalar(select(Escalation).where(Escalation.message_id == bot.id))
    cites = repo.citations_for(db, [bot.id]).get(bot.id, [])
    return MessageReply(
        message_id=bot.id, user_message_id=bot.reply_to or 0, reply=bot.text, action=bot.action,
        reason=bot.reason or "", citations=[views.citation(c) for c in cites], report_facts=bot.report_facts or [],
        escalation=views.escalation_brief(esc) if esc else None,
    )


@router.post("/sessions/{session_id}/messages", response_model=MessageReply, responses=responses(401, 403, 409, 503))
def post_message(body: MessageIn, background: BackgroundTasks, session: PatientSession = Depends(patient_session),
                 db: Session = Depends(get_db), state: AppState = Depends(app_state)) -> MessageReply:
    """Answer one question. The question is stored before the engine runs, so it is never lost."""
    user = repo.find_by_client_id(db, session.id, body.client_id) if body.client_id else None
    if user is not None and (done := repo.reply_to(db, user.id)) is not None:
        return _as_reply(db, done)  # a retry of a message already answered
    if not state.readiness.engine_ready and not state.readiness.wait(ENGINE_WAIT_SECONDS):
        raise ApiError(503, "not_ready", "GeneChat is still starting; please try again in a minute.",
                       headers={"Retry-After": "30"})
    if user is None:
        with state.db.serialized_writes():
            try:
                user = repo.add_user_message(db, session.id, body.text, client_id=body.client_id)
                db.commit()
            except IntegrityError as exc:
                db.rollback()
                raise ApiError(409, "duplicate_in_progress", "This message is already being answered.") from exc
    history = repo.history(db, session.id, before=user.id)
    stored = latest_report(db, session.id)
    report = Report.model_validate(stored.data) if stored else None
    try:
        reply = state.readiness.engine.reply(user.text, report=report, history=history,
                                             medicines=list_medicines(db, session.id))
    except Exception as exc:  # noqa: BLE001 - the patient still gets a safe answer and a counselor
        log.error("engine_failed", error_type=type(exc).__name__, session_id=session.id, message_id=user.id)
        reply = fallback_reply(type(exc).__name__)
    with state.db.serialized_writes():
        bot, esc, queue_changed = repo.add_bot_reply(db, session.id, user.id, reply)
        db.commit()
    log.info("message_answered", session_id=session.id, message_id=bot.id, action=reply.action,
             reason=reply.reason, citations=len(reply.citations), escalation_id=esc.id if esc else None)
    if queue_changed and esc is not None and state.settings.escalation_webhook:
        background.add_task(notify, state.settings.escalation_webhook, escalation_payload(esc))
    return MessageReply(
        message_id=bot.id, user_message_id=user.id, reply=reply.text, action=reply.action, reason=reply.reason,
        citations=reply.citations, report_facts=bot.report_facts,
        escalation=views.escalation_brief(esc) if esc else None,
    )


@router.get("/sessions/{session_id}/messages", response_model=Conversation, responses=responses(401, 403))
def get_messages(session: PatientSession = Depends(patient_session), db: Session = Depends(get_db)) -> Conversation:
    """The whole conversation, oldest first (patient, bot and counselor messages), and each escalation's progress."""
    return Conversation(session_id=session.id, messages=views.conversation(db, repo.list_messages(db, session.id)),
                        escalations=[views.escalation_brief(e) for e in repo.session_escalations(db, session.id)])
