"""Same meaning, same action, round 5 (issue 15): what a result means for the patient's own children goes to a
counselor however it is worded; a medicine the knowledge base does not hold is still a medicine whose link to a result
is explained; a problem between a medicine and the genes is that link, not a judgement of the medicine.
"""

from __future__ import annotations

import pytest

from bot.answering.children_question import asks_about_own_children
from bot.answering.medicine_question import asks_medicine_decision
from bot.answering.topic import borrows_words, has_topic_words, without_borrowed
from bot.answering.understand import Vocabulary, understand
from bot.conversation import plans
from bot.conversation.subject import _only_borrows, _rules_only_on_lookalikes
from bot.core.reply import Turn
from bot.core.report import PgxResult, Report
from bot.safety.triage import TriageDecision

VOCAB = Vocabulary.builtin()
CYP2C19_PM = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C19", diplotype="*2/*2", phenotype="Poor Metabolizer")])


@pytest.mark.parametrize("text", [
    "does that affect my future kids", "could my unborn baby have this", "what does this mean for my grandkids",
    "are my kids poor metabolizers as well", "does it go to my children", "is there a chance my daughter has it",
    "n my kids??", "What about my son and daughter?",
])
def test_what_a_result_means_for_ones_own_children_is_asked(text):
    assert asks_about_own_children(text)


@pytest.mark.parametrize("text", [
    "can brca2 be passed to children",  # how genes pass on, in general
    "if i'm a carrier is one of my parents one too",  # the parents: how the patient came to have it
    "how do I get my kids to do their chores", "my kid's school report says needs improvement, what does that mean",
    "can my kids see my results", "my kids",
])
def test_children_named_for_anything_else_are_not_that_question(text):
    assert not asks_about_own_children(text)


@pytest.mark.parametrize("text", ["does that affect my future kids", "what about my future kids"])
def test_an_answer_about_ones_own_children_escalates_to_a_counselor(text):
    history = [Turn(role="user", text="what does my CYP2C19 result mean"), Turn(role="bot", text="...", action="answer")]
    hinted = TriageDecision("answer", "answer", "rule", 1.0, ["answer#0"])
    decided = plans.own_children(text, hinted, understand(text, vocab=VOCAB, report=CYP2C19_PM), CYP2C19_PM,
                                 history, [])
    assert (decided.action, decided.reason) == ("escalate", "family_testing_decision")


def test_an_alarm_or_a_rules_verdict_about_children_is_kept():
    text = "my son is going to get it from me and i cant live with that"
    alarm = TriageDecision("emergency", "self_harm", "model", 0.9)
    assert plans.own_children(text, alarm, understand(text, vocab=VOCAB), CYP2C19_PM, [], []) is alarm
    declined = TriageDecision("decline", "out_of_scope", "rule", 1.0, ["out_of_scope#1"])
    assert plans.own_children(text, declined, understand(text, vocab=VOCAB), CYP2C19_PM, [], []) is declined


@pytest.mark.parametrize("text", ["gabapentin and my results?", "any gene issue with metformin for me",
                                  "amoxicillin and my cyp2c19?", "any problem with plavix and my genes"])
def test_a_models_escalation_of_a_medicines_link_is_answered_even_for_one_the_kb_lacks(engine, text):
    u = understand(text, vocab=engine._vocab, report=CYP2C19_PM)
    sure = TriageDecision("escalate", "medication_change", "model", 0.9)
    assert plans.explained_not_decided(text, sure, u, [], vocab=engine._vocab).action == "answer"


@pytest.mark.parametrize("text", ["should i stop gabapentin", "is metformin safe for me", "any problem with plavix"])
def test_a_decision_about_a_medicine_the_kb_lacks_stays_with_a_person(engine, text):
    u = understand(text, vocab=engine._vocab, report=CYP2C19_PM)
    sure = TriageDecision("escalate", "medication_change", "model", 0.9)
    assert plans.explained_not_decided(text, sure, u, [], vocab=engine._vocab) is sure


def test_a_problem_between_a_medicine_and_the_genes_is_the_link_itself():
    assert not asks_medicine_decision("any problem with plavix and my genes")
    assert asks_medicine_decision("any problem with plavix")


NO_CALL = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2D6", status="no_result", no_result_reason="The sample did not give a clear result."),
    PgxResult(gene="CYP2C9", diplotype="*1/*1", phenotype="Normal Metabolizer")])


def test_why_a_result_is_missing_is_answered_from_the_report():
    text = "no call?? did the test fail or something"
    u = understand(text, vocab=VOCAB, report=NO_CALL)
    challenged = TriageDecision("escalate", "disagrees_with_report", "model", 0.8)
    assert plans.missing_result_asked(text, challenged, u, NO_CALL, []).action == "answer"
    assert u.genes == ["CYP2D6"]


def test_a_rule_that_the_report_is_wrong_or_a_report_with_every_result_keeps_the_escalation():
    text = "the lab mixed up my sample, the cyp2d6 is missing"
    ruled = TriageDecision("escalate", "disagrees_with_report", "rule", 1.0, ["disagrees_with_report#3"])
    assert plans.missing_result_asked(text, ruled, understand(text, vocab=VOCAB, report=NO_CALL), NO_CALL, []) is ruled
    text = "no call?? did the test fail"
    modeled = TriageDecision("escalate", "disagrees_with_report", "model", 0.8)
    u = understand(text, vocab=VOCAB, report=CYP2C19_PM)
    assert plans.missing_result_asked(text, modeled, u, CYP2C19_PM, []) is modeled


def test_hereditary_breast_cancer_names_the_two_brca_genes_and_breast_cancer_alone_none():
    assert set(understand("anything in my results about hereditary breast cancer", vocab=VOCAB).genes) == {
        "BRCA1", "BRCA2"}
    assert understand("my aunt had breast cancer at 60", vocab=VOCAB).genes == []


def test_what_a_result_does_to_how_a_medicine_works_is_no_decision():
    assert not asks_medicine_decision("does that combo change how the drug works for me")
    assert asks_medicine_decision("will the drug work for me")


def test_a_models_other_escalation_about_ones_children_becomes_the_family_reason_the_worry_plan_keeps():
    text = "what are the odds for my future children"
    u = understand(text, vocab=VOCAB, report=CYP2C19_PM)
    guessed = TriageDecision("escalate", "diagnosis_or_risk_decision", "model", 0.7)
    decided = plans.own_children(text, guessed, u, CYP2C19_PM, [], [])
    assert decided.reason == "family_testing_decision"
    assert plans.plan_worry(text, decided, u, CYP2C19_PM, [], worry_intent=None, own_words=lambda: None) is decided


@pytest.mark.parametrize("text, everyday", [
    ("recommend a medicine ball workout", "recommend a ball workout"),
    ("should i invest in pharma stocks", "should i invest in stocks"),
    ("when does the new doctor who series come out", "when does the new who series come out"),
])
def test_an_everyday_request_is_judged_without_the_words_it_borrows(text, everyday):
    assert without_borrowed(text) == everyday
    assert not has_topic_words(text)


@pytest.mark.parametrize("text", ["which gym program suits my genes", "tell me a story about a brave little gene",
                                  "what time is the medical drama on tonight"])
def test_fitness_stories_and_shows_are_everyday_frames(text):
    assert borrows_words(text)


@pytest.mark.parametrize("text", ["does my body type change how I metabolize codeine", "write a poem about dying",
                                  "what should i watch for on warfarin and my genes"])
def test_a_medicine_a_feeling_or_the_body_keeps_the_topic_words(text):
    assert has_topic_words(text)


def test_a_rule_that_fired_only_on_a_look_alike_name_does_not_keep_an_everyday_request_from_the_topic_check():
    assert _rules_only_on_lookalikes("recommend a medicine ball workout", ["medication_change#8"])
    assert not _rules_only_on_lookalikes("recommend a medicine for my headache", ["medication_change#8"])
    assert not _rules_only_on_lookalikes("help with my tax forms", ["wants_human#0"])  # no look-alike at all


def test_an_everyday_word_beside_a_named_medicine_is_no_borrowing():
    text = "what should i watch for on my warfarin"
    assert not _only_borrows(text, understand(text, vocab=VOCAB))
    text = "any good tv series about doctors on netflix"
    assert _only_borrows(text, understand(text, vocab=VOCAB))
