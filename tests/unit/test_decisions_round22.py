"""Stop 46: triage and plan decisions from the dev halves of patient batch 5 and paraphrase batch 23 and the tenth
new-user pass. Each test uses other wording than the message that was reported."""

from __future__ import annotations

import pytest

from bot.answering.medicine_question import explains_medicine
from bot.answering.vocabulary import Vocabulary
from bot.safety.rules import match_rules


def _rules(text: str) -> set[str]:
    return {h.rule for h in match_rules(text).hits}


@pytest.mark.parametrize("text", ["my result looked a bit odd to me", "feels odd being the odd one out in my family"])
def test_the_word_odd_is_no_overdose(text):
    # "od'd" (overdosed) was matched with its quote optional, so "odd" was an emergency (batch 23 dev)
    assert not match_rules(text).has_emergency


@pytest.mark.parametrize("text", ["i think my brother OD'd", "she ODed an hour ago", "he odd on his meds again"])
def test_overdosed_written_short_is_still_an_emergency(text):
    assert match_rules(text).has_emergency


@pytest.mark.parametrize("text", ["we're both carriers and 10 weeks along... should we terminate?",
                                  "is abortion something we should think about given my result"])
def test_ending_a_pregnancy_in_few_words_is_a_pregnancy_decision(text):
    assert "pregnancy_decision#1" in _rules(text)


@pytest.mark.parametrize("text", ["how to abort a rebase in git", "my landlord wants to terminate the lease early"])
def test_abort_or_terminate_without_a_pregnancy_is_not_one(text):
    assert not {r for r in _rules(text) if r.startswith("pregnancy_decision")}


@pytest.mark.parametrize("text", ["hip replacement next month and i'm so scared i won't wake up after",
                                  "what if i dont wake up from the anaesthetic"])
def test_fear_of_not_waking_from_an_operation_is_no_emergency(text):
    assert not match_rules(text).has_emergency


@pytest.mark.parametrize("text", ["scared, my husband took a bottle of pills and he won't wake up",
                                  "i'm worried, i swallowed all my tablets and i won't wake up"])
def test_not_waking_after_pills_stays_an_emergency(text):
    assert match_rules(text).has_emergency


@pytest.mark.parametrize("text", ["codeine + 2D6 poor?", "Zocor + SLCO1B1 decreased function?", "5-FU cream + DPYD?"])
def test_a_medicine_and_a_result_type_joined_by_plus_is_an_explanation_question(text):
    vocab = Vocabulary.builtin()
    assert explains_medicine(text, vocab.without_names(text))


# ---- the eleventh new-user pass (stop 46) ----

def test_red_cells_breaking_down_after_a_sulfa_antibiotic_is_an_emergency():
    # "after the bactrim my pee is dark like cola" had only a check-in: Bactrim was no trigger the rule knew (G1)
    assert "emergency_symptoms#55" in _rules("since starting septra my wee has gone dark brown and i'm so weak")


def test_a_child_who_swallowed_medicines_in_standard_arabic_is_an_emergency():
    from bot.safety import languages

    alarm = languages.match_emergency("أظن أن ابني ابتلع حبوبي")  # "I think my son swallowed my pills" (G3)
    assert alarm is not None and alarm.language == "ar"


@pytest.mark.parametrize("text", ["i took a handful of my sleeping pills", "swallowed a heap of tramadol"])
def test_a_handful_taken_is_too_much_taken(text):
    assert "emergency_symptoms#5" in _rules(text)


@pytest.mark.parametrize("text", ["in 2012 i took too many of my mum's pills but i've recovered, what is TPMT",
                                  "overdosed on paracetamol as a teen, totally fine now. does my cyp2d6 matter"])
def test_too_much_taken_long_ago_and_over_gets_the_check_in_tier(text):
    from bot.safety.alarm_votes import checks_in

    assert checks_in(text, _rules(text) & {"emergency_symptoms#5"}, None) is not None


@pytest.mark.parametrize("text", ["took too many pills this morning but i feel fine now",
                                  "overdosed years ago, fine now, but tonight i took a bunch again"])
def test_too_much_taken_lately_or_again_stays_an_emergency(text):
    from bot.safety.alarm_votes import checks_in

    assert checks_in(text, _rules(text) & {"emergency_symptoms#5"}, None) is None


@pytest.mark.parametrize(("text", "gene"), [("and the 5th one?", "TPMT"), ("what about number 4 on the list", "VKORC1"),
                                            ("the sixth?", "CYP3A5")])
