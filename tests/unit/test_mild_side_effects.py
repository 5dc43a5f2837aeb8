"""A mild side effect since a medicine goes to the prescriber's side of the team, not the emergency banner (stop 34)."""

from __future__ import annotations

import pytest

from bot.safety import wording
from bot.safety.check_in import mild_side_effect
from bot.safety.triage import triage

MILD = ["a bit nauseous in the mornings since starting metformin",
        "tummy upset since the antibiotic, loose stool twice today, otherwise ok",
        "feeling a little dizzy since i started my new blood pressure pill"]


@pytest.mark.parametrize("text", MILD)
def test_a_mild_side_effect_since_a_medicine_goes_to_a_person_with_the_emergency_line_kept(text):
    decision = triage(text)
    assert (decision.action, decision.reason) == ("escalate", "medication_change")
    assert decision.concept_alarm_held  # the reply still names 911, in case it gets worse


@pytest.mark.parametrize("text", ["a bit short of breath since starting the new pill",
                                  "slightly swollen lips since the antibiotic",
                                  "a little rash since starting carbamazepine",
                                  "a bit of blood in my stool since the new blood thinner",
                                  "kinda confused and sleepy since grandma started the new med"])
def test_a_sign_that_can_be_serious_is_never_read_as_mild(text):
    assert not mild_side_effect(text)


def test_a_serious_sign_said_mildly_keeps_the_emergency():
    assert triage("a bit short of breath since starting the new pill").action == "emergency"


def test_the_engine_reply_names_the_prescriber_and_the_emergency_number(engine):
    reply = engine.reply(MILD[0])
    assert reply.action == "escalate" and "prescriber or pharmacist" in reply.text
    assert wording.EMERGENCY_FIRST in reply.text
