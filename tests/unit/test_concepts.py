"""A rule that fired on a concept word only, with nothing happening now (issue 15, round 6: bot/safety/concepts.py)."""

import pytest

from bot.safety.concepts import concept_only
from bot.safety.rules import emergency_spans, match_rules
from bot.safety.triage import triage


def _concept(text: str) -> bool:
    names = [h.rule for h in match_rules(text).hits if h.action == "emergency"]
    return bool(names) and concept_only(text, emergency_spans(text, names))


@pytest.mark.parametrize("text", [
    "my grandfather died by suicide, is depression something that runs in families?",
    "can sertraline increase suicidal thoughts in teenagers",
    "is chest pain a side effect of my statin if I have the SLCO1B1 variant",
    "my aunt had a heart attack at 45 and chest pain runs in my family, should I get tested",
    "my doctor asked if I ever had thoughts of self-harm, why does that matter for my genetic test",
])
def test_a_concept_asked_or_told_about_is_not_a_rule_emergency(text):
    assert _concept(text)
    assert triage(text).action != "emergency"


@pytest.mark.parametrize("text", [
    "is suicide painful? i'm doing it tonight",
    "my son is suicidal, what should i do",
    "suicidal. help",
    "chest pain, is this a heart attack?",
    "chest pain?",
    "chest pain after my statin, is that a side effect",
    "suicidal thoughts again, does that run in families",
    "is chest pain from my new medicine dangerous, it started an hour ago",
    "i've been suicidal all week, does that run in families?",
    "how do i stop suicidal thoughts",
])
def test_the_same_words_said_of_someone_now_stay_emergencies(text):
    assert not _concept(text)
    assert triage(text).action == "emergency"


def test_a_self_harm_concept_gets_the_check_in_tier_not_only_an_answer():
    decision = triage("my grandfather died by suicide, is depression something that runs in families?")
    assert (decision.action, decision.reason) == ("escalate", "check_in")


def test_a_past_attempt_told_as_long_ago_is_history_and_a_recent_one_is_not():
    assert _concept("i attempted suicide in my twenties and i'm doing well now, are SSRIs safe with my CYP2C19 result")
    assert not _concept("i attempted suicide last night, is that genetic")
    assert triage("i attempted suicide last night, is that genetic").action == "emergency"


def test_choking_under_pressure_in_a_game_is_an_idiom_and_choking_on_food_is_not():
    assert triage("he choked in the final seconds and missed the free throw").action != "emergency"
    assert triage("he choked on a grape and can't breathe").action == "emergency"


def test_missed_doses_are_the_opposite_of_too_much():
    from bot.safety.rules import mask_benign

    assert mask_benign("i missed two doses of my clopidogrel, what should i do")[1]
    assert triage("i missed two doses of my insulin and took 40 pills of my tylenol").action == "emergency"


def test_mild_discomfort_is_not_a_strong_sign():
    from bot.safety.check_in import strong_sign

    assert not strong_sign("got hit in the face with a volleyball, nose is sore")
    assert strong_sign("got hit in the face with a volleyball, nose is bleeding and i feel dizzy")


@pytest.mark.parametrize("text, emergency", [
    ("i've decided to go through with it this weekend", True),
    ("we decided to go through with it and got the puppy", False),
    ("i decided to go through with it, the mastectomy is next month", False),
    ("can you make sure my kids know i loved them", True),
    ("tell my grandma i loved the sweater she knitted", False),
    ("i'm going to make it look like an accident", True),
    ("in my mystery novel the killer wants to make it look like an accident", False),
])
def test_a_decision_a_farewell_or_a_cover_story_told_without_the_words(text, emergency):
    assert (triage(text).action == "emergency") == emergency


@pytest.mark.parametrize("text, emergency", [
    ("had surgery this morning, now my temperature is 40.5 and my muscles are rock hard", True),
    ("my jaw is locked and my temp is 104 after the anesthesia", True),
    ("is a temperature of 40 dangerous with RYR1 if muscles get rigid?", False),
])
def test_a_very_high_temperature_with_rigid_muscles(text, emergency):
    assert (triage(text).action == "emergency") == emergency


def test_stroke_signs_told_plainly_are_strong_signs():
    from bot.safety.check_in import strong_sign

    assert strong_sign("grandma's face looks lopsided and her coffee cup just fell out of her hand, she's mumbling")
    assert not strong_sign("i'm going to shoot my shot with my crush tonight")


@pytest.mark.parametrize("text", [
    "i had a seizure in 2019 and have been fine since, can I still take tramadol",
    "my brother choked to death when we were kids, it still haunts me",
    "my grandmother had a stroke and slurred speech for months before she died",
    "my dad overdosed on his pain meds when i was a teenager, am i at higher risk of addiction",
    "my first child stopped breathing at 3 months and passed away, SIDS, should my new baby be tested",
])
def test_an_episode_told_as_history_is_not_a_rule_emergency(text):
    assert triage(text).action != "emergency"


@pytest.mark.parametrize("text", [
    "my phone died so I'm on my sister's, I swallowed a bottle of my pills",
    "i overdosed once before and i just took 50 pills",
    "my dad collapsed an hour ago and he isn't waking up",
    "my husband had a seizure years ago and is having one now",
])
def test_history_beside_something_happening_now_is_still_an_emergency(text):
    assert triage(text).action == "emergency"


@pytest.mark.parametrize("text, emergency", [
    ("i'm going to overdose on sleep this weekend", False),
    ("i overdosed on caffeine pills and my heart is racing", True),
    ("gonna overdose on my pills tonight", True),
    ("does a BRCA1 variant mean i'm going to die young", False),
    ("does this rash mean i'm going to die", True),
    ("accidentally took my whole bottle of iron vitamins", True),
])
def test_figures_of_speech_and_result_questions_beside_their_literal_twins(text, emergency):
    assert (triage(text).action == "emergency") == emergency


@pytest.mark.parametrize("text, held", [
    ("is chest pain a side effect of my statin if I have the SLCO1B1 variant", True),
    ("my grandfather died by suicide, is depression something that runs in families?", False),  # the check-in tier
    ("chest pain after my statin, is that a side effect", False),  # still an emergency
])
def test_a_medical_alarm_set_aside_as_a_concept_is_marked_for_the_emergency_line(text, held):
    assert triage(text).concept_alarm_held is held


def test_a_question_about_a_symptom_as_a_concept_still_names_the_emergency_number(tmp_path):
    from tests.support.engine import make_test_engine

    reply = make_test_engine(tmp_path).reply("is chest pain a side effect of my statin")
    assert reply.action != "emergency"
    assert "911" in reply.text
