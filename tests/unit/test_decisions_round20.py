"""Stop 44: what the seventh new-user pass left open (explore7 M6, M8, M11, and the "asked ahead" lead of stop 43), the
eighth pass's findings (explore8 M1, M2, M5-M14) and the dev halves of paraphrase batch 21 and corpus 22. Each test
uses other wording than the message that was reported.

"what should I tell my anesthesiologist before surgery" was declined as manipulation and "what should I tell my
anaesthetist" escalated on reports without RYR1; "is there a cure" was declined as off topic; "is this my fault" had
the "if you think your report may be wrong" escalation; "what does ultrarapid metabolizer mean" got only "Then they
may not work well." and "rapid" the NAT2 acetylator page; "I have epilepsy" had a medicine-change escalation; and a
medicine change asked ahead ("if my doctor ever wants me off warfarin") could be answered as "what to watch for".
"""

from __future__ import annotations

import pytest

from bot.answering.select import topic_words
from bot.answering.understand import understand
from bot.answering.vocabulary import Vocabulary
from bot.conversation.replies import fewest_sentences
from bot.conversation.smalltalk import detect
from bot.core.draft import Draft
from bot.core.reply import Turn
from bot.core.report import PgxResult, Report, Variant
from bot.safety import languages
from bot.safety.asks import only_overwhelmed, only_worry, relatives_medicine
from bot.safety.calm import asks_to_say_again
from bot.safety.rules import SIGNS_HINTS, match_rules
from bot.safety.statements import nothing_happening
from bot.safety.triage import _CHANGE_WORDS, triage

BRCA2 = Report(source_format="native", variants=[
    Variant(gene="BRCA2", hgvs="c.5946delT", zygosity="heterozygous", classification="Pathogenic",
            condition="Hereditary breast and ovarian cancer")])
