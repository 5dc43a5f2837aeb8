"""Issue 15, stop 31 (English, corpus 9's dev half): kinds of emergency the rules missed and harmless wording they
alarmed on, tested by concept on wording of each kind (not the corpus's own sentences). Triage here runs the rules
and the check-in tier without the models, so each case shows what the rules alone decide."""

from __future__ import annotations

import pytest

from bot.safety.check_in import without_denials
from bot.safety.triage import triage
from tests.support.rules import emergency_reasons


@pytest.mark.parametrize("text", [
    # blood coughed up, a little or a lot (a clot in the lung, a bleed)
    "my dad coughed up some blood after his coughing fit",
    "coughing up a little bright red blood since this morning",
    # a low blood sugar, read off a meter now, or too much insulin and the signs of a low
    "my cgm is showing 47 and i'm all sweaty",
    "grandma's sugar is 39, she is not making sense",
    "gave myself two doses of lantus tonight by accident and now i'm dizzy and shaking",
    # fever during chemotherapy
    "I'm on FOLFOX and I've got a temperature of 38.6",
    "my wife is on chemo and she is running a fever and shivering",
])
def test_danger_signs_told_in_a_patients_words_are_emergency_symptoms(text):
    assert "emergency_symptoms" in emergency_reasons(text)
    assert triage(text).action == "emergency"


@pytest.mark.parametrize("text", [
    "sometimes I think it'd be easier if i didn't wake up tomorrow",
    "counted out all my sleeping tablets, they're in front of me",
    "i kept getting them out and staring at them all night, the pills my doctor gave me",
])
def test_a_wish_not_to_wake_or_a_means_laid_out_is_self_harm(text):
    assert triage(text).action == "emergency"


@pytest.mark.parametrize("text", [
    "my fasting glucose was 95, is that normal with my SLCO1B1 result",
    "sugar was 45 last night, had some juice and it's 120 now",
    "I take insulin twice a day and sometimes feel shaky before lunch, is that genetic",
    "I had a fever during chemo years ago, does my DPYD result explain it?",
    "what if i didn't wake up on time for my blood test, can I still go",
    "accidentally took two of my vitamin C gummies this morning",
])
def test_past_readings_everyday_routines_and_harmless_extras_are_not_emergencies(text):
    assert triage(text).action != "emergency"


@pytest.mark.parametrize("text", [
    "I'm not suicidal, just so tired of all these appointments",
    "no suicidal thoughts, I'm just fed up with side effects from every statin",
])
def test_self_harm_words_only_in_a_denial_go_to_a_counselor_not_the_emergency_reply(text):
    decision = triage(text)
    assert (decision.action, decision.reason) == ("escalate", "check_in")


@pytest.mark.parametrize("text", [
    "I'm not suicidal but I want to die",
    "not suicidal, but the pills are lined up on my nightstand",
    "I am suicidal",
])
def test_a_denial_beside_another_alarm_or_an_admission_stays_an_emergency(text):
    assert triage(text).action == "emergency"


def test_a_denial_is_blanked_and_nothing_else():
    assert without_denials("not suicidal or anything, just tired") == "_ or anything, just tired"
    assert without_denials("I am suicidal") is None
