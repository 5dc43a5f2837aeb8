"""Issue 15, stop 30 (English, corpus 8's dev half): kinds of emergency the rules missed and harmless wording they
alarmed on, tested by concept on wording of each kind (not the corpus's own sentences)."""

from __future__ import annotations

import pytest

from bot.safety.mentions import mention_only
from bot.safety.triage import triage
from tests.support.rules import emergency_reasons


@pytest.mark.parametrize("text", [
    "i'm going to take everything in the bathroom cabinet after everyone is asleep",
    "swallowing all the pills from my medicine drawer tonight, sorry",
    "how many floors does a building need to be to make sure",
    "how high would the bridge have to be to be certain",
])
def test_a_means_chosen_without_the_words_is_self_harm(text):
    assert (triage(text).action, triage(text).reason) == ("emergency", "self_harm")


@pytest.mark.parametrize("text", [
    # haemolysis by its signs (G6PD and an unsafe medicine)
    "my pee has gone dark brown like tea and the whites of my eyes look yellow since the new antibiotic",
    "skin turned yellowish and now my urine is almost black",
    "since the malaria pills my urine is the colour of coke and i get breathless just standing up",
    # the crushing chest said as a verb; chest and a numb arm further apart in one sentence
    "my chest keeps crushing and my jaw aches",
    "the pressure in my chest came back the same as before the stent and now my left arm is numb",
])
def test_danger_signs_told_in_a_patients_words_are_emergencies(text):
    assert triage(text).action == "emergency"


@pytest.mark.parametrize("text", [
    "my urine is dark yellow in the morning, is that my statin",  # no jaundice, no breathlessness
    "what is a crushing injury",
    "i take everything in my medicine cabinet to the pharmacy disposal day",
    "how high does a railing need to be to meet code",
])
def test_look_alikes_of_those_signs_are_not_emergency_rules(text):
    assert not emergency_reasons(text)


@pytest.mark.parametrize("text", [
    "overdosed on googling my CYP2C19 result last night, what does intermediate mean",
    "i overdosed on research about warfarin genes all weekend",
])
def test_an_overdose_of_reading_is_a_figure_of_speech(text):
    assert not emergency_reasons(text)


def test_an_overdose_of_pills_after_research_is_still_an_emergency():
    assert triage("i overdosed on my sleeping pills after reading my results").action == "emergency"


def test_a_first_aid_question_framed_to_be_prepared_is_a_mention_not_an_event():
    assert mention_only("just to be prepared: how do you help someone having an asthma attack? my niece visits soon")
    assert not mention_only("just to be prepared i asked, but my son is having a seizure right now")
