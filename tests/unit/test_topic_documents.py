"""A question about insurance, jobs or privacy that names a gene is answered from that topic's document."""

from __future__ import annotations

import pytest

from bot.answering.topic_documents import documents_asked, topic_document_ids
from bot.config import get_settings
from bot.knowledge.loader import kb_paths
from bot.safety.rules import match_rules
from tests.unit.test_composer_select import BRCA2, CLASSES, HBOC, _compose, _p

PRIVACY_HINT = 15  # answer#15: the last rule of bot/safety/english/answer_hints.yaml (stop 33)
GINA_HEALTH = _p("gina-and-insurance#2", "GINA and health insurance",
                 "Under GINA, health insurers cannot use your gene test results to turn you down. They cannot use "
                 "them to set your price.", title="GINA: genetic discrimination, health insurance and jobs")
GINA_JOBS = _p("gina-and-insurance#3", "GINA and jobs",
               "GINA also covers jobs. It applies to employers with 15 or more workers.",
               title="GINA: genetic discrimination, health insurance and jobs")


def test_insurance_question_naming_brca_is_answered_from_the_gina_document():
    draft = _compose("can my insurance raise my rates because of my brca result", BRCA2, [HBOC, CLASSES, GINA_HEALTH])
    assert "health insurers cannot use your gene test results" in draft.text
    assert "fix DNA damage" not in draft.text  # the BRCA explainer does not answer an insurance question
    assert "BRCA2" in draft.text  # the patient's own result still leads


def test_employer_question_gets_the_jobs_section():
    draft = _compose("will my employer find out about my brca mutation", BRCA2, [HBOC, GINA_JOBS, GINA_HEALTH])
    assert "employers with 15 or more workers" in draft.text and "fix DNA damage" not in draft.text


def test_a_result_question_is_not_sent_to_a_topic_document():
    draft = _compose("what does my BRCA2 result mean", BRCA2, [HBOC, CLASSES, GINA_HEALTH])
    assert "GINA" not in draft.text and "fix DNA damage" in draft.text


def test_topic_words_ask_for_their_document_only():
    assert documents_asked("could my employer fire me over this") == {"gina-and-insurance"}
    assert documents_asked("who can see my results") == {"privacy-consent-data-use"}
    assert documents_asked("is this test the same as 23andme") == {"direct-to-consumer-tests"}
    assert documents_asked("will this result change as i get older") == {"results-last-a-lifetime"}
    assert documents_asked("can a VUS change over time") == set()  # reclassification: the VUS page answers
    assert documents_asked("my ancestry is ashkenazi, does that matter") == set()
    assert documents_asked("how does this work") == set()  # "work" alone asks about a result
    assert documents_asked("what does this data mean") == set()


def test_every_topic_document_is_in_the_knowledge_base():
    ids = {p.stem for p in kb_paths(get_settings().kb_dir)}
    assert topic_document_ids() <= ids


@pytest.mark.parametrize("text", [
    "can my insurance raise my rates because of my brca result",
    "is a health insurer allowed to raise what I pay because of it",
    "does the genetic discrimination law stop life insurence companies using my dna tests",
])
def test_insurance_questions_are_not_read_as_a_medicine_change(text):
    assert not any(h.rule.startswith("medication_change") for h in match_rules(text).hits)


@pytest.mark.parametrize("text", ["should i reduce my plavix", "i want to stop my statin", "can i lower the amount"])
def test_medicine_changes_still_are(text):
    assert any(h.rule.startswith("medication_change") for h in match_rules(text).hits)


@pytest.mark.parametrize("text", ["is this conversation confidential", "can my doctor see this chat",
                                  "is my chat with you private", "are my results kept private"])
def test_questions_about_the_privacy_of_this_chat_are_answer_questions(text):
    assert any(h.action == "answer" for h in match_rules(text).hits)
    assert documents_asked(text) == {"privacy-consent-data-use"}


@pytest.mark.parametrize("text", ["is my result safe", "can i see my doctor about this", "is the lab secure about mistakes"])
def test_other_questions_with_those_words_get_no_privacy_hint(text):
    hits = {h.rule for h in match_rules(text).hits if h.action == "answer"}
    assert not any(rule == f"answer#{PRIVACY_HINT}" for rule in hits)


@pytest.mark.parametrize("text", ["how accurate is this test", "how reliable are genetic test results"])
def test_how_accurate_a_test_is_is_an_answer_question_for_the_limits_page(text):
    assert any(h.action == "answer" for h in match_rules(text).hits)
    assert documents_asked(text) == {"limits-of-pgx-testing"}


def test_how_often_tests_are_wrong_is_an_answer_question_too():
    assert any(h.action == "answer" for h in match_rules("how often are these tests wrong").hits)


@pytest.mark.parametrize("text", ["i think my result is wrong", "my report says poor metabolizer but that can't be right"])
def test_doubting_ones_own_result_still_goes_to_a_counselor(text):
    hits = match_rules(text).hits
    assert any(h.reason == "disagrees_with_report" for h in hits) and not any(h.action == "answer" for h in hits)
