"""A Reply carries its own rules, so the store and the API act on it without deciding again."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.core.reply import EscalationRequest, Reply

NORMAL = EscalationRequest(priority="normal", reason="dosing", summary="dosing")
URGENT = EscalationRequest(priority="urgent", reason="self_harm", summary="self harm")


@pytest.mark.parametrize(("action", "escalation"), [
    ("escalate", None), ("emergency", None), ("answer", NORMAL), ("decline", NORMAL), ("emergency", NORMAL)])
def test_a_reply_that_breaks_the_escalation_rules_is_refused(action, escalation):
    with pytest.raises(ValidationError):
        Reply(text="x", action=action, reason="r", escalation=escalation)


@pytest.mark.parametrize(("action", "escalation"), [
    ("escalate", NORMAL), ("escalate", URGENT), ("emergency", URGENT), ("answer", None), ("decline", None)])
def test_a_reply_that_keeps_the_escalation_rules_is_accepted(action, escalation):
    assert Reply(text="x", action=action, reason="r", escalation=escalation).action == action
