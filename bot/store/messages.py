"""The conversation: patient messages, bot replies (with citations and decision trace), counselor replies."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from bot.core.reply import Citation, EscalationRequest, Reply, Turn
from bot.store import audit
from bot.store.concerns import CaseEvent, place
from bot.store.models import CitationRow, DecisionTrace, Escalation, Message, utcnow

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
                  reply: Reply) -> tuple[Message, Escalation | None, CaseEvent | None]:
    """Store the engine's reply, its citations and trace, and file an escalation when it asks for one.

    Returns (message, escalation, event): ``event`` says whether the reply opened a new case, joined an active
    one or re-opened a recently resolved one (bot/store/concerns.py decides which); None without escalation.
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
    escalation, event = None, None
    if reply.escalation is not None:  # Reply guarantees: exactly for escalate/emergency, urgent for emergency
        escalation, event = _queue(db, session_id, row, reply, reply.escalation)
        row.escalation_id = escalation.id
    db.flush()
    return row, escalation, event


def _merge(known: list[Any] | None, new: list[str]) -> list[str]:
    out = list(known or [])
    out += [t for t in new if t.lower() not in {k.lower() for k in out}]
    return out


def _queue(db: Session, session_id: str, message: Message, reply: Reply,
           req: EscalationRequest) -> tuple[Escalation, CaseEvent]:
    """One case per concern: open a new case, join the one this follow-up belongs to, or re-open it."""
    now = utcnow()
    placed = place(session_escalations(db, session_id), priority=req.priority, reason=req.reason,
                   genes=reply.genes, drugs=reply.drugs, now=now)
    esc = placed.case
    if esc is None:
        esc = Escalation(
            session_id=session_id, message_id=message.id, priority=req.priority,
            priority_rank=PRIORITY_RANK[req.priority], action=reply.action, reason=req.reason, summary=req.summary,
            status="open", genes=list(reply.genes), drugs=list(reply.drugs), last_activity_at=now,
        )
        db.add(esc)
        db.flush()
        action = "escalation.create"
    else:
        esc.genes, esc.drugs = _merge(esc.genes, list(reply.genes)), _merge(esc.drugs, list(reply.drugs))
        esc.last_activity_at = now
        action = "escalation.join"
        if placed.event == "reopened":
            # Back to the counselor who resolved it (still claimed by them), at the same place in the queue.
            esc.status = "claimed" if esc.claimed_by is not None else "open"
            esc.resolved_at = None
            esc.reopened_count = (esc.reopened_count or 0) + 1
            action = "escalation.reopen"
    audit.record(db, actor_type="system", actor="engine", action=action, target_type="escalation",
                 target_id=esc.id, detail={"session_id": session_id, "priority": esc.priority})
    return esc, placed.event


def add_counselor_message(db: Session, session_id: str, text: str, *, counselor_id: int,
                          escalation_id: int | None = None) -> Message:
    """A counselor's reply in the patient's conversation, linked to the case it answers."""
    row = Message(session_id=session_id, role="counselor", text=text, counselor_id=counselor_id,
                  escalation_id=escalation_id)
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
