"""The reply about the patient's own medicine list ("are my medicines OK with my genes?")."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answering.medicines import medicines_draft
from bot.answering.understand import Understanding
from bot.conversation import replies
from bot.conversation.finish import finish
from bot.core.reply import Reply, TraceStep
from bot.core.report import Report
from bot.pgx.medicines import medicines_overview, read_medicine_list
from bot.safety import wording
from bot.safety.guard import check_output
from bot.safety.triage import TriageDecision


def my_medicines(decision: TriageDecision, u: Understanding, report: Report | None, medicines: Sequence[str],
                 trace: list[TraceStep], *, judged: bool) -> Reply:
    """Per-medicine facts for the patient's own list; a question that asks whether they are right for
    them is a clinical decision and also goes to a counselor."""
    listed = medicines_overview(report, read_medicine_list("\n".join(medicines)))
    body = medicines_draft(listed, report)
    u.drugs = list(dict.fromkeys([*u.drugs, *(f.medicine.name for f in listed if f.medicine.name)]))
    u.genes = list(dict.fromkeys([*u.genes, *(f.gene for f in body.facts)]))
    judged = judged or decision.action == "escalate"
    trace.append(TraceStep(step="medicines", outcome="judgement" if judged else "facts", detail={
        "listed": len(listed), "linked": sum(f.concerns_results for f in listed),
        "actionable": sum(f.actionable for f in listed), "triage": f"{decision.action}:{decision.reason}",
    }))
    body = check_output(body, report=report).draft
    if not judged:
        trace.append(TraceStep(step="compose", outcome="medicines", detail={"sources": body.source_map()}))
        return finish(body, "answer", "explained_result" if listed else "general_education", u, report, trace, [])
    reason = decision.reason if decision.action == "escalate" else "medication_change"
    draft = replies.escalate_draft(reason, body, intro=wording.MEDICINES_INTRO)
    trace.append(TraceStep(step="compose", outcome="escalation", detail={"sources": draft.source_map()}))
    return finish(draft, "escalate", reason, u, report, trace, [])
