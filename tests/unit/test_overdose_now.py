"""Too much of a medicine taken today or just now is an emergency however calmly it is told (bot/safety/overdose.py);
a normal dose, a routine, the past, a story and a question about amounts are not."""

from __future__ import annotations

import pytest

from bot.safety.overdose import too_much_taken_now
from bot.safety.triage import triage


@pytest.mark.parametrize("text", [
    "popped about 15 of my sleeping pills after dinner tonight, feeling chill tbh, does cyp2c19 matter",
    "my dad took his blood pressure pills four times today because he forgot, he says he's ok",
    "finished the whole strip of paracetamol since this morning, only a bit of a tummy ache",
    "i had a handful of my gabapentin like 20 minutes ago, is my CYP result relevant",
    "my 2 year old got into grandma's pill organizer this afternoon, seems totally normal",
])
def test_too_much_taken_today_is_the_emergency_however_calm(text):
    decision = triage(text, domain=True)
    assert (decision.action, decision.reason) == ("emergency", "emergency_symptoms")


@pytest.mark.parametrize("text", [
    "took 2 ibuprofen this morning for a headache, is that ok with my cyp2c9",
    "took my 6 morning pills as usual today, does the order matter",
    "back in 2016 i swallowed 30 of my pills and survived, i'm doing well now, what does CYP2D6 mean",
    "how many tylenol is too many in a day",
    "i take 5 mg of warfarin every day, what does my VKORC1 mean",
])
def test_a_normal_dose_a_routine_the_past_or_a_question_is_not_an_amount_taken_now(text):
    assert not too_much_taken_now(text, medicine_named=True)


def test_a_story_with_an_overdose_in_it_is_a_mention_not_the_emergency():
    decision = triage("in my novel the heroine swallows 40 sleeping pills tonight, what would a CYP2C19 poor "
                      "metabolizer feel", domain=True)
    assert decision.action != "emergency"
