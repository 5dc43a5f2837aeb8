"""Danger signs told across two messages: "I'm on atorvastatin, my legs ache" and then "like really bad, and my pee
is dark brown" (stop 48, thirteenth pass G1: the second message alone had the check-in tier, the signs together are
muscle breakdown). Only the English emergency rules decide, on the two messages read as one, and only when neither
message alone set them off and the new one names a body sign.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.reply import Turn
from bot.safety.asks import mentions_body_signs
from bot.safety.triage import TriageDecision, triage

ACROSS_TURNS_NOTE = "danger signs told across this message and the one before"


def _rule_emergency(text: str) -> TriageDecision | None:
    """The rules' verdict alone (no model): an emergency from a rule, or None."""
    decision = triage(text)
    return decision if decision.action == "emergency" and decision.source == "rule" else None


def signs_across_turns(text: str, history: Sequence[Turn]) -> TriageDecision | None:
    """The emergency the last user message and this one make together, or None.

    >>> from bot.core.reply import Turn
    >>> before = [Turn(role="user", text="I take crestor and my legs ache"), Turn(role="bot", text="...", action="answer")]
    >>> signs_across_turns("like really bad, and my pee is dark brown", before).reason
    'emergency_symptoms'
    >>> signs_across_turns("thanks, that helps", before) is None
    True
    """
    if not mentions_body_signs(text):
        return None
    last_user = next((t for t in reversed(history) if t.role == "user"), None)
    if last_user is None:
        return None
    if _rule_emergency(last_user.text) is not None or _rule_emergency(text) is not None:
        return None  # (an emergency a rule found in one message has had its reply, or is having it)
    together = _rule_emergency(f"{last_user.text.rstrip()}\n{text}")
    if together is None:
        return None
    together.notes = [*together.notes, ACROSS_TURNS_NOTE]
    return together