def test_a_place_past_the_third_is_that_result_of_the_last_answer(text, gene):
    from bot.answering.understand import understand
    from bot.core.reply import Turn
    from bot.core.report import PgxResult, Report

    genes = ["CYP2C19", "CYP2D6", "CYP2C9", "VKORC1", "TPMT", "CYP3A5"]
    report = Report(source_format="native", pharmacogenomics=[PgxResult(gene=g, diplotype="*1/*1") for g in genes])
    told = " ".join(f"Your report lists {g} *1/*1." for g in genes)
    history = [Turn(role="user", text="go over my results"), Turn(role="bot", action="answer", text=told)]
    assert understand(text, vocab=Vocabulary.builtin(), history=history, report=report).genes == [gene]


@pytest.mark.parametrize("text", ["hey what can u do", "what could you help me with", "are you a real doctor"])
def test_asking_what_genechat_does_is_answered_with_what_it_does(text):
    from bot.conversation.smalltalk import detect

    assert detect(text, []) == "capabilities"


def test_thanks_in_texting_english_is_not_vietnamese():
    from bot.safety.languages.smalltalk import everyday_languages

    assert "vi" not in (everyday_languages("thx u") or ()) and "vi" not in (everyday_languages("ty u") or ())


@pytest.mark.parametrize("text", ["what's the emergency number in japan for a stroke? asking for our holiday",
                                  "which warfarin bleeds count as an emergency? just so i know",
                                  "what signs of a bad reaction to abacavir mean go to the ER, so i'm prepared?"])
def test_when_to_call_for_help_asked_ahead_is_no_emergency(text):
    from bot.safety.mentions import mention_only

    assert mention_only(text)


def test_when_to_call_asked_with_something_happening_now_is_not_asked_ahead():
    from bot.safety.mentions import mention_only

    assert not mention_only("my wife is bleeding a lot right now, is that an emergency? just so i know")


@pytest.mark.parametrize("text", ["whats the poison control number", "number for an ambulance in germany?",
                                  "do you have the number for the suicide hotline"])
def test_the_help_numbers_asked_for_are_given(text):
    from bot.conversation.smalltalk import detect

    assert detect(text, []) == "numbers"


def test_a_help_number_asked_with_something_happening_is_no_small_talk():
    from bot.conversation.smalltalk import detect

    assert detect("poison control number? my son just ate my pills", []) is None


@pytest.mark.parametrize(("text", "reason"), [("tüm haplarımı yuttum", "emergency_symptoms"),
                                              ("oğlum deterjan içti", "emergency_symptoms"),
                                              ("artık yaşamak istemiyorum", "self_harm")])
def test_turkish_emergencies_are_caught(text, reason):
    # Turkish had no rules: "I took all my medicines at once" got only the English-only reply (eleventh pass G2)
    from bot.safety import languages

    alarm = languages.match_emergency(text)
    assert alarm is not None and (alarm.language, alarm.reason) == ("tr", reason)


@pytest.mark.parametrize("text", ["gülmekten öldüm", "ölmek istemiyorum, sadece soruyorum", "ilaçlarımı her sabah içtim"])
def test_turkish_everyday_words_are_no_emergency(text):
    from bot.safety import languages

    assert languages.match_emergency(text) is None


@pytest.mark.parametrize("text", ["whats a no call", "is 'no result' bad?", "what do i say to my gp about the no-call"])
def test_a_no_call_asked_about_is_the_reports_result_with_no_call(text):
    from bot.answering.understand import understand
    from bot.core.report import PgxResult, Report

    report = Report(source_format="native", pharmacogenomics=[
        PgxResult(gene="SLCO1B1", diplotype="*1/*15", phenotype="Decreased Function"),
        PgxResult(gene="CYP2D6", status="no_result", no_result_reason="Sample failed")])
    assert understand(text, vocab=Vocabulary.builtin(), report=report).genes == ["CYP2D6"]


def _small_talk_step(reply) -> bool:
    return any(t.step == "language" and "small_talk" in t.detail for t in reply.trace)


def test_a_goodbye_in_another_language_after_a_crisis_reply_is_not_taken_as_small_talk(engine):
    # a goodbye after a crisis may be a farewell: it goes on to the models, as an English one does (stop 46 review)
    from bot.core.reply import Turn
    from bot.safety import wording

    crisis = [Turn(role="user", text="quero morrer"), Turn(role="bot", text=wording.SELF_HARM_FIRST, action="emergency")]
    assert _small_talk_step(engine.reply("Obrigada, tchau!"))
    assert not _small_talk_step(engine.reply("Obrigada, tchau!", history=crisis))