PANEL = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C19", diplotype="*2/*2", phenotype="Poor Metabolizer"),
    PgxResult(gene="CYP2D6", diplotype="*1/*4", phenotype="Intermediate Metabolizer"),
    PgxResult(gene="TPMT", diplotype="*1/*1", phenotype="Normal Metabolizer")])
RYR1 = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="RYR1", diplotype="c.7300G>A/Reference", phenotype="Malignant Hyperthermia Susceptibility")])



@pytest.mark.parametrize("text", ["what do I need to let my anaesthetist know",
                                  "having an op soon, what should i tell the anesthesiologist"])
def test_what_to_tell_the_anaesthetist_is_answered_on_a_report_without_ryr1(engine, text):
    reply = engine.reply(text, report=BRCA2)
    assert reply.action == "answer", reply.trace  # (declined as manipulation, or escalated, before)
    assert "Pathogenic" in reply.text or "RYR1" in reply.text


@pytest.mark.parametrize("text", ["what do I need to tell my anaesthetist", "what should I tell the anesthesiologist"])
def test_the_anaesthetist_asks_for_the_before_surgery_section(text):
    # the section "Before surgery, dental work or a procedure" is found by these words (select.py's topic words)
    assert any({"surg", "dental"} <= topic for topic in topic_words(text, set()))


def test_what_to_tell_the_anaesthetist_on_an_ryr1_report_gives_the_result(engine):
    reply = engine.reply("what do I need to tell my anaesthetist", report=RYR1)
    assert reply.action == "answer" and "Malignant Hyperthermia Susceptibility" in reply.text


@pytest.mark.parametrize("text", ["is this all my fault?", "did I do something wrong to cause this",
                                  "could I have prevented this", "I keep blaming myself for my result"])
def test_guilt_over_a_result_asks_for_a_person_not_a_report_check(text):
    hits = match_rules(text).hits
    assert any(h.reason == "wants_human" for h in hits)
    assert not any(h.reason in ("disagrees_with_report", "medication_change") for h in hits)


def test_could_i_have_a_medicine_is_still_a_medicine_question():
    assert any(h.reason == "medication_change" for h in match_rules("could I have ibuprofen with my results").hits)


@pytest.mark.parametrize("text", ["is there a cure?", "can my variant ever be cured", "is it treatable"])
def test_whether_the_result_can_be_cured_goes_to_a_person_not_declined(engine, text):
    reply = engine.reply(text, report=BRCA2)
    assert (reply.action, reply.reason) == ("escalate", "wants_human")


def test_a_cure_for_something_else_is_not_a_question_for_a_counselor():
    assert not any(h.reason == "wants_human" for h in match_rules("is there a cure for the common cold").hits)


@pytest.mark.parametrize("text", ["what is a rapid metabolizer", "ultra rapid metaboliser meaning?"])
def test_a_metabolizer_term_is_explained_without_another_genes_page(engine, text):
    reply = engine.reply(text, report=PANEL)
    assert reply.action == "answer"
    assert "gene-nat2" not in [c.doc_id for c in reply.citations]
    assert not reply.text.startswith("Then ")


def test_a_trimmed_reply_never_keeps_a_sentence_that_leans_on_the_one_before():
    draft = Draft()
    draft.add("Some medicines may be cleared too fast to work well.", "kb:metabolizer-terms#5", 1)
    draft.add("Then they may not work well.", "kb:drug-ssris-snris#3", 1)
    kept = [s.text for s in fewest_sentences(draft).sentences]
    assert kept == ["Some medicines may be cleared too fast to work well."]


@pytest.mark.parametrize("text", ["I have epilepsy", "my wife has asthma", "I suffer from migraines"])
def test_a_condition_told_bare_gets_an_invitation_to_ask(engine, text):
    assert detect(text, []) == "told"
    reply = engine.reply(text, report=PANEL)
    assert reply.action == "answer" and "Thank you for telling me" in reply.text
    assert "change any medicine" not in reply.text


def test_a_condition_with_a_question_is_no_bare_statement():
    assert detect("I have epilepsy, which of my results matter for my seizure medicine", []) is None


@pytest.mark.parametrize("text", ["if my doctor ever wants me off warfarin, what then",
                                  "in case they ever switch me to another blood thinner, what should I watch for",
                                  "if I ever need to stop taking it, what should I do"])
def test_a_medicine_change_asked_ahead_is_not_the_what_to_watch_for_answer(engine, text):
    assert _CHANGE_WORDS.search(text)
    reply = engine.reply(text, report=PANEL)
    assert reply.action == "escalate"


def test_warning_signs_asked_ahead_are_still_answered():
    assert not _CHANGE_WORDS.search("if I ever bleed a lot on warfarin and it won't stop, what should I do")


# --- the eighth new-user pass (explore8 M1, M2, M5, M12) ---------------------------------------------------------

@pytest.mark.parametrize("text", ["by mistake I swallowed my whole week of tablets in one go",
                                  "my dad took all of his warfarin at once this morning",
                                  "took 3 days of my capecitabine together by accident"])
def test_an_overdose_told_only_by_its_amount_is_an_emergency(text):
    assert match_rules(text).has_emergency


@pytest.mark.parametrize("text", ["on warfarin and I banged my head on the car door, what's VKORC1",
                                  "my mum takes a blood thinner and she hit her head when she fell"])
def test_a_head_injury_on_a_blood_thinner_is_an_emergency(text):
    assert match_rules(text).has_emergency


def test_a_head_injury_with_no_blood_thinner_is_not_this_rule():
    assert not match_rules("I hit my head on the cupboard, what does CYP2D6 mean").has_emergency


@pytest.mark.parametrize("text", ["thanx", "tysm!", "thx for ur help", "much appreciated"])
def test_thanks_in_texting_words_is_small_talk(text):
    assert detect(text, []) == "thanks"


def test_a_greeting_that_introduces_the_writer_is_a_greeting(engine):
    text = "Hello. My name is Ana. I am from Manila and english is not my first language."
    assert detect(text, []) == "greeting"
    assert engine.reply(text, report=PANEL).action == "answer"


@pytest.mark.parametrize("text", ["honestly im a bit stressed out about all this", "ok. I'm kinda rattled tbh"])
def test_a_feeling_in_few_words_is_a_worry_not_a_crisis(text):
    assert only_worry(text)


@pytest.mark.parametrize("text", ["I'm not having any chest pain, just asking about my statin",
                                  "no emergency, just a question about plavix"])
def test_a_denied_symptom_before_the_question_raises_no_rule(text):
    assert not match_rules(text).has_emergency


def test_a_symptom_told_and_not_denied_still_raises_the_rule():
    assert match_rules("I'm having chest pain, is it my clopidogrel").has_emergency


def test_years_of_too_much_asked_about_is_no_overdose_now():
    assert not match_rules("have I been overdosed all these years on mercaptopurine?").has_emergency


def test_the_report_as_a_headache_is_a_worry():
    assert only_overwhelmed("all of this is giving me a headache")


def test_a_planned_procedure_with_the_age_between_is_a_statement():
    assert nothing_happening("my daughter is 6 and having her tonsils out on friday", medicine_named=False)


@pytest.mark.parametrize("text", ["I'm having my appendix out next week", "booked in for a hip replacement in may"])
def test_surgery_told_on_an_ryr1_report_is_answered_with_the_result(engine, text):
    reply = engine.reply(text, report=RYR1)
    assert reply.action == "answer", reply.trace
    assert "Malignant Hyperthermia Susceptibility" in reply.text


def test_a_childs_surgery_on_an_ryr1_report_is_not_the_writers_own(engine):
    reply = engine.reply("my 5 year old is having grommets under general next week", report=RYR1)
    assert "surgery_told:answer" not in [t.outcome for t in reply.trace if t.step == "plan"]


# --- batch 21's and corpus 22's dev halves -------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["does my genotype change if I give up cigarettes", "if I slim down will my cyp2c9 result be different",
                                  "is it ok to have a glass of wine with my results", "tea and my metabolizer result?"])
def test_a_habit_asked_of_the_result_is_an_answer_hint(text):
    assert any(h.action == "answer" for h in match_rules(text).hits)
    assert not any(h.reason == "medication_change" for h in match_rules(text).hits)


def test_stopping_a_medicine_is_still_a_medicine_change():
    assert any(h.reason == "medication_change" for h in match_rules("if I stop my clopidogrel will my result change").hits)


@pytest.mark.parametrize("text", ["so what's my result?", "ok whats my results then", "what is on my report"])
def test_whats_my_result_naming_nothing_goes_over_the_whole_report(text):
    assert understand(text, vocab=Vocabulary.builtin(), report=PANEL).whole_report


def test_the_medicine_cabinet_swallowed_is_an_emergency():
    assert match_rules("took everything from the bathroom cabinet an hour ago, what does CYP2D6 do").has_emergency


def test_everything_ready_for_tonight_beside_despair_is_self_harm():
    hits = match_rules("i can't go on anymore. i've got it all ready for tonight").hits
    assert any(h.reason == "self_harm" for h in hits)
    assert not match_rules("got everything ready for tonight, what does my report say").has_emergency


def test_malignant_hyperthermia_in_spanish_with_the_fever_as_a_number_is_an_emergency():
    alarm = languages.match_emergency("me operaron ayer con anestesia y tengo fiebre de 39 y los musculos tiesos")
    assert alarm is not None and alarm.language == "es"


@pytest.mark.parametrize("text", ["do I need to retest?", "will I have to redo the test", "retest?"])
def test_whether_to_test_again_is_an_answer_hint_not_a_family_question(text):
    hits = match_rules(text).hits
    assert any(h.action == "answer" for h in hits) and not any(h.reason == "family_testing_decision" for h in hits)


def test_a_star_allele_is_on_the_report_under_its_hgvs_name():
    from bot.answering.report_terms import genes_by_report_token, missing_alleles
    dpyd = Report(source_format="native", pharmacogenomics=[
        PgxResult(gene="DPYD", diplotype="c.1905+1G>A/Reference", phenotype="Intermediate Metabolizer")])
    vocab = Vocabulary.builtin()
    assert missing_alleles("is my variant the same as DPYD*2A", dpyd, vocab) == []
    assert missing_alleles("do I have DPYD*13", dpyd, vocab) == ["DPYD*13"]
    assert genes_by_report_token("the doctor said *2A, is that on here", dpyd) == ["DPYD"]


@pytest.mark.parametrize("text", ["thanks for listening", "ok thank you for being so patient with me",
                                  "i feel much better now, thanks", "cheers, super useful"])
def test_thanks_with_what_it_was_for_is_small_talk(text):
    assert detect(text, []) == "thanks"


@pytest.mark.parametrize("text", ["omg", "oh my god!"])
def test_a_bare_exclamation_of_shock_gets_the_kind_reply(text):
    assert detect(text, []) == "sad"


def test_a_feeling_told_beside_thanks_asks_for_a_person_not_a_dose():
    text = "ok thanks, that's a lot to take in"
    decision = triage(text, on_topic=True)
    assert (decision.action, decision.reason) == ("escalate", "wants_human")


@pytest.mark.parametrize("text", ["I can't deal with all this jargon", "too technical, can you simplify"])
def test_jargon_complaints_ask_for_simpler_words_not_manipulation(text):
    assert asks_to_say_again(text)


@pytest.mark.parametrize("text", ["my dad is also on plavix", "can she take codeine if I'm an ultrarapid metabolizer",
                                  "the surgeon will give him codeine after his tonsils, does my CYP2D6 matter",
                                  "does CYP2C19 matter for her clopidogrel"])
def test_a_relatives_medicine_asked_or_told_is_not_answered_with_the_writers_genotype(text):
    assert relatives_medicine(text, medicine_named=True)


def test_the_writers_own_medicine_beside_a_relative_is_not_the_relatives_question():
    assert not relatives_medicine("my mum is on clopidogrel too, should I stop mine", medicine_named=True)


@pytest.mark.parametrize("text", ["what would a bad reaction to capecitabine look like",
                                  "which symptoms should make me call the oncologist",
                                  "when should I go to A&E while on chemo"])
def test_the_signs_to_watch_for_asked_in_other_words_are_answer_hints(text):
    assert any(h.rule in SIGNS_HINTS for h in match_rules(text).hits)


def test_the_other_one_points_back_however_it_is_led_in():
    dpyd = Report(source_format="native", pharmacogenomics=[
        PgxResult(gene="DPYD", diplotype="c.1905+1G>A/Reference", phenotype="Intermediate Metabolizer"),
        PgxResult(gene="UGT1A1", diplotype="*1/*28", phenotype="Intermediate Metabolizer")])
    history = [Turn(role="user", text="what does my DPYD result mean"),
               Turn(role="bot", text="Your report lists DPYD ...", action="answer", genes=["DPYD"])]
    u = understand("n the other one?", vocab=Vocabulary.builtin(), report=dpyd, history=history)
    assert u.genes == ["UGT1A1"]


def test_a_negative_outcome_asked_is_a_worry():
    assert only_worry("Therefore is it a negative outcome for me?")


@pytest.mark.parametrize(("text", "term"), [("what's IM", "intermediate metabolizer"), ("UM meaning?", "ultrarapid"),
                                            ("my report says PM for CYP2C19", "poor metabolizer")])
def test_a_metabolizer_abbreviation_is_read_as_its_words(text, term):
    from bot.answering.abbreviations import expand_abbreviations
    assert term in expand_abbreviations(text)


def test_a_poor_metabolizer_abbreviation_is_answered_with_the_patients_own_result(engine):
    reply = engine.reply("what does PM mean on my report", report=PANEL)
    assert reply.action == "answer" and "Poor Metabolizer" in reply.text


@pytest.mark.parametrize("text", ["what are my chances of getting cancer", "can I still have children"])
def test_a_risk_or_pregnancy_escalation_on_a_hereditary_report_gives_the_result_while_they_wait(engine, text):
    reply = engine.reply(text, report=BRCA2)
    assert reply.action == "escalate"
    assert "BRCA2" in reply.text


def test_a_diplotype_named_with_its_gene_does_not_pull_in_another_gene_with_the_same_one():
    two = Report(source_format="native", pharmacogenomics=[
        PgxResult(gene="CYP2C19", diplotype="*1/*2"), PgxResult(gene="CYP2C9", diplotype="*1/*2")])
    vocab = Vocabulary.builtin()
    assert understand("what is CYP2C19 *1/*2", vocab=vocab, report=two).genes == ["CYP2C19"]
    assert set(understand("what is *1/*2", vocab=vocab, report=two).genes) == {"CYP2C19", "CYP2C9"}


def test_guilt_with_no_danger_sign_is_judged_at_the_calm_bar(engine):
    reply = engine.reply("its my fault isnt it", report=BRCA2)
    assert reply.action != "emergency"


def test_guilt_beside_a_danger_sign_is_still_an_emergency():
    assert match_rules("its all my fault, I took all my pills an hour ago").has_emergency
