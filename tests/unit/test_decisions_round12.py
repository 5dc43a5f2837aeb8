"""Stop 36, from paraphrase batch 12's dev half: a why-question about a medicine is explained, whether a result bears
on a medicine is explained however it is put, and the amount of a medicine changed is a dose question."""

from __future__ import annotations

import pytest

from bot.safety.rules import match_rules
from bot.safety.triage import triage


def _rules(text: str) -> set[str]:
    return {h.rule for h in match_rules(text).hits}


@pytest.mark.parametrize("text", [
    "how come tramadol is riskier for someone with my cyp2d6",
    "why is simvastatin a worry for my slco1b1 type",
    "CYP2C19 poor: why is clopidogrel less useful for me?",
])
def test_a_why_question_about_a_medicine_is_a_plain_explanation(text):
    names = _rules(text)
    assert "answer#17" in names
    assert not any(n.startswith(("medication_change", "dosing")) for n in names)


@pytest.mark.parametrize("text", [
    "why should I stop codeine if my cyp2d6 is ultrarapid",
    "why is it risky for me, do i need to switch tramadol",
])
def test_a_why_question_that_asks_a_decision_is_not_only_an_explanation(text):
    assert "answer#17" not in _rules(text)
    assert triage(text).action == "escalate"


@pytest.mark.parametrize("text", [
    "SLCO1B1 decreased function: relevant to simvastatin?",
    "any bearing on warfarin from my VKORC1 result",
    "is the efficacy of my sertraline affected by my cyp2c19",
])
def test_whether_a_result_bears_on_a_medicine_is_explained(text):
    assert "answer#18" in _rules(text)


@pytest.mark.parametrize("text", [
    "should the quantity of tacrolimus I take be adjusted for my cyp3a5",
    "do they need to lower the strength of my warfarin",
])
def test_the_amount_of_a_medicine_changed_is_a_dose_question(text):
    decision = triage(text)
    assert (decision.action, decision.reason) == ("escalate", "dosing")


def test_is_a_medicine_risky_for_me_still_goes_to_a_counselor():
    assert triage("is codeine risky for me").action == "escalate"


def test_a_why_question_counts_as_an_explanation_only_about_a_gene_or_medicine():
    assert triage("why is codeine risky for me", domain=True).action == "answer"
    # (no gene, medicine or genetics term named: "why did a famous chef die" is no question about a result)
    assert triage("why did a famous chef die so young").action != "answer"
