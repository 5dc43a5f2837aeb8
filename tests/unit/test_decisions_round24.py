"""Stop 48: the thirteenth new-user pass's leads, checked on the pieces that decide them, with other wording than was
reported (bot/answering/facts.py, bot/core/draft.py, bot/safety/overdose.py, bot/safety/statements.py,
bot/safety/across_turns.py, bot/conversation/plans/)."""

from __future__ import annotations

import pytest

from bot.answering.facts import GeneFact, version_notes, zygosity_note
from bot.answering.understand import _WHOLE_REPORT
from bot.conversation.plans.results import _genes_with_term
from bot.core.draft import list_items
from bot.core.reply import ReportFact, Turn
from bot.core.report import PgxResult, Report
from bot.safety import languages
from bot.safety.across_turns import signs_across_turns
from bot.safety.overdose import too_much_taken_now
from bot.safety.rules import match_rules
from bot.safety.statements import on_a_medicine_only


def _pgx(gene: str, diplotype: str) -> GeneFact:
    return GeneFact(gene, [], ReportFact(gene=gene, diplotype=diplotype))


@pytest.mark.parametrize("question", ["am I homozygous for CYP2C19?", "is it heterozygous", "do i have one copy or two"])
def test_a_zygosity_question_on_a_star_diplotype_says_same_or_different(question):
    assert zygosity_note(_pgx("CYP2C19", "*2/*2")) == version_notes(_pgx("CYP2C19", "*2/*2"), question)
    assert "homozygous" in version_notes(_pgx("CYP2C19", "*2/*2"), question)[0]
    assert "heterozygous" in version_notes(_pgx("TPMT", "*1/*3A"), question)[0]


def test_a_zygosity_note_never_says_you_and_keeps_the_whole_diplotype():
    note = zygosity_note(_pgx("VKORC1", "rs9923231 C/T"))[0]
    assert "VKORC1 rs9923231 C/T" in note and "different" in note
    assert "you" not in note.lower().split()


def test_an_extra_copy_is_counted_not_called_homozygous():
    assert zygosity_note(_pgx("CYP2D6", "*1/*1x2")) == []
    assert "three copies" in version_notes(_pgx("CYP2D6", "*1/*1x2"), "how many copies do I have")[0]


def test_a_flattened_lists_last_item_stops_at_its_first_sentence():
    text = "These are covered: - Apple, a fruit. - Kale, a leaf. Pears are not covered."
    assert list_items(text) == {"Apple, a fruit.", "Kale, a leaf."}


@pytest.mark.parametrize("message", ["my second 5-FU infusion was this morning", "took my 6-MP at bedtime tonight",
                                     "I took 5-ASA today for my colitis"])
def test_a_number_in_a_medicines_name_is_no_pill_count(message):
    assert not too_much_taken_now(message, medicine_named=True)


def test_a_real_count_beside_a_hyphen_still_counts():
    assert too_much_taken_now("swallowed 7-8 oxycodone an hour ago", medicine_named=True)


@pytest.mark.parametrize("message", ["I just started sertraline", "just started plavix", "I began tamoxifen"])
def test_starting_a_prescribed_medicine_is_a_statement_with_nothing_happening(message):
    assert on_a_medicine_only(message)


@pytest.mark.parametrize("message", ["I just started codeine and now I can't breathe", "i started taking all of them"])
def test_starting_with_a_sign_or_an_amount_is_not_only_a_statement(message):
    assert not on_a_medicine_only(message)


@pytest.mark.parametrize("message", ["on simvastatin, legs very sore and tea colored pee", "coke-colored urine since my crestor"])
def test_urine_named_by_its_colour_first_beside_a_statin_or_sore_muscles_is_an_emergency(message):
    assert any(h.action == "emergency" for h in match_rules(message).hits)


def test_dark_urine_alone_is_not_a_rule_emergency():
    assert not any(h.action == "emergency" for h in match_rules("why is my pee dark yellow in the morning").hits)


