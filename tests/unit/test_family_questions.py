"""Family questions (issue 15, round 6, the lead's ruling): how a gene is inherited in general is answered; what a
result means for the patient's own children or relatives goes to a counselor."""

from __future__ import annotations

import pytest

from bot.answering.children_question import (
    asks_about_own_children,
    asks_about_own_relatives,
)
from bot.answering.question_forms import asks_to_share_with_clinician


@pytest.mark.parametrize("text", ["does my brother have it too", "should my sister get tested for this",
                                  "what are the odds my cousin carries the same variant"])
def test_own_relatives_are_asked_about(text):
    assert asks_about_own_relatives(text)


@pytest.mark.parametrize("text", ["how is BRCA2 passed down in families", "if i'm a carrier is one of my parents one too",
                                  "my sister also takes plavix"])
def test_inheritance_in_general_and_the_parents_are_not(text):
    assert not asks_about_own_relatives(text) and not asks_about_own_children(text)


def test_a_child_having_my_variant_is_the_childrens_question():
    assert asks_about_own_children("Does that mean my daughter has my BRCA2 variant?")
    assert not asks_about_own_children("how do I get my kids to do their chores")


def test_telling_a_clinician_about_a_result():
    assert asks_to_share_with_clinician("surgery soon - tell anesthesia about ryr1 yes or no")
    assert asks_to_share_with_clinician("does my surgeon need to know about my RYR1 result")
    assert not asks_to_share_with_clinician("should I stop taking warfarin")


@pytest.mark.parametrize(("text", "action"), [("should I tell my anesthesiologist about my CYP2C19 result", "answer"),
                                              ("can you tell my doctor to change my plavix", "escalate")])
def test_telling_a_clinician_is_answered_but_a_change_through_them_is_not(text, action):
    # round 6: a model's escalation of "should I tell my X about my result" is set aside; a change asked is a decision
    from bot.answering.understand import understand
    from bot.answering.vocabulary import Vocabulary
    from bot.conversation.plans import share_with_clinician
    from bot.safety.triage import TriageDecision
    from tests.unit.test_answer_plans import PANEL

    u = understand(text, vocab=Vocabulary.builtin(), history=[], report=PANEL)
    escalated = TriageDecision("escalate", "medication_change", "model", 0.8, [], None, [])
    assert share_with_clinician(text, escalated, u, PANEL, []).action == action
