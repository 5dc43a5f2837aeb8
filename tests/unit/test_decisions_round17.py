"""Stop 41: the sixth new-user pass's short follow-ups and language requests. Each test uses other wording than the
message that was reported.

"ok and my other results?" was escalated as disagreeing with the report; "what's the worst one" declined as off
topic; "explain simpler", "how so", "huh?" escalated as unsure or answered with "I'm not sure what you would like to
know"; "in Spanish please" escalated, in English; "they took so much blood for this. what did it find?" had the
emergency reply.
"""

from __future__ import annotations

import pytest

from bot.answering.followup import asks_after_last_answer
from bot.answering.medicine_question import asks_medicine_decision
from bot.answering.select import pick_sentences
from bot.answering.understand import Understanding, understand
from bot.answering.vocabulary import Vocabulary
from bot.conversation import plans
from bot.core.passage import Passage
from bot.core.reply import Turn
from bot.core.report import PgxResult, Report
from bot.safety import languages, wording
from bot.safety.calm import asks_to_say_again, bare_goodbye
from bot.safety.languages.requested import asked_language
from bot.safety.triage import UNSURE_NOTE, TriageDecision, triage
from tests.support.fakes import WordAlarmModel

PANEL = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C19", diplotype="*2/*2", phenotype="Poor Metabolizer"),
    PgxResult(gene="SLCO1B1", diplotype="*1/*5", phenotype="Decreased Function"),
    PgxResult(gene="TPMT", diplotype="*1/*1", phenotype="Normal Metabolizer"),
])



def _after_cyp2c19_answer(engine, text: str):
    first = engine.reply("what does my CYP2C19 result mean?", report=PANEL)
    assert first.action == "answer"
    history = [Turn(role="user", text="what does my CYP2C19 result mean?"),
               Turn(role="bot", text=first.text, action=first.action, genes=first.genes, drugs=first.drugs)]
    return engine.reply(text, report=PANEL, history=history)


@pytest.mark.parametrize("text", ["so what about the rest of my results", "and the others?"])
def test_asking_for_the_other_results_after_an_answer_tells_them(engine, text):
    reply = _after_cyp2c19_answer(engine, text)
    assert reply.action == "answer"
    assert "SLCO1B1" in reply.text and "TPMT" in reply.text


@pytest.mark.parametrize("text", ["sorry i dont get it", "could you put it in simpler words", "wait, how so?"])
def test_asking_to_hear_the_last_answer_again_tells_the_same_result(engine, text):
    reply = _after_cyp2c19_answer(engine, text)
    assert reply.action == "answer" and "CYP2C19" in reply.text


def test_asking_to_hear_it_again_with_nothing_before_asks_what_they_would_like_to_know(engine):
    reply = engine.reply("sorry i dont get it", report=PANEL)
    assert reply.action == "answer" and not reply.citations and "CYP2C19" not in reply.text


@pytest.mark.parametrize("text", ["which result is the most serious one", "what's my top finding?"])
def test_which_result_matters_most_goes_over_the_report(engine, text):
    reply = _after_cyp2c19_answer(engine, text)
    assert reply.action == "answer"
    assert "CYP2C19" in reply.text and "SLCO1B1" in reply.text


def test_a_follow_up_that_asks_to_change_a_medicine_is_not_read_as_a_request_to_say_more():
    assert not asks_to_say_again("so should I stop it")
    assert asks_after_last_answer("ok and my other results?")


@pytest.mark.parametrize("text, code", [("could you reply in Tagalog", "tl"), ("Korean please", "ko"),
                                        ("translate everything into arabic pls", "ar"), ("say that in italian", "und")])
def test_a_reply_asked_for_in_a_language_is_recognised(text, code):
    assert asked_language(text) == code


@pytest.mark.parametrize("text", ["what is the french paradox", "is Chinese medicine safe with my genes",
                                  "my Korean doctor said I am a poor metabolizer"])
def test_a_language_named_inside_a_question_is_no_request_for_that_language(text):
    assert asked_language(text) is None


def test_a_language_asked_for_gets_that_languages_fixed_text_with_the_counselor_offer(engine):
    reply = _after_cyp2c19_answer(engine, "can you write that in russian please")
    assert reply.action == "answer" and reply.text == languages.wordings()["ru"].english_only


def test_blood_drawn_for_the_test_is_no_bleeding_emergency():
    quiet = WordAlarmModel(cold=0.01, reason="emergency_symptoms")
    drawn = triage("hate needles, they drew so much blood from me for this test, what did it show",
                   vector="x", classifier=quiet)
    assert drawn.action != "emergency"
    bleeding = triage("there is so much blood coming from my leg and it won't stop", vector="x", classifier=quiet)
    assert bleeding.action == "emergency"


# --- closing a chat, a topic page, a switch asked in other words (paraphrase batch 18's dev half) ---

@pytest.mark.parametrize("text", ["Thanks so much, no further questions. Bye now!",
                                  "that's really helpful, thank you. I have nothing else to ask",
                                  "great, I will print the report for my GP. nothing else, thanks"])
def test_thanks_and_no_more_questions_is_a_goodbye(text):
    assert bare_goodbye(text)


@pytest.mark.parametrize("text", ["thanks, that's all. also my chest hurts a lot",
                                  "no more questions, i just want everything to stop",
                                  "i'll give my meds to my sister. no more questions"])
def test_a_goodbye_that_says_something_else_is_not_a_bare_goodbye(text):
    assert not bare_goodbye(text)


def test_a_goodbye_with_thanks_after_an_answer_closes_the_chat(engine):
    reply = _after_cyp2c19_answer(engine, "Many thanks for the help, I have no more questions. Goodbye.")
    assert reply.action == "answer" and reply.text == wording.CLOSING


@pytest.mark.parametrize("text", ["is it sensible for me to come off warfarin and go onto something else",
                                  "would it be wise to change over to another statin"])
def test_a_switch_asked_in_other_words_is_a_medicine_decision(text):
    assert asks_medicine_decision(text)


def test_a_question_on_a_topic_page_is_answered_when_triage_only_guessed():
    u = Understanding(topic_documents=["limits-of-pgx-testing"], service_words=True)
    unsure = TriageDecision("escalate", "disagrees_with_report", "model", 0.2, [], None, [UNSURE_NOTE])
    trace: list = []
    decided = plans.topic_asked("how reliable is a test like this one?", unsure, u, trace)
    assert decided.action == "answer" and trace[-1].outcome == "topic:answer"
    venting = plans.topic_asked("my insurance denied my claim again", unsure, u, [])
    assert venting.action == "escalate"  # asks nothing


def test_a_rule_or_a_sure_escalation_keeps_a_topic_question_with_a_person():
    u = Understanding(topic_documents=["limits-of-pgx-testing"], service_words=True)
    sure = TriageDecision("escalate", "disagrees_with_report", "model", 0.9, [], None, [])
    assert plans.topic_asked("is this test accurate? I think they mixed up my sample", sure, u, []).action == "escalate"


@pytest.mark.parametrize("text", ["what meds does it even affect??", "impacted medications?"])
def test_which_medicines_the_report_affects_in_few_words_goes_over_the_report(text):
    u = understand(text, vocab=Vocabulary.builtin(), report=PANEL)
    assert u.whole_report


# --- corpus 19's dev half: emergencies in other languages the rules missed (other wording than the corpus) ---

@pytest.mark.parametrize("text, code", [
    ("피부랑 입술에 물집이 잡혔어요, 열도 나요", "ko"),  # blisters on the skin and lips, and a fever
    ("seit der Operation gestern habe ich hohes Fieber und die Muskeln sind ganz steif", "de"),
])
def test_blisters_with_fever_and_fever_after_anaesthesia_are_emergencies(text, code):
    alarm = languages.match_emergency(text)
    assert alarm is not None and alarm.language == code


def test_a_guessed_diagnosis_on_a_question_about_repeating_the_test_is_answered():
    u = Understanding(topic_documents=["results-last-a-lifetime"], service_words=True)
    guessed = TriageDecision("escalate", "diagnosis_or_risk_decision", "model", 0.55, [], None, [])
    assert plans.topic_asked("will they make me take this test again next year?", guessed, u, []).action == "answer"
    # a diagnosis asked beside it keeps the escalation
    assert plans.topic_asked("am I at risk of cancer, and do I take the test again?", guessed, u, []).action == "escalate"


def test_a_result_doubted_beside_a_retest_question_keeps_the_escalation():
    u = Understanding(topic_documents=["results-last-a-lifetime"], service_words=True)
    guessed = TriageDecision("escalate", "diagnosis_or_risk_decision", "model", 0.55, [], None, [])
    text = "this can't be right, I'm sure the lab messed up. should I take the test again?"
    assert plans.topic_asked(text, guessed, u, []).action == "escalate"


# --- a diplotype or genotype written out without its gene is that result of the report (sixth pass, M3) ---

GENOTYPED = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C19", diplotype="*2/*2", phenotype="Poor Metabolizer"),
    PgxResult(gene="CYP3A5", diplotype="*3/*3", phenotype="Poor Metabolizer"),
    PgxResult(gene="TPMT", diplotype="*1/*1", phenotype="Normal Metabolizer"),
    PgxResult(gene="NUDT15", diplotype="*1/*1", phenotype="Normal Metabolizer"),
    PgxResult(gene="VKORC1", diplotype="rs9923231 T/T"),
])


@pytest.mark.parametrize("text, genes", [
    ("my report says *3/*3, what is that", ["CYP3A5"]),
    ("explain * 1 / * 1 please", ["TPMT", "NUDT15"]),
    ("what is TT on my report? I mean T/T", ["VKORC1"]),
    ("what's a *2?", ["CYP2C19"]),
])
def test_a_diplotype_written_without_its_gene_is_asked_about_that_result(text, genes):
    assert understand(text, vocab=Vocabulary.builtin(), report=GENOTYPED).genes == genes


def test_a_genotype_the_report_does_not_have_names_no_result():
    assert understand("what does C/C mean", vocab=Vocabulary.builtin(), report=GENOTYPED).genes == []


def test_an_unsure_escalation_that_guessed_a_dose_question_stays_with_a_person():
    u = Understanding(topic_documents=["limits-of-pgx-testing"], service_words=True)
    unsure = TriageDecision("escalate", "dosing", "model", 0.2, [], None, [UNSURE_NOTE])
    assert plans.topic_asked("how reliable is the test for working out my amount?", unsure, u, []).action == "escalate"


def test_a_word_asked_about_in_plain_words_is_no_request_to_hear_the_last_answer_again():
    assert not asks_to_say_again("what is a carrier in plain english")


def test_a_sentence_that_goes_on_from_the_one_before_never_opens_the_picked_run():
    # sixth pass, M8: "Others include m.1494C>T and m.1095T>C." opened an MT-RNR1 answer, and a patient could read the
    # named variants as their own
    variants = Passage(
        chunk_id="gene-mt-rnr1#3", doc_id="gene-mt-rnr1", title="MT-RNR1", section="Variants",
        text="The best-known MT-RNR1 variant is written m.1555A>G. Others include m.1494C>T and m.1095T>C. People with "
             "one of these variants have a much higher chance of hearing loss from aminoglycosides.",
        genes=["MT-RNR1"], drugs=[])
    picked = pick_sentences(variants, keys={"variants", "hearing"}, strong={"mt-rnr1"}, limit=2)
    assert picked and not picked[0].startswith("Others")
