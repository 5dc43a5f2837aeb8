"""The patient-message flow without HTTP: retries, a warming engine, the question stored first, the fallback,
audit, and the webhook notice returned as data."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.conversation.flows import EngineWarming, MessageFlow, PatientMessage, load_context
from bot.core.reply import Reply
from bot.safety import wording
from bot.safety.wording import CONSENT_TEXT, CONSENT_VERSION
from bot.store.audit import list_events
from bot.store.db import Database
from bot.store.medicines import replace_medicines
from bot.store.models import Escalation, Message
from bot.store.sessions import create_session, save_report
from tests.support.fakes import FakeEngine

REPORT = {"source_format": "native",
          "pharmacogenomics": [{"gene": "CYP2C19", "diplotype": "*2/*2", "phenotype": "Poor Metabolizer"}]}
HOOK = "https://pager.example/hook"


class Warm:
    """An engine source whose engine is ready (``warm=False``: still loading after any wait)."""

    def __init__(self, engine: FakeEngine, *, warm: bool = True):
        self.engine = engine
        self.warm = warm

    def wait(self, timeout: float) -> bool:
        return self.warm


@pytest.fixture
def database(tmp_path) -> Database:
    db = Database(f"sqlite:///{tmp_path / 'genechat.sqlite3'}")  # a file: other connections see only commits
    db.upgrade()
    return db


@pytest.fixture
def db(database: Database) -> Iterator[Session]:
    with database.sessions() as session:
        yield session


@pytest.fixture
def session_id(db: Session) -> str:
    row, _ = create_session(db, consent_version=CONSENT_VERSION, consent_text=CONSENT_TEXT)
    db.commit()
    return row.id


def flow(database: Database, engine: FakeEngine, **kw) -> MessageFlow:
    return MessageFlow(database, Warm(engine), **kw)


def ask(f: MessageFlow, db: Session, session_id: str, text: str, client_id: str | None = None):
    return f.answer(db, PatientMessage(session_id=session_id, text=text, client_id=client_id))


def test_question_is_stored_before_the_engine_runs(database, db, session_id):
    seen: list[list[str]] = []

    class Looking(FakeEngine):
        def reply(self, text: str, **kw) -> Reply:
            with database.sessions() as other:  # another connection sees only what was committed
                seen.append(list(other.scalars(select(Message.text).where(Message.session_id == session_id))))
            return super().reply(text, **kw)

    ask(flow(database, Looking()), db, session_id, "What is CYP2C19?")
    assert seen == [["What is CYP2C19?"]]


def test_engine_gets_the_report_and_earlier_turns(database, db, session_id):
    save_report(db, session_id, source_format="native", data=REPORT, warnings=[])
    engine = FakeEngine()
    f = flow(database, engine)
    ask(f, db, session_id, "What is CYP2C19?")
    done = ask(f, db, session_id, "What does my result mean?")
    _, report, history = engine.calls[1]
    assert report is not None and report.pharmacogenomics[0].gene == "CYP2C19"
    assert [t.role for t in history] == ["user", "bot"]
    assert load_context(db, session_id, before=done.user_message_id).history == history


def test_engine_gets_the_patients_medicine_list(database, db, session_id):
    replace_medicines(db, session_id, ["Plavix", "zocor"])
    db.commit()
    engine = FakeEngine()
    ask(flow(database, engine), db, session_id, "are my medicines OK with my genes?")
    assert engine.medicines_seen == [["Plavix", "zocor"]]


def test_warming_engine_raises_and_stores_nothing(database, db, session_id):
    f = MessageFlow(database, Warm(FakeEngine(), warm=False))
    with pytest.raises(EngineWarming) as caught:
        ask(f, db, session_id, "hello")
    assert caught.value.retry_after > 0
    assert list(db.scalars(select(Message))) == []


def test_retry_returns_the_stored_answer_with_the_case_it_joined(database, db, session_id):
    engine = FakeEngine()
    f = flow(database, engine)
    opened = ask(f, db, session_id, "What dose should I take?")
    joined = ask(f, db, session_id, "And what dose for my other medicine?", client_id="c-2")
    again = ask(f, db, session_id, "And what dose for my other medicine?", client_id="c-2")
    assert again.replayed and not joined.replayed and len(engine.calls) == 2
    assert again.model_dump(exclude={"replayed", "escalation"}) == joined.model_dump(exclude={"replayed", "escalation"})
    assert opened.escalation is not None and again.escalation is not None
    assert again.escalation.id == joined.escalation.id == opened.escalation.id


def test_engine_failure_escalates_with_fixed_wording_a_trace_and_an_audit_event(database, db, session_id):
    engine = FakeEngine()
    engine.fail_with = RuntimeError
    done = ask(flow(database, engine), db, session_id, "Is my result bad?")
    assert (done.action, done.reason, done.reply) == ("escalate", "system_error", wording.ENGINE_FAILED)
    assert done.escalation is not None and done.escalation.priority == "normal"
    [event] = [e for e in list_events(db) if e.action == "reply.fallback"]
    assert event.target_id == str(done.message_id) and "result" not in str(event.detail)
    bot = db.get(Message, done.message_id)
    assert bot is not None and bot.composer == "fallback"


def test_webhook_notice_only_when_the_queue_changed(database, db, session_id):
    f = flow(database, FakeEngine(), webhook_url=HOOK)
    assert ask(f, db, session_id, "What is CYP2C19?").notice is None
    first = ask(f, db, session_id, "What dose should I take?")
    joined = ask(f, db, session_id, "Another dose question")
    urgent = ask(f, db, session_id, "Now I have chest pain")
    assert first.notice is not None and first.notice.url == HOOK and first.notice.priority == "normal"
    assert joined.notice is None
    assert urgent.notice is not None and urgent.notice.priority == "urgent"
    payload = urgent.notice.payload()
    assert payload["escalation_id"] == urgent.escalation.id and "chest" not in str(payload)
    assert session_id not in str(payload) and payload["created_at"].endswith("Z")
    assert len(list(db.scalars(select(Escalation)))) == 2  # the emergency is a case of its own


def test_no_notice_without_a_webhook(database, db, session_id):
    assert ask(flow(database, FakeEngine()), db, session_id, "What dose should I take?").notice is None
