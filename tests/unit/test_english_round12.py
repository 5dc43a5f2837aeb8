"""Stop 36, from the dev halves' English false alarms: an episode told with an age in the past is history, and someone
said to be well now after time has passed plays a model-only alarm down; anything happening now stays an emergency."""

from __future__ import annotations

import pytest

from bot.safety.check_in import played_down
from bot.safety.mentions import long_ago


@pytest.mark.parametrize("text", ["i passed out from a drug reaction when i was 15", "when he was 4 he stopped breathing"])
def test_an_age_in_the_past_is_long_ago(text):
    assert long_ago(text)


@pytest.mark.parametrize("text", ["when i was 5 minutes into my run i collapsed", "i collapsed an hour ago"])
def test_a_time_of_minutes_is_not_long_ago(text):
    assert not long_ago(text)


@pytest.mark.parametrize("text", [
    "she had a febrile seizure at 1, she's 8 now and completely healthy",
    "i was in intensive care as a baby, i'm 30 and perfectly fine, what does my RYR1 mean",
])
def test_someone_well_now_after_time_has_passed_plays_it_down(text):
    assert played_down(text)


def test_feeling_fine_without_a_subject_after_a_medicine_is_not_played_down():
    # (after an overdose, feeling fine is no reassurance)
    assert not played_down("took a whole strip of my sleeping pills, feel totally fine")


def test_a_past_attempt_told_with_an_age_and_the_job_to_be_finished_is_the_emergency():
    from bot.safety.triage import triage

    decision = triage("at 22 i took a bottle of pills and woke up in icu. i'm 30 now and tonight i finish the job")
    assert decision.action == "emergency"


@pytest.mark.parametrize("text", [
    "she had a seizure with a fever at 2, hasn't had another one since",
    "he had a bad reaction to anesthesia in 2010 but made a full recovery",
    "my son swallowed a coin last year, he was back to his usual self the next day",
])
def test_a_scare_over_and_the_person_well_said_other_ways_plays_it_down(text):
    assert played_down(text)
