"""Worried questions about the patient's own result (issue 15): one action per result type, whatever the wording.

The intent is judged from REASSURE's sentence frames, a worry word the sentence vector does not place among other
questions, or the meaning alone (worry_intent.py); the plan then picks the action by result type (worry.py).
"""

from __future__ import annotations

import numpy as np
import pytest

from bot.answering.understand import Understanding, Vocabulary, understand
from bot.answering.worry import about_treatment, worry_plan
from bot.answering.worry_intent import (
    CUE_MARGIN,
    MEANING_MARGIN,
    WorryIntent,
    WorryJudgement,
    has_worry_cue,
)
from bot.conversation.plans import WORRY_ALARM_MAX
from bot.core.report import PgxResult, Report, Variant
from bot.safety.asks import without_deadly_result_question
from bot.safety.triage import TriageDecision, triage

BRCA2_ATM = Report(source_format="native", variants=[
    Variant(gene="BRCA2", hgvs="c.5946delT", zygosity="heterozygous", classification="Pathogenic",
            condition="Hereditary breast and ovarian cancer"),
    Variant(gene="ATM", hgvs="c.4388T>G", zygosity="heterozygous", classification="Uncertain significance",
            condition="Hereditary cancer-predisposing syndrome")])
CARRIER = Report(source_format="native", variants=[Variant(
    gene="CFTR", hgvs="c.1521_1523delCTT", zygosity="heterozygous", classification="Pathogenic",
    condition="Cystic fibrosis")])
