"""Turn stored rows into API bodies (shared by the patient and counselor routes)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.api.schemas import EscalationOut, MessageOut, TracedMessage
from bot.conversation.models import Citation
from bot.store.messages import citations_for, traces_for
from bot.store.models import CitationRow, Counselor, Escalation, Message, utcnow


def citation(c: CitationRow) -> Citation:
    return Citation(doc_id=c.doc_id, title=c.title, genes=c.genes or [], drugs=c.drugs or [],
                    conditions=c.conditions or [], source_urls=c.source_urls or [])


def conversation(db: Session, messages: list[Message], *, with_traces: bool = False) -> list[MessageOut]:
    ids = [m.id for m in messages if m.role == "bot"]
    cites = citations_for(db, ids)
    traces = traces_for(db, ids) if with_traces else {}
    names = usernames(db, {m.counselor_id for m in messages})
    out: list[MessageOut] = []
    for m in messages:
        fields = dict(id=m.id, role=m.role, text=m.text, created_at=m.created_at, action=m.action,
                      reason=m.reason, reply_to=m.reply_to, citations=[citation(c) for c in cites.get(m.id, [])],
                      report_facts=m.report_facts or [], author=names.get(m.counselor_id) if m.counselor_id else None)
        if with_traces:
            t = traces.get(m.id)
            out.append(TracedMessage(**fields, trace=t.steps if t else None,
                                     composer=m.composer, prompt_version=m.prompt_version))
        else:
            out.append(MessageOut(**fields))
    return out


def usernames(db: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(db.execute(select(Counselor.id, Counselor.username).where(Counselor.id.in_(wanted))).all())


def escalation(esc: Escalation, names: dict[int, str]) -> EscalationOut:
    return EscalationOut(
        id=esc.id, session_id=esc.session_id, message_id=esc.message_id, priority=esc.priority,
        action=esc.action, reason=esc.reason, summary=esc.summary, status=esc.status,
        claimed_by=names.get(esc.claimed_by) if esc.claimed_by else None, created_at=esc.created_at,
        claimed_at=esc.claimed_at, resolved_at=esc.resolved_at,
        age_seconds=max(0, int((utcnow() - esc.created_at).total_seconds())),
    )
