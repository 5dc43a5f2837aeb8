"""What the English rules alone say about a message, for the rounds' tests."""

from __future__ import annotations

from bot.safety.rules import match_rules


def emergency_reasons(text: str) -> set[str]:
    """The reasons of the emergency rules that match (self_harm, emergency_symptoms)."""
    return {h.reason for h in match_rules(text).hits if h.action == "emergency"}