def test_fainting_from_laughter_is_masked_and_fainting_alone_is_not():
    assert not any(h.action == "emergency" for h in match_rules("i nearly fainted from laughing at this report").hits)
    assert any(h.action == "emergency" for h in match_rules("my wife fainted and won't wake up").hits)


def test_signs_split_over_two_messages_are_read_together():
    before = [Turn(role="user", text="on lipitor, my thighs really hurt"), Turn(role="bot", text="...", action="answer")]
    found = signs_across_turns("and now my urine looks like cola", before)
    assert found is not None and found.action == "emergency"
    assert signs_across_turns("and now my urine looks like cola", []) is None


def test_a_sign_alone_that_already_fired_is_not_read_again_across_turns():
    before = [Turn(role="user", text="my leg muscles ache and my urine is brown"), Turn(role="bot", text="...")]
    assert signs_across_turns("my urine is still brown", before) is None


@pytest.mark.parametrize("message", ["زیاد قرص خوردم", "بیش از حد دارو خوردم"])
def test_a_persian_overdose_told_with_many_or_too_much_is_an_emergency(message):
    alarm = languages.match_emergency(message)
    assert alarm is not None and alarm.language == "fa"


@pytest.mark.parametrize("message", ["what does my test show?", "what does the genetic test say", "what would my panel show"])
def test_what_my_test_shows_asks_for_the_whole_report(message):
    assert _WHOLE_REPORT.search(message)


def test_a_result_word_finds_the_reports_genes_with_it_as_a_word():
    report = Report(source_format="native", pharmacogenomics=[
        PgxResult(gene="CYP2D6", diplotype="*1/*2x2", phenotype="Ultrarapid Metabolizer"),
        PgxResult(gene="UGT1A1", diplotype="*1/*28", phenotype="Intermediate Metabolizer")])
    assert _genes_with_term(report, "rapid") == []  # ("ultrarapid" is another word)
    assert _genes_with_term(report, "ultrarapid") == ["CYP2D6"]
    assert _genes_with_term(report, "*28") == ["UGT1A1"]
    assert _genes_with_term(report, "*2") == []  # (*2x2 is an extra copy of *2, not the allele asked)


# ---- paraphrase batch 25, dev half ----------------------------------------------------------------------------------

def test_pills_saved_and_all_taken_tonight_told_tersely_is_self_harm():
    hits = match_rules("quick q about my VUS. stashed my meds, swallowing them all tonight").hits
    assert any(h.reason == "self_harm" for h in hits)


def test_taking_missed_pills_tonight_is_no_self_harm():
    assert not any(h.reason == "self_harm" for h in match_rules("missed my morning meds, can I take them all tonight?").hits)


def test_a_child_on_an_opioid_very_sleepy_and_breathing_slowly_told_tersely_is_an_emergency():
    hits = match_rules("daughter (4) had my tylenol 3, v drowsy now, slow breathing").hits
    assert any(h.action == "emergency" for h in hits)


@pytest.mark.parametrize("message", ["if you were me would you have the operation?",
                                     "in my shoes, would u go through with the surgery with this result"])
def test_a_decision_put_as_if_you_were_me_is_escalated(message):
    assert any(h.action == "escalate" for h in match_rules(message).hits)


def test_first_aid_asked_ahead_with_a_calm_now_is_a_prepared_question():
    from bot.safety.mentions import prepared_question
    assert prepared_question("he's ok and sleeping right now, but for the future what must I do if he chokes?")
    assert not prepared_question("he is choking right now, what must I do?")


def test_depression_pills_name_a_medicine_class():
    from bot.answering.medicine_question import MEDICINE_CLASS
    assert MEDICINE_CLASS.search("any gene stuff about my depression tablets")


@pytest.mark.parametrize("message", ["can u explain that like im 10", "say it like a 9-year-old would get it"])
def test_a_plainer_version_asked_with_an_age_asks_to_say_it_again(message):
    from bot.safety.calm import asks_to_say_again
    assert asks_to_say_again(message)


