"""The patient's conversation: ask a question, read the whole thread (bot and counselor replies)."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Depends
from sqlalchemy.orm import Session

from bot.api import views
from bot.api.deps import AppState, app_state, get_db, patient_session
from bot.api.errors import ApiError, responses
from bot.api.schemas import Conversation, MessageIn, MessageReply
from bot.api.webhook import notify
from bot.conversation.flows import Answer, EngineWarming, MessageFlow, MessageInProgress, PatientMessage
from bot.store import messages as repo
from bot.store.escalations import replied_cases
from bot.store.models import PatientSession

router = APIRouter(prefix="/api", tags=["patient"])


@router.post("/sessions/{session_id}/messages", response_model=MessageReply, responses=responses(401, 403, 409, 503))
def post_message(body: MessageIn, background: BackgroundTasks, session: PatientSession = Depends(patient_session),
                 db: Session = Depends(get_db), state: AppState = Depends(app_state)) -> MessageReply:
    """Answer one question (bot/conversation/flows.py): stored before the engine runs, so it is never lost."""
    flow = MessageFlow(state.db, state.readiness, webhook_url=state.settings.escalation_webhook)
    try:
        done = flow.answer(db, PatientMessage(session_id=session.id, text=body.text, client_id=body.client_id))
    except EngineWarming as exc:
        raise ApiError(503, exc.code, str(exc), headers={"Retry-After": str(exc.retry_after)}) from exc
    except MessageInProgress as exc:
        raise ApiError(409, exc.code, str(exc)) from exc
    if done.notice is not None:
        background.add_task(notify, done.notice.url, done.notice.payload())
    return MessageReply(**done.model_dump(include=set(Answer.model_fields)),
                        escalation=views.escalation_brief(done.escalation) if done.escalation else None)


@router.get("/sessions/{session_id}/messages", response_model=Conversation, responses=responses(401, 403))
def get_messages(session: PatientSession = Depends(patient_session), db: Session = Depends(get_db)) -> Conversation:
    """The whole conversation, oldest first (patient, bot and counselor messages), and each escalation's progress."""
    cases = repo.session_escalations(db, session.id)
    answered = replied_cases(db, [e.id for e in cases])
    return Conversation(session_id=session.id, messages=views.conversation(db, repo.list_messages(db, session.id)),
                        escalations=[views.escalation_brief(e, answered=e.id in answered) for e in cases])
