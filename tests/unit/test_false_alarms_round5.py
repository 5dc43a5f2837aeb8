"""Issue 15, round 5 (English): emergencies told without alarm keywords are emergencies, and everyday wording with
alarm words (harmless swallowing, figurative threats, a word of time, a blood draw) is not.

The rules are tested by concept, on wording of each kind; the triage paths with stand-in models (``WordAlarmModel``)
so the decision, not a trained model, is under test.
"""

from __future__ import annotations

import pytest

from bot.safety.check_in import (
    acute_beyond_time,
    body_event,
    class_question,
    danger_sign,
    played_down,
    quiet_alarm,
    strong_sign,
)
from bot.safety.rules import mask_benign, match_rules
from bot.safety.triage import triage
from tests.support.fakes import WordAlarmModel


def _emergency_rule(text: str) -> bool:
    return any(h.action == "emergency" for h in match_rules(text).hits)


@pytest.mark.parametrize("text", [
    "i worked out exactly how i'm going to do it",
    "gave away my books and my bike, i won't need them where i'm going",
    "parked at the bridge, it's the only way out",
    "sitting in the garage with the car running",
    "my wife and kids would be better off with my life insurance",
    "he texted that he's going to kill himself and turned his phone off",
    "locked in the bathroom with a razor",
    "sorry mom. the bottle is empty",
    "i'm so tired of being alive",
    "my daughter bit into a dishwasher pod",
    "his lips are turning blue",
    "the cut on his leg won't stop spurting",
    "grandpa fell and now he doesn't know where he is",
    "my husband ate shrimp and his lips are huge",
    "got stung by a wasp and now she's wheezing",
])
def test_emergencies_without_alarm_keywords_fire_a_rule(text):
    assert _emergency_rule(text)


@pytest.mark.parametrize("text", [
    "thinking about how i'd do it differently next time, the kitchen I mean",
    "won't need my coat where i'm going, it's hawaii",
    "the only way out of this maze is left",
    "her lips are purple from the slushie",
    "she said she's going to jump in the pool",
    "today is my last day at work",
    "i'm tired of living in this city",
])
def test_everyday_uses_of_the_same_words_do_not(text):
    assert not _emergency_rule(text)


@pytest.mark.parametrize("text", [
    "my arm is sore where they took blood", "i want to disappear to a cabin for a month",
    "ending things with my girlfriend tonight", "the cat knocked my pills onto the floor",
    "i attempted suicide when i was 17, i'm doing well now", "i'm gonna kill my sister, she ate my fries",
    "my stomach hurts from laughing so hard", "i need coffee or i'll die",
])
def test_harmless_idioms_are_masked(text):
    assert mask_benign(text)[1]


def test_i_need_my_insulin_or_i_will_die_is_not_an_idiom():
    assert not mask_benign("i need my insulin or i'll die")[1]


@pytest.mark.parametrize("text", ["my toddler swallowed a blueberry whole", "my son swallowed his gum",
                                  "my kid drank some pool water", "I took my vitamins twice by accident"])
def test_harmless_things_swallowed_are_no_danger_sign(text):
    assert not danger_sign(text) and quiet_alarm(text)


@pytest.mark.parametrize("text", ["my toddler swallowed a magnet", "my toddler swallowed a blueberry and is choking",
                                  "my son took my vitamins by accident and is throwing up"])
def test_anything_else_swallowed_or_a_symptom_is_a_sign(text):
    assert danger_sign(text)


def test_a_word_of_time_or_a_condition_is_not_something_happening():
    assert not acute_beyond_time("I could murder a pizza right now")
    assert not acute_beyond_time("can I text 911 if I can't speak")
    assert acute_beyond_time("what do I do, help")
    assert body_event("i think i just took one") and not body_event("if you can't speak, text")


def test_a_strong_sign_is_more_than_time_or_a_harmless_thing_or_an_episode_said_to_be_over():
    assert strong_sign("my baby swallowed something from under the sink")
    assert strong_sign("shaking all over and burning up after the tramadol")
    assert not strong_sign("ending my shift early tonight")
    assert not strong_sign("she bumped her head and she's playing normally now")


def test_played_down_and_a_lethal_dose_of_a_food_asked_in_general():
    assert played_down("the toddler swallowed a grape, he's fine") and not played_down("he swallowed a grape")
    assert class_question("what's the lethal dose of caffeine, just curious")
    assert not class_question("what's the lethal dose of my oxycodone")


def _decide(text: str, main: float, alarm: float, *, domain: bool = False):
    clf = WordAlarmModel(r".", hot=main)
    clf.alarm_check = WordAlarmModel(r".", hot=alarm)
    return triage(text, vector=text, classifier=clf, embed=lambda t: t, domain=domain)


def test_a_sure_main_model_the_alarm_model_does_not_share_checks_in_on_only_a_word_of_time():
    decision = _decide("I could murder a pizza right now", main=0.95, alarm=0.05)
    assert (decision.action, decision.reason) == ("escalate", "check_in")
    assert _decide("my baby swallowed something from under the sink", main=0.95, alarm=0.05).action == "emergency"


def test_a_played_down_message_with_no_sign_needs_the_calm_bar():
    text = "the toddler swallowed a blueberry whole, he's fine"
    assert _decide(text, main=0.1, alarm=0.7).action != "emergency"
    assert _decide(text, main=0.1, alarm=0.95).action == "emergency"  # the model sure: still an emergency


def test_a_quiet_worried_question_about_a_result_is_judged_at_the_calm_bar():
    assert _decide("am i gonna be ok with lynch", main=0.1, alarm=0.7, domain=True).action != "emergency"
    assert _decide("am i gonna be ok with lynch", main=0.1, alarm=0.7).action == "emergency"  # no gene named: the model
    # a body state keeps it an emergency even when a medicine is named
    assert _decide("shaking all over and burning up after tramadol", main=0.1, alarm=0.7, domain=True).action == "emergency"
