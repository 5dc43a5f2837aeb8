"""The last step of every reply the engine decides: a checked draft becomes a ``Reply``."""

from __future__ import annotations

from bot.answering.understand import Understanding
from bot.conversation import replies
from bot.core.draft import Draft
from bot.core.passage import Passage
from bot.core.reply import Reply, TraceStep
from bot.core.report import Report
from bot.safety import wording


def finish(draft: Draft, action: str, reason: str, u: Understanding, report: Report | None,
           trace: list[TraceStep], passages: list[Passage]) -> Reply:
    """The ``Reply`` every branch of the engine ends with: the emergency line when a plan asked for it, the
    source map in the trace, and an escalation request exactly when the action escalates."""
    if u.emergency_line and action != "emergency":
        draft.add(wording.EMERGENCY_MEDICAL_FIRST if u.medical_line_only else wording.EMERGENCY_FIRST,
                  "fixed:emergency_line", 9)
    if not any(t.step == "compose" for t in trace):  # fixed-wording replies get their source map too
        trace.append(TraceStep(step="compose", outcome="fixed", detail={"sources": draft.source_map()}))
    escalation = None
    if action in ("escalate", "emergency"):
        escalation = replies.escalation_request(action, reason, u.genes, u.drugs)
    return Reply(
        text=draft.text, action=action, reason=reason, citations=replies.citations_for(draft, passages),
        report_facts=draft.facts, escalation=escalation, trace=trace, composer=draft.composer,
        prompt_version=draft.prompt_version, genes=u.genes, drugs=u.drugs,
    )
