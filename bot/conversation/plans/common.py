"""What every plan shares: the notes of a decision a plan has made, and the answer that replaces triage's verdict."""

from __future__ import annotations

from bot.core.reply import TraceStep
from bot.safety.triage import (
    UNSURE_NOTE,
    TriageDecision,
)

# A model-only alarm below this, on a worried question about the patient's own result with nothing happening now,
# gives way to the worry plan. In the evals (2026-12-03) the worried questions it raised alarms on scored 0.40 to
# 0.58; true emergencies caught by the model alone went as low as 0.34, but none of them was a worried question
# about a result (they name a symptom, a dose taken, or self-harm), so the plan does not see them.
WORRY_ALARM_MAX = 0.60


def sure_notes(decision: TriageDecision, *notes: str) -> list[str]:
    """The decision's notes without "uncertain" (a plan has decided), plus the plan's own reason."""
    return [note for note in decision.notes if note != UNSURE_NOTE] + list(notes)


def hints_only(decision: TriageDecision) -> bool:
    """No rule fired but answer hints, and no other language's rule: nothing a plan may not set aside."""
    return all(name.startswith("answer#") for name in decision.rules) and not decision.language


def answered(decision: TriageDecision, trace: list[TraceStep], outcome: str, why: str,
             genes: list[str] | None = None) -> TriageDecision:
    """The plan's answer in place of triage's verdict, with the trace step that says which plan and what it replaced
    (and, when the plan chose them, the genes the answer is about)."""
    detail = {"genes": genes} if genes is not None else {}
    trace.append(TraceStep(step="plan", outcome=outcome, detail={**detail, "triage": f"{decision.action}:{decision.reason}"}))
    return TriageDecision("answer", "answer", "plan", 1.0, decision.rules, decision.model, sure_notes(decision, why))