DPYD = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="DPYD", diplotype="c.1905+1G>A/Reference", phenotype="Intermediate Metabolizer")])
WARFARIN = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C9", diplotype="*2/*3", phenotype="Poor Metabolizer"),
    PgxResult(gene="VKORC1", diplotype="rs9923231 T/T")])
PANEL = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C19", diplotype="*2/*2", phenotype="Poor Metabolizer"),
    PgxResult(gene="SLCO1B1", diplotype="*1/*5", phenotype="Decreased Function")])
LYNCH = Report(source_format="native", variants=[Variant(
    gene="MLH1", hgvs="c.2041G>A", zygosity="heterozygous", classification="Pathogenic", condition="Lynch syndrome")])


class FixedIntent:
    """A worry judgement chosen by the test, so the engine's policy is tested apart from any embedder."""

    def __init__(self, cue: str) -> None:
        self.cue = cue

    def judge(self, text, vector) -> WorryJudgement:
        return WorryJudgement(bool(self.cue), self.cue, 0.7, 0.4)


# ---- the words ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["atm vus - bad or not?", "brca2 positive = cancer?", "is it dangerus for me",
                                  "should I be fretting over my result", "brca2 result make me scare, is big problem?",
                                  "so i have the disease?", "poor metaboliser sounds awful, is my body broken"])
def test_a_worry_word_is_found_in_clipped_misspelt_and_non_native_wording(text):
    assert has_worry_cue(text)


@pytest.mark.parametrize("text", ["what does my result mean", "ok then what about CYP2C9", "sorry, what does that mean",
                                  "explain my report", "what does hereditary breast and ovarian cancer mean on my report"])
def test_questions_without_worry_have_no_worry_word(text):
    assert not has_worry_cue(text)


# ---- the judgement: frames, a worry word with the vector, the meaning alone ---------------------------------------

def _intent_and_vector(margin: float, worry: float = 0.7) -> tuple[WorryIntent, np.ndarray]:
    """Exemplars and a message vector whose mean similarity to the worried side is ``worry`` and to the other side
    ``worry - margin`` (unit vectors in three dimensions)."""
    def unit(cos: float, axis: int) -> np.ndarray:
        v = np.zeros(3)
        v[0], v[axis] = cos, np.sqrt(1 - cos * cos)
        return v

    message = np.array([1.0, 0.0, 0.0])
    return WorryIntent(np.array([unit(worry, 1)] * 3), np.array([unit(worry - margin, 2)] * 3)), message


def test_a_worry_word_counts_unless_the_message_is_clearly_nearer_other_questions():
    near, v = _intent_and_vector(CUE_MARGIN + 0.01)
    assert near.judge("atm vus - bad or not?", v).cue == "cue"
    far, v = _intent_and_vector(CUE_MARGIN - 0.05)
    assert not far.judge("atm vus - bad or not?", v).worried


def test_without_any_worry_word_only_a_message_far_on_the_worried_side_counts():
    close, v = _intent_and_vector(MEANING_MARGIN - 0.02)
    assert not close.judge("tell me the truth about my gene", v).worried
    far, v = _intent_and_vector(MEANING_MARGIN + 0.02)
    assert far.judge("tell me the truth about my gene", v).cue == "meaning"


@pytest.mark.parametrize("text", ["my friend's brca2 report came back, scary for her?",
                                  "is having a BRCA2 variant the same as having cancer"])
def test_a_worry_word_about_someone_else_or_people_in_general_is_not_a_worry_about_the_own_result(text):
    intent, v = _intent_and_vector(0.3)
    assert not intent.judge(text, v).worried


def test_the_sentence_frames_need_no_vector():
    intent, _ = _intent_and_vector(-0.2)
    assert intent.judge("does this mean I have cancer", lambda: pytest.fail("no vector needed")).cue == "words"



# ---- which result, and which action -------------------------------------------------------------------------------

def test_a_medicine_word_that_only_names_a_gene_is_a_result_not_a_medicine_question():
    vocab = Vocabulary.builtin()
    u = understand("is my warfarin gene result something to be scared of", vocab=vocab, report=WARFARIN)
    assert u.drugs == ["warfarin"] and u.medicines_asked == []
    assert {"CYP2C9", "VKORC1"} <= set(u.named_genes) and "CYP4F2" not in u.named_genes  # only the report's genes
    assert not about_treatment("is my blood thinner gene result something to be scared of", Understanding())


def test_the_british_spelling_of_a_result_type_finds_the_result():
    u = understand("poor metaboliser sounds awful", vocab=Vocabulary.builtin(), report=PANEL)
    assert "CYP2C19" in u.genes


@pytest.mark.parametrize("text, reason", [("could chemo kill me because of my DPYD result", "medication_change"),
                                          ("is my DPYD result dangerous", None)])
def test_a_pharmacogenomic_worry_is_answered_unless_it_is_about_a_medicine_or_treatment(text, reason):
    plan = worry_plan(text, understand(text, vocab=Vocabulary.builtin(), report=DPYD), DPYD, worried=True)
    assert plan is not None and plan.genes == ["DPYD"]
    assert (plan.escalate, plan.reason if plan.escalate else None) == (reason is not None, reason)


@pytest.mark.parametrize("text", ["is this bad", "should I be worried about the ATM one", "am i ok"])
def test_a_harmful_variant_or_vus_escalates_however_the_result_is_pointed_at(text):
    plan = worry_plan(text, understand(text, vocab=Vocabulary.builtin(), report=BRCA2_ATM), BRCA2_ATM, worried=True)
    assert plan is not None and plan.escalate and plan.reason == "diagnosis_or_risk_decision"


# ---- the engine ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["am i ok", "is this bad??", "should i be scared of this", "be honest, is my result bad"])
def test_short_worried_questions_on_a_carrier_result_are_all_answered_with_the_result(engine, text):
    reply = engine.reply(text, report=CARRIER)
    assert reply.action == "answer" and "CFTR" in reply.text
    assert any(t.step == "plan" and t.outcome == "worry:answer" for t in reply.trace)


@pytest.mark.parametrize("text", ["am i ok", "is this bad??", "how bad is it", "atm vus - bad or not?"])
def test_short_worried_questions_on_a_harmful_variant_all_escalate_with_the_result(engine, text):
    reply = engine.reply(text, report=BRCA2_ATM)
    assert (reply.action, reply.reason) == ("escalate", "diagnosis_or_risk_decision")
    assert "BRCA2" in reply.text or "ATM" in reply.text


def test_a_resemblance_alone_never_turns_an_escalation_into_an_answer(engine, monkeypatch):
    u = understand("tell me straight about my SLCO1B1", vocab=engine._vocab, report=PANEL)
    escalated = TriageDecision("escalate", "medication_change", "model", 0.6)
    vector = engine._embed("tell me straight about my SLCO1B1")
    monkeypatch.setattr(engine, "_worry_intent", FixedIntent("meaning"))
    assert engine._plan_worry("tell me straight about my SLCO1B1", escalated, u, PANEL, vector, []) is escalated
    monkeypatch.setattr(engine, "_worry_intent", FixedIntent("cue"))  # a worry word, and the gene named: the plan
    assert engine._plan_worry("tell me straight about my SLCO1B1", escalated, u, PANEL, vector, []).action == "answer"


def test_a_worry_word_without_the_result_named_keeps_an_escalation(engine, monkeypatch):
    u = understand("so that is scary", vocab=engine._vocab, report=PANEL)
    escalated = TriageDecision("escalate", "diagnosis_or_risk_decision", "model", 0.6)
    monkeypatch.setattr(engine, "_worry_intent", FixedIntent("cue"))
    decision = engine._plan_worry("so that is scary", escalated, u, PANEL, engine._embed("so that is scary"), [])
    assert decision is escalated


@pytest.mark.parametrize("text, set_aside", [
    ("is my SLCO1B1 result deadly for me", True),  # the worry frames
    ("slco1b1 decreased function = death??", True),  # a worry word beside the result it names
    ("so that = death??", False),  # a worry word, no result named
    ("is my SLCO1B1 result deadly, my chest feels tight", False),  # a sign in the body
    ("is my SLCO1B1 result deadly, i cant stop shaking right now", False),  # something happening now
])
def test_a_weak_alarm_is_set_aside_only_for_a_worry_about_a_named_result_with_nothing_in_the_body(engine, monkeypatch,
                                                                                                   text, set_aside):
    monkeypatch.setattr(engine, "_worry_intent", FixedIntent("meaning"))  # a resemblance never counts here
    alarm = TriageDecision("emergency", "emergency_symptoms", "model", WORRY_ALARM_MAX - 0.1)
    u = understand(text, vocab=engine._vocab, report=PANEL)
    decision = engine._plan_worry(text, alarm, u, PANEL, engine._embed(text), [])
    assert (decision is not alarm) == set_aside
    if set_aside:
        assert decision.action == "answer" and u.emergency_line  # the reply still names the emergency number


def test_a_weak_alarm_about_a_medicine_is_never_set_aside(engine):
    alarm = TriageDecision("emergency", "emergency_symptoms", "model", WORRY_ALARM_MAX - 0.1)
    text = "is my clopidogrel dangerous for me"
    u = understand(text, vocab=engine._vocab, report=PANEL)
    assert engine._plan_worry(text, alarm, u, PANEL, engine._embed(text), []) is alarm


@pytest.mark.parametrize("text", ["I'm scared of my result, should I stop my plavix",
                                  "is my result bad? do i need to stop clopidogrel"])
def test_a_medicine_decision_in_a_worried_message_still_escalates(engine, text):
    reply = engine.reply(text, report=PANEL)
    assert reply.action == "escalate"


@pytest.mark.parametrize("text", ["I'm worried, should my sister get tested for CF", "im scared, my throat is closing"])
def test_a_family_decision_or_an_emergency_in_a_worried_message_is_not_the_worry_plan(engine, text):
    reply = engine.reply(text, report=CARRIER)
    assert reply.action in ("escalate", "emergency") and not any(t.step == "plan" for t in reply.trace)


# ---- "am I going to die from my result" is a risk question, not the self-harm rule --------------------------------

@pytest.mark.parametrize("text", ["am i going to die from this MLH1 thing", "am i going to die young because of my brca2",
                                  "am i going to die if i ever need an operation", "could this gene end my life early",
                                  "just found out i have lynch, am i going to die"])
def test_asking_whether_a_result_will_kill_me_is_not_a_self_harm_alarm(text):
    assert without_deadly_result_question(text) is not None
    assert triage(text).action != "emergency"


@pytest.mark.parametrize("text", ["am i going to die from this rash", "am i going to die, i took all my pills",
                                  "im going to die from this result, i cant take it", "i want to die because of my brca2",
                                  "am i going to die from my MLH1 thing? i want to die anyway",
                                  "could this gene end my life, i have the pills ready", "i have brca2 and i want to end my life"])
def test_the_self_harm_rule_still_fires_when_anything_else_says_danger(text):
    assert triage(text).action == "emergency"


def test_a_deadly_result_question_gets_the_worry_plan(engine):
    reply = engine.reply("am i going to die from this MLH1 thing", report=LYNCH)
    assert (reply.action, reply.reason) == ("escalate", "diagnosis_or_risk_decision") and "MLH1" in reply.text


def test_asking_to_be_told_one_is_not_ill_is_a_worried_question():
    # round 6: "so I don't actually have CF, right?" after a carrier result is the worry "do I have it" turned round
    from bot.answering.worry_intent import REASSURE

    for text in ("so I don't actually have CF, right?", "Just to be sure: I don't have the disease myself?",
                 "so I'm not sick then?"):
        assert REASSURE.search(text), text
    assert not REASSURE.search("I don't have a report yet")
