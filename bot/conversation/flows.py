"""One patient message, start to finish: everything ``POST /api/sessions/{id}/messages`` does besides HTTP.

1. A retry of a message already answered (same ``client_id``) gets the stored answer back; nothing runs again.
2. A warming engine is waited for, briefly; then ``EngineWarming`` (the API answers 503 with Retry-After).
3. The question is stored and committed before the engine runs, so it is never lost.
4. The patient's context (report, earlier turns) is loaded in one place: ``load_context``.
5. The engine decides the reply; if it raises, a fixed reply escalates to a counselor instead.
6. The reply, its citations, trace and escalation are stored; the log line carries ids and codes only.
7. Whether counselors' webhook should hear of it is returned as data (``Notice``): the caller sends it.

The API route only parses input, calls ``MessageFlow.answer`` and shapes the response.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, Protocol

import structlog
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.conversation.replies import engine_failed_reply
from bot.core.protocols import Engine
from bot.core.reply import Action, Citation, Reply, Turn
from bot.core.report import Report
from bot.errors import GeneChatError
from bot.store import audit
from bot.store import messages as repo
from bot.store.concerns import CaseEvent
from bot.store.db import Database
from bot.store.medicines import list_medicines
from bot.store.models import Escalation, Message
from bot.store.sessions import latest_report

log = structlog.get_logger("bot.conversation.flows")

# How long a message waits for a warming engine before the client is told to retry.
ENGINE_WAIT_SECONDS = 20.0
RETRY_AFTER_SECONDS = 30


class EngineWarming(GeneChatError):
    """The engine is still loading its models: nothing was stored, the client should send again later."""

    code = "not_ready"
    retry_after = RETRY_AFTER_SECONDS

    def __init__(self) -> None:
        super().__init__("GeneChat is still starting; please try again in a minute.")


class MessageInProgress(GeneChatError):
    """The same ``client_id`` is being answered right now by another request."""

    code = "duplicate_in_progress"

    def __init__(self) -> None:
        super().__init__("This message is already being answered.")


class EngineSource(Protocol):
    """Where the engine comes from: ``bot.api.readiness.Readiness`` (warms it in the background) or a test's."""

    @property
    def engine(self) -> Engine | None: ...

    def wait(self, timeout: float) -> bool:
        """True once the engine is warm; waits at most ``timeout`` seconds."""
        ...


class PatientMessage(BaseModel):
    """A question as the patient sent it."""

    session_id: str
    text: str
    client_id: str | None = None


class PatientContext(BaseModel):
    """What the engine is told besides the question: the report, earlier turns, the medicines the patient listed."""

    model_config = ConfigDict(frozen=True)

    report: Report | None = None
    history: list[Turn] = Field(default_factory=list)
    medicines: list[str] = Field(default_factory=list, description='"My medicines" as typed.')


class Notice(BaseModel):
    """A webhook call to make after the reply is sent: ids and codes only, never patient text."""

    url: str
    event: Literal["escalation.queued"] = "escalation.queued"  # a new case, or a resolved one re-opened
    escalation_id: int
    priority: Literal["urgent", "normal"]
    reason: str
    created_at: datetime

    def payload(self) -> dict[str, Any]:
        return {"event": self.event, "escalation_id": self.escalation_id, "priority": self.priority,
                "reason": self.reason, "created_at": self.created_at.isoformat() + "Z"}


class Answer(BaseModel):
    """What the patient is shown for one message (the API's ``MessageReply`` adds the escalation's state)."""

    message_id: int
    user_message_id: int
    reply: str
    action: Action
    reason: str
    citations: list[Citation]
    report_facts: list[dict[str, Any]]
    case_event: CaseEvent | None = Field(
        None, description="opened: a new case for a counselor; joined: added to the open case of the same "
                          "concern; reopened: a recently resolved case of the same concern is open again.")


