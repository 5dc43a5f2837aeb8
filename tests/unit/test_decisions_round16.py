"""Stop 40: the fifth new-user pass's open items. Each test uses other wording than the message that was reported.

A statin list cut before the statin asked about ("what about Crestor" told Zocor and Lipitor); a medicine named for
what it treats ("my blood pressure pills" declined as a health topic, "my thyroid medicine" escalated, then answered with
filler); follow-ups about what the last answer told ("tell me about the first one", "what kind of reaction") declined
as off topic; "which medicines does my report affect" told 2 of 10 results.
"""

from __future__ import annotations

import pytest

from bot.answering.asked_subject import unknown_medicine
from bot.answering.medicine_question import MEDICINE_CLASS
from bot.answering.select import pick_sentences
from bot.answering.understand import Understanding, understand
from bot.answering.vocabulary import Vocabulary
from bot.conversation import plans
from bot.core.passage import Passage
from bot.core.reply import Turn
from bot.core.report import PgxResult, Report
from bot.safety.triage import TriageDecision, triage
from tests.support.fakes import WordAlarmModel

_STATINS = Passage(
    chunk_id="gene-slco1b1#2", doc_id="gene-slco1b1", title="SLCO1B1", section="Which statins are on the list",
    text="The CPIC statin guide uses SLCO1B1 for these statins:\n\n- Simvastatin, sold as Zocor.\n- Atorvastatin, sold as Lipitor.\n"
         "- Rosuvastatin, sold as Crestor.\n- Pravastatin, sold as Pravachol.\n\nFor some results, a different statin "
         "is suggested.",
    genes=["SLCO1B1"], drugs=["simvastatin", "atorvastatin", "rosuvastatin", "pravastatin"])


def test_a_statin_asked_about_is_told_from_its_own_line_of_the_list():
    picked = pick_sentences(_STATINS, keys={"crestor"}, strong={"slco1b1", "rosuvastatin"}, limit=3,
                            asked_drugs={"rosuvastatin"})
    assert "Rosuvastatin, sold as Crestor." in picked
    assert not any(s.startswith(("Simvastatin", "Atorvastatin", "Pravastatin")) for s in picked)


def test_a_list_is_read_from_its_start_when_no_medicine_of_it_was_asked():
    picked = pick_sentences(_STATINS, keys={"statins"}, strong={"slco1b1"}, limit=3)
    assert picked[:2] == ["The CPIC statin guide uses SLCO1B1 for these statins:", "Simvastatin, sold as Zocor."]


@pytest.mark.parametrize("text", ["do my genes matter for my thyroid meds", "what about my diabetes tablets",
                                  "any issue with my bp medication"])
def test_a_medicine_named_for_what_it_treats_is_a_medicine_with_no_vetted_text(text):
    assert MEDICINE_CLASS.search(text)
    # "diabetes" or "blood" being words of the knowledge base does not make the medicine known
    assert unknown_medicine(text, frozenset({"diabetes", "blood", "pressure", "thyroid", "medication"})) is not None


def test_a_medicine_named_by_its_name_is_still_known_from_the_knowledge_base():
    # (Tylenol itself is named only inside another medicine's brand in the KB since stop 45: Advil stands in)
    assert unknown_medicine("what about my advil", frozenset({"advil"})) is None


@pytest.mark.parametrize("text", ["what about my blood pressure medication", "do my results matter for my blood pressure tablets"])
def test_blood_pressure_medicine_is_not_declined_as_a_health_topic(text):
    decision = triage(text, vector=text, classifier=WordAlarmModel(cold=0.01, reason="emergency_symptoms"))
    assert "out_of_scope#0" not in decision.rules


def test_blood_pressure_itself_is_still_a_health_topic():
    text = "how do I lower my blood pressure"
    decision = triage(text, vector=text, classifier=WordAlarmModel(cold=0.01, reason="emergency_symptoms"))
    assert "out_of_scope#0" in decision.rules


