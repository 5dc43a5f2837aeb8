"""Turn stored rows into API bodies (shared by the patient and counselor routes)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import structlog
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.api.schemas import EscalationBrief, EscalationOut, MedicineOut, MessageOut, TracedMessage
from bot.core.report import Report
from bot.pgx.cards import Card, summary_cards
from bot.pgx.medicines import medicine_facts, read_medicine_list
from bot.store.counselors import DEFAULT_DISPLAY_NAME
from bot.store.escalations import CaseOrigin
from bot.store.messages import as_citation, citations_for, traces_for
from bot.store.models import Counselor, Escalation, Message, utcnow

log = structlog.get_logger("bot.api.views")


def conversation(db: Session, messages: list[Message], *, with_traces: bool = False) -> list[MessageOut]:
    ids = [m.id for m in messages if m.role == "bot"]
    cites = citations_for(db, ids)
    traces = traces_for(db, ids) if with_traces else {}
    # counselors (the traced view) see each other's login names; patients only a display name
    names = (usernames if with_traces else display_names)(db, {m.counselor_id for m in messages})
    out: list[MessageOut] = []
    for m in messages:
        fields = dict(id=m.id, role=m.role, text=m.text, created_at=m.created_at, action=m.action,
                      reason=m.reason, reply_to=m.reply_to, citations=[as_citation(c) for c in cites.get(m.id, [])],
                      report_facts=m.report_facts or [], escalation_id=m.escalation_id,
                      author=names.get(m.counselor_id) if m.counselor_id else None)
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


def display_names(db: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = db.execute(select(Counselor.id, Counselor.display_name).where(Counselor.id.in_(wanted))).all()
    return {cid: name or DEFAULT_DISPLAY_NAME for cid, name in rows}


def _as_report(report: dict[str, Any] | Report | None) -> Report | None:
    if report is None or isinstance(report, Report):
        return report
    try:
        return Report.model_validate(report)
    except ValidationError:
        # Stored before a change to the Report model: the report itself is still returned as is.
        log.warning("stored_report_unreadable")
        return None


def cards(report: dict[str, Any] | Report | None) -> list[Card]:
    """Summary cards of a stored (normalized) report; none when it no longer reads as a Report."""
    parsed = _as_report(report)
    return summary_cards(parsed) if parsed is not None else []


def medicines(report: dict[str, Any] | Report | None, typed: list[str]) -> list[MedicineOut]:
    """The patient's medicine list, each read as a medicine and set against the report (facts, never advice)."""
    parsed = _as_report(report)
    out = []
    for name in read_medicine_list("\n".join(typed)):
        facts = medicine_facts(parsed, name)
        out.append(MedicineOut(typed=name.typed, name=name.name, brand=name.brand, matched_by=name.matched_by,
                               label=name.label, results=facts.implications, notes=facts.notes,
                               concerns_results=facts.concerns_results))
    return out


def escalation_brief(esc: Escalation, *, answered: bool = False) -> EscalationBrief:
    """The patient's view of an escalation: state and times only (no notes, summary or counselor)."""
    return EscalationBrief(id=esc.id, priority=esc.priority, status=esc.status, created_at=esc.created_at,
                           claimed_at=esc.claimed_at, resolved_at=esc.resolved_at, answered=answered)


# For counselors (not patient-facing): the triage reason codes in words.
REASON_WORDS = {
    "emergency_symptoms": "Possible emergency (symptoms)",
    "self_harm": "Possible self-harm",
    "medication_change": "Wants to start, stop or change a medicine",
    "dosing": "Asks about a dose",
    "diagnosis_or_risk_decision": "Asks for a diagnosis or personal risk",
    "family_testing_decision": "Family testing decision",
    "pregnancy_decision": "Pregnancy or family planning",
    "disagrees_with_report": "Thinks the report is wrong",
    "wants_human": "Wants to talk to a person",
    "check_in": "Distress words about an everyday thing, no danger sign (check in)",
    "someone_elses_report": "Asks about someone else's report (often a relative)",
    "someone_elses_medicine": "Asks about taking a medicine prescribed for someone else",
    "relatives_medicine": "Asks whether their result matters for a relative's own medicine",
    "system_error": "GeneChat could not answer (system error)",
}


def reason_words(reason: str) -> str:
    return REASON_WORDS.get(reason, reason.replace("_", " ").capitalize())


def escalation(esc: Escalation, names: dict[int, str],
               last: dict[str, tuple[int, datetime]] | None = None, origin: CaseOrigin | None = None, *,
               target_seconds: int = 0, replied: bool = False) -> EscalationOut:
    """The counselor's view; ``last`` maps a session id to its newest message (id, time)."""
    newest = (last or {}).get(esc.session_id)
    return EscalationOut(
        reason_text=reason_words(esc.reason), genes=list(esc.genes or []), drugs=list(esc.drugs or []),
        questions=origin.questions if origin else [], trigger=origin.trigger if origin else None,
        report_facts=origin.report_facts if origin else [], reopened_count=esc.reopened_count or 0,
        target_reply_seconds=target_seconds, replied=replied,
        id=esc.id, session_id=esc.session_id, message_id=esc.message_id, priority=esc.priority,
        action=esc.action, reason=esc.reason, summary=esc.summary, status=esc.status,
        claimed_by=names.get(esc.claimed_by) if esc.claimed_by else None, created_at=esc.created_at,
        claimed_at=esc.claimed_at, resolved_at=esc.resolved_at,
        age_seconds=max(0, int((utcnow() - esc.created_at).total_seconds())),
        last_message_id=newest[0] if newest else None, last_message_at=newest[1] if newest else None,
    )