class Answered(Answer):
    """The stored answer to one message (fresh, or the one stored for an earlier try of the same message)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    escalation: Escalation | None = Field(None, description="The case this reply joined or opened, if any.")
    notice: Notice | None = None
    replayed: bool = False


def load_context(db: Session, session_id: str, *, before: int) -> PatientContext:
    """The patient's latest report, their medicine list and the turns before message ``before``."""
    stored = latest_report(db, session_id)
    return PatientContext(report=Report.model_validate(stored.data) if stored else None,
                          history=repo.history(db, session_id, before=before),
                          medicines=list_medicines(db, session_id))


def ask_engine(engine: Engine, text: str, context: PatientContext, *, session_id: str, message_id: int) -> Reply:
    """The engine's reply, or when it raises the fixed reply that hands the question to a counselor."""
    try:
        return engine.reply(text, report=context.report, history=context.history, medicines=context.medicines)
    except Exception as exc:  # noqa: BLE001 - the patient still gets a safe answer and a counselor
        log.error("engine_failed", error_type=type(exc).__name__, session_id=session_id, message_id=message_id)
        return engine_failed_reply(type(exc).__name__)


class MessageFlow:
    """Answers patient messages against one database, engine source and (optional) escalation webhook."""

    def __init__(self, database: Database, engines: EngineSource, *, webhook_url: str | None = None):
        self.database = database
        self.engines = engines
        self.webhook_url = webhook_url

    def answer(self, db: Session, message: PatientMessage) -> Answered:
        user = repo.find_by_client_id(db, message.session_id, message.client_id) if message.client_id else None
        if user is not None and (done := repo.reply_to(db, user.id)) is not None:
            return _replayed(db, done)
        db.commit()  # no connection held while waiting for a warming engine (issue 17)
        engine = self.engines.engine if self.engines.wait(ENGINE_WAIT_SECONDS) else None
        if engine is None:
            raise EngineWarming()
        if user is None:
            user = self._store_question(db, message)
        context = load_context(db, message.session_id, before=user.id)
        db.commit()  # ...nor while the engine runs: the pool serves other requests meanwhile
        reply = ask_engine(engine, user.text, context, session_id=message.session_id, message_id=user.id)
        with self.database.serialized_writes():
            bot, esc, event = repo.add_bot_reply(db, message.session_id, user.id, reply)
            if reply.composer == "fallback":
                audit.record(db, actor_type="system", actor="engine", action="reply.fallback", target_type="message",
                             target_id=bot.id, detail={"session_id": message.session_id})
            db.commit()
        log.info("message_answered", session_id=message.session_id, message_id=bot.id, action=reply.action,
                 reason=reply.reason, citations=len(reply.citations), escalation_id=esc.id if esc else None)
        notice = None
        if event in ("opened", "reopened") and esc is not None and self.webhook_url:
            notice = Notice(url=self.webhook_url, escalation_id=esc.id, priority=esc.priority, reason=esc.reason,
                            created_at=esc.created_at)
        return Answered(message_id=bot.id, user_message_id=user.id, reply=reply.text, action=reply.action,
                        reason=reply.reason, citations=reply.citations, report_facts=bot.report_facts or [],
                        escalation=esc, notice=notice, case_event=event)

    def _store_question(self, db: Session, message: PatientMessage) -> Message:
        with self.database.serialized_writes():
            try:
                user = repo.add_user_message(db, message.session_id, message.text, client_id=message.client_id)
                db.commit()
            except IntegrityError as exc:
                db.rollback()
                raise MessageInProgress() from exc
        return user


def _replayed(db: Session, bot: Message) -> Answered:
    """The stored answer, as it was first returned (a client retrying after a lost response)."""
    return Answered(
        message_id=bot.id, user_message_id=bot.reply_to or 0, reply=bot.text, action=bot.action,
        reason=bot.reason or "", citations=[repo.as_citation(c) for c in repo.citations_for(db, [bot.id])[bot.id]],
        report_facts=bot.report_facts or [],
        escalation=(esc := db.get(Escalation, bot.escalation_id) if bot.escalation_id else None), replayed=True,
        case_event=None if esc is None else "opened" if esc.message_id == bot.id else "joined",
    )