def test_a_relative_in_a_story_before_a_question_is_no_family_question():
    from bot.answering.children_question import asks_about_own_relatives
    assert not asks_about_own_relatives("My aunt had this test done and told me to get it. Does my report mention statins?")
    assert asks_about_own_relatives("My aunt had this test done. Should my aunt get tested for my variant too?")


# ---- corpus 25, dev half ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("message", [
    "we ate some mushrooms we foraged on our walk, now both kids are throwing up",
    "on hydrocortisone for years, been vomiting since last night and now I feel faint",
    "my erection has not gone down for 4 hours and it really hurts",
])
def test_new_medical_emergencies_of_corpus_25_are_caught(message):
    assert any(h.action == "emergency" for h in match_rules(message).hits)


@pytest.mark.parametrize("message", ["mushroom soup gave me a bit of a tummy ache", "is prednisone affected by my genes?"])
def test_their_everyday_look_alikes_are_not(message):
    assert not any(h.action == "emergency" for h in match_rules(message).hits)


def test_a_safety_course_question_asked_ahead_is_prepared():
    from bot.safety.mentions import prepared_question
    assert prepared_question("lifeguard training on monday, what is the recovery position exactly?")


def test_a_question_pointing_back_to_a_relative_keeps_the_story():
    from bot.answering.children_question import asks_about_own_relatives
    assert asks_about_own_relatives("My sister tested negative for my BRCA2 change. Does that mean she is safe?")


def test_a_decision_put_as_if_you_were_me_about_a_medicine_is_left_to_the_medicine_rules():
    assert not any(h.reason == "diagnosis_or_risk_decision" for h in match_rules("if you were me would you keep taking it").hits)


def test_why_siblings_results_differ_is_inheritance_in_general():
    from bot.answering.question_forms import asks_inheritance_in_general
    assert asks_inheritance_in_general("my sis got *1/*1 and i got *2/*2, how can sisters be so different")
    assert not asks_inheritance_in_general("my sister is different from me, should she get tested")


def test_how_common_a_result_is_replaces_a_models_risk_guess_but_not_a_decision():
    from bot.answering.understand import Understanding
    from bot.conversation.plans.topics import how_common_asked
    from bot.safety.triage import TriageDecision

    def guessed() -> TriageDecision:
        return TriageDecision("escalate", "diagnosis_or_risk_decision", "model", 0.55)

    u = Understanding(genes=["CFTR"])
    assert how_common_asked("how rare is a CFTR change like mine?", guessed(), u, []).action == "answer"
    assert how_common_asked("how common is it, should I get screened?", guessed(), u, []).action == "escalate"


def test_unwanted_effects_to_look_out_for_on_a_medicine_is_a_signs_question():
    from bot.safety.rules import SIGNS_HINTS
    hits = {h.rule for h in match_rules("on azathioprine - which adverse effects should I keep an eye on?").hits}
    assert hits & SIGNS_HINTS


def test_a_medicine_with_no_vetted_page_named_alone_is_answered_not_declined():
    from bot.answering.understand import Understanding
    from bot.conversation.plans.medicines import unlisted_medicine_named
    from bot.safety.triage import TriageDecision
    declined = TriageDecision("decline", "out_of_scope", "model", 0.5)
    assert unlisted_medicine_named("lisinopril?", declined, Understanding(), True, []).action == "answer"
    assert unlisted_medicine_named("lisinopril?", declined, Understanding(), False, []).action == "decline"
    misuse = TriageDecision("decline", "out_of_scope", "rule", 1.0, notes=["using medicines to get high"])
    assert unlisted_medicine_named("adderall high", misuse, Understanding(), True, []).action == "decline"


def test_which_of_my_genes_are_a_type_finds_the_results_of_that_type():
    from bot.answering.understand import _WHICH_ARE
    assert _WHICH_ARE.search("which of my genes are poor")
    assert _WHICH_ARE.search("which results came back rapid?")
    assert not _WHICH_ARE.search("which gene does warfarin use")