_PANEL = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C9", diplotype="*1/*3", phenotype="Intermediate Metabolizer"),
    PgxResult(gene="CYP2D6", diplotype="*1/*4", phenotype="Intermediate Metabolizer"),
    PgxResult(gene="TPMT", diplotype="*1/*1", phenotype="Normal Metabolizer")])
_LISTED = [Turn(role="user", text="what medicines do my results matter for"),
           Turn(role="bot", action="answer", text="Your report lists CYP2D6 *1/*4, which the lab calls Intermediate "
                "Metabolizer. It can matter for codeine. Your report lists CYP2C9 *1/*3, which the lab calls "
                "Intermediate Metabolizer. CYP2D6 and TPMT are other genes.")]


@pytest.mark.parametrize("text, gene", [("ok tell me more about the first one", "CYP2D6"),
                                        ("and the 2nd one?", "CYP2C9"), ("what about the last one", "CYP2C9")])
def test_the_first_or_second_one_is_that_result_of_the_last_answer(text, gene):
    u = understand(text, vocab=Vocabulary.builtin(), history=_LISTED, report=_PANEL)
    assert u.followup and u.genes == [gene]


def test_the_second_one_still_counts_in_the_list_after_the_first_was_explained():
    history = [*_LISTED, Turn(role="user", text="the first one?"),
               Turn(role="bot", action="answer", genes=["CYP2D6"], text="Your report lists CYP2D6 *1/*4. Tell your "
                    "prescriber. CYP2C9 is not about codeine.")]
    assert understand("and the second one", vocab=Vocabulary.builtin(), history=history, report=_PANEL).genes == ["CYP2C9"]


def test_a_follow_up_about_what_the_last_answer_told_is_answered_not_declined():
    history = [Turn(role="user", text="what is my HLA-B"),
               Turn(role="bot", action="answer", genes=["HLA-B"], text="Your report lists HLA-B *57:01 negative.")]
    declined = TriageDecision("decline", "out_of_scope", "model", 0.6, [], None, [])
    u = Understanding(genes=["HLA-B"], followup=True)
    assert plans.followup_explained("what sort of allergy", declined, u, history, []).action == "answer"
    # ... but not after an escalation, and not a decision about a medicine
    escalated = [history[0], Turn(role="bot", action="escalate", genes=["HLA-B"], text="A counselor will follow up.")]
    assert plans.followup_explained("what sort of allergy", declined, u, escalated, []).action == "decline"
    assert plans.followup_explained("the first one, should I stop it", declined, u, history, []).action == "decline"


@pytest.mark.parametrize("text", ["which drugs do my results affect", "my genes affect which medications?",
                                  "what pills does this report matter for"])
def test_the_medicines_of_the_whole_report_are_a_whole_report_question(text):
    assert understand(text, vocab=Vocabulary.builtin(), report=_PANEL).whole_report


# ---- the sixth new-user pass: asking for more, and goodbyes, had the crisis reply ---------------------------------

@pytest.mark.parametrize("text", ["tell me more", "continue", "more", "keep going please", "bye", "goodbye", "thats all"])
def test_asking_for_more_or_saying_goodbye_is_never_an_emergency(text):
    # (the fake alarm model is sure of an emergency on any message: only the calm bar or the goodbye rule holds it)
    decision = triage(text, vector=text, classifier=WordAlarmModel(cold=0.85, reason="self_harm"))
    assert decision.action != "emergency"


def test_a_goodbye_with_more_in_it_is_still_left_to_the_alarm():
    text = "goodbye everyone, I won't be here tomorrow"
    assert triage(text, vector=text, classifier=WordAlarmModel(cold=0.85, reason="self_harm")).action == "emergency"


def test_a_bare_goodbye_is_checked_in_on_unless_it_closes_a_chat_with_answers():
    from bot.conversation import smalltalk

    assert triage("bye", vector="bye", classifier=WordAlarmModel(cold=0.85, reason="self_harm")).reason == "check_in"
    answered = [Turn(role="user", text="what is CYP2D6"), Turn(role="bot", action="answer", text="CYP2D6 is a gene.")]
    assert smalltalk.detect("ok bye", answered) == "closing"
    assert smalltalk.detect("ok bye", []) is None
    crisis = [*answered, Turn(role="user", text="i want to die"),
              Turn(role="bot", action="emergency", text="Call or text 988.")]
    assert smalltalk.detect("bye", crisis) is None


def test_tell_me_more_goes_on_with_the_last_topic_without_repeating_it():
    history = [Turn(role="user", text="what is my CYP2D6"),
               Turn(role="bot", action="answer", genes=["CYP2D6"], text="Your report lists CYP2D6 *1/*4. It is slow.")]
    u = understand("tell me more", vocab=Vocabulary.builtin(), history=history, report=_PANEL)
    assert u.followup and u.genes == ["CYP2D6"] and u.told_before == [history[1].text]


@pytest.mark.parametrize("text", ["cảm ơn", "gracias!", "спасибо"])
def test_thanks_in_another_language_is_never_an_emergency(text):
    assert triage(text, vector=text, classifier=WordAlarmModel(cold=0.85, reason="self_harm")).action != "emergency"
