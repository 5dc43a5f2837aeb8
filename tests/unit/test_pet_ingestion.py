"""A pet that swallowed a medicine gets the vet and animal poison control, not a plain refusal or the 911 banner."""

from __future__ import annotations

import pytest

from bot.conversation.replies import decline_draft
from bot.safety import wording
from bot.safety.triage import PET, triage


@pytest.mark.parametrize("text", [
    "my dog ate my pills",
    "the cat swallowed one of my clopidogrel tablets",
    "my puppy chewed open my bottle of tramadol",
    "my dog just ate some of my warfarin, what do i do",
])
def test_a_pet_that_swallowed_a_medicine_gets_the_vet_and_animal_poison_control(text):
    decision = triage(text, domain="clopidogrel" in text or "tramadol" in text or "warfarin" in text)
    assert (decision.action, decision.refusal) == ("decline", PET)
    assert "888-426-4435" in decline_draft(decision.reason, decision.refusal).text


@pytest.mark.parametrize("text", ["my dog and my toddler both got into my pills, she swallowed some",
                                  "my cat ate my pills and now i want to kill myself too"])
def test_a_person_who_may_have_swallowed_it_keeps_the_emergency(text):
    assert triage(text).action == "emergency"


@pytest.mark.parametrize("text", ["my dog ate a sock, should I call the vet", "can my dog take my codeine",
                                  "my dog died last year and i still miss him"])
def test_other_pet_messages_are_not_read_as_a_swallowed_medicine(text):
    assert triage(text).refusal != PET


def test_the_pet_reply_names_911_for_a_person_too():
    assert "911" in wording.DECLINE_PET_INGESTION
