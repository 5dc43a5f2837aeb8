"""The conversation: patient messages, bot replies (with citations and decision trace), counselor replies."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from bot.core.reply import Citation, EscalationRequest, Reply, Turn
from bot.store import audit
from bot.store.models import CitationRow, DecisionTrace, Escalation, Message

PRIORITY_RANK = {"urgent": 0, "normal": 1}


def add_user_message(db: Session, session_id: str, text: str, *, client_id: str | None = None) -> Message:
    row = Message(session_id=session_id, role="user", text=text, client_id=client_id)
    db.add(row)
    db.flush()
    return row


def find_by_client_id(db: Session, session_id: str, client_id: str) -> Message | None:
    return db.scalar(select(Message).where(Message.session_id == session_id, Message.client_id == client_id))


def reply_to(db: Session, message_id: int) -> Message | None:
    return db.scalar(select(Message).where(Message.reply_to == message_id, Message.role == "bot"))


def add_bot_reply(db: Session, session_id: str, user_message_id: int,
                  reply: Reply) -> tuple[Message, Escalation | None, bool]:
    """Store the engine's reply, its citations and trace, and queue an escalation when it asks for one.

    Returns (message, escalation, queue_changed); ``queue_changed`` is True when an escalation was created
    or raised to urgent (when counselors should be told).
    """
    row = Message(
        session_id=session_id, role="bot", text=reply.text, action=reply.action, reason=reply.reason,
        reply_to=user_message_id, composer=reply.composer, prompt_version=reply.prompt_version,
        genes=list(reply.genes), drugs=list(reply.drugs),
        report_facts=[f.model_dump(exclude_none=True) for f in reply.report_facts],
    )
    db.add(row)
    db.flush()
    if reply.citations:  # one executemany, not one INSERT per citation
        db.execute(insert(CitationRow), [
            {"message_id": row.id, "position": i, "doc_id": c.doc_id, "title": c.title, "genes": c.genes,
             "drugs": c.drugs, "conditions": c.conditions, "source_urls": c.source_urls}
            for i, c in enumerate(reply.citations)
        ])
    db.add(DecisionTrace(message_id=row.id, steps=[s.model_dump(mode="json") for s in reply.trace],
                         composer=reply.composer, prompt_version=reply.prompt_version))
    escalation, changed = None, False
    if reply.escalation is not None:  # Reply guarantees: exactly for escalate/emergency, urgent for emergency
        escalation, changed = _queue(db, session_id, row, reply, reply.escalation)
        row.escalation_id = escalation.id
    db.flush()
    return row, escalation, changed


def _queue(db: Session, session_id: str, message: Message, reply: Reply,
           req: EscalationRequest) -> tuple[Escalation, bool]:
    """One active case per conversation: a new escalation joins the open one, raising it to urgent if needed."""
    priority = req.priority
    active = db.scalar(
        select(Escalation)
        .where(Escalation.session_id == session_id, Escalation.status.in_(("open", "claimed")))
        .order_by(Escalation.id.desc())
        .limit(1)
    )
    if active is not None:
        if PRIORITY_RANK[priority] >= active.priority_rank:
            return active, False
        active.priority, active.priority_rank, active.action = priority, PRIORITY_RANK[priority], reply.action
        active.reason = req.reason
        active.summary, active.message_id = req.summary, message.id
        audit.record(db, actor_type="system", actor="engine", action="escalation.upgrade", target_type="escalation",
                     target_id=active.id, detail={"session_id": session_id, "priority": priority})
        return active, True
    esc = Escalation(
        session_id=session_id, message_id=message.id, priority=priority, priority_rank=PRIORITY_RANK[priority],
        action=reply.action, reason=(req.reason), summary=req.summary,
        status="open",
    )
    db.add(esc)
    db.flush()
    audit.record(db, actor_type="system", actor="engine", action="escalation.create", target_type="escalation",
                 target_id=esc.id, detail={"session_id": session_id, "priority": priority})
    return esc, True


def add_counselor_message(db: Session, session_id: str, text: str, *, counselor_id: int) -> Message:
    row = Message(session_id=session_id, role="counselor", text=text, counselor_id=counselor_id)
    db.add(row)
    db.flush()
    return row


def session_escalations(db: Session, session_id: str) -> list[Escalation]:
    """The session's escalations, oldest first (what the patient may see of them is chosen by the API)."""
    return list(db.scalars(
        select(Escalation)
        .where(Escalation.session_id == session_id, Escalation.status.in_(("open", "claimed", "resolved")))
        .order_by(Escalation.id)
    ))


def list_messages(db: Session, session_id: str) -> list[Message]:
    return list(db.scalars(select(Message).where(Message.session_id == session_id).order_by(Message.id)))


def last_messages(db: Session, session_ids: set[str]) -> dict[str, tuple[int, datetime]]:
    """Each session's newest message as (id, time): lets the console notice new messages cheaply."""
    if not session_ids:
        return {}
    newest = (select(func.max(Message.id).label("id")).where(Message.session_id.in_(session_ids))
              .group_by(Message.session_id).subquery())
    rows = db.execute(select(Message.session_id, Message.id, Message.created_at).join(newest, Message.id == newest.c.id))
    return {sid: (mid, at) for sid, mid, at in rows}


def as_citation(row: CitationRow) -> Citation:
    return Citation(doc_id=row.doc_id, title=row.title, genes=row.genes or [], drugs=row.drugs or [],
                    conditions=row.conditions or [], source_urls=row.source_urls or [])


def citations_for(db: Session, message_ids: list[int]) -> dict[int, list[CitationRow]]:
    out: dict[int, list[CitationRow]] = defaultdict(list)
    if message_ids:
        rows = db.scalars(
            select(CitationRow).where(CitationRow.message_id.in_(message_ids)).order_by(CitationRow.position)
        )
        for c in rows:
            out[c.message_id].append(c)
    return out


def traces_for(db: Session, message_ids: list[int]) -> dict[int, DecisionTrace]:
    if not message_ids:
        return {}
    rows = db.scalars(select(DecisionTrace).where(DecisionTrace.message_id.in_(message_ids)))
    return {t.message_id: t for t in rows}


def history(db: Session, session_id: str, *, before: int | None = None, limit: int = 20) -> list[Turn]:
    """The last ``limit`` turns (before message ``before``), oldest first, for follow-up questions."""
    # only the columns a turn needs: loading whole ORM rows cost more than the query on every message
    query = select(Message.role, Message.text, Message.action, Message.genes, Message.drugs).where(
        Message.session_id == session_id)
    if before is not None:
        query = query.where(Message.id < before)
    rows = db.execute(query.order_by(Message.id.desc()).limit(limit)).all()
    return [Turn(role=role, text=text, action=action, genes=genes or [], drugs=drugs or [])
            for role, text, action, genes, drugs in reversed(rows)]
