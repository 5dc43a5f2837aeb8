"""Stop 46: answers on the real engine, index and models for the tenth new-user pass's answer findings (N15, N17, N19,
N22, N23, N24). Each test uses other wording than the message that was reported.

"and the pain one?" after a clopidogrel answer repeated the CYP2C19 text; "tell me more about the second one" after a
whole-report answer was declined; "what does my result mean for succinylcholine" never said it is a trigger; an
HLA-B*57:01 negative was told about "a true negative" for a family variant; "does BRCA2 change how I process
ibuprofen" had a text on PARP inhibitors; "honestly I'm a bit worried" was told "I can't make a diagnosis".
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.safety import wording
from tests.support.engine import chat as _chat
from tests.support.engine import eval_report as _report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def engine(real_engine) -> Any:
    return real_engine


@pytest.mark.parametrize(("follow_up", "own", "not_own"), [
    ("what about the painkiller one", "CYP2D6 *1/*4", "CYP2C19 *2/*2"),
    ("ok and the statin gene?", "SLCO1B1 *1/*5", "CYP2C19 *2/*2"),
    ("and the one for transplants?", "CYP3A5 *3/*3", "CYP2C19 *2/*2"),
])
def test_a_result_named_by_its_use_is_that_result_not_the_last_topic(engine, follow_up, own, not_own):
    first, reply = _chat(engine, _report("pgx_panel.json"), "is my clopidogrel affected by my genes", follow_up)
    assert own in reply.text, reply.trace
    assert not_own not in reply.text


def test_the_hearing_result_after_a_g6pd_answer_is_mt_rnr1(engine):
    _, reply = _chat(engine, _report("pgx_phenotype_only.json"), "explain my G6PD bit", "and the deafness one?")
    assert "MT-RNR1" in reply.text.split("\n\n")[0], reply.trace
    assert "G6PD" not in reply.text.split("\n\n")[0]


def test_the_second_result_of_a_whole_report_answer_is_the_second_one_told(engine):
    summary, reply = _chat(engine, _report("pgx_dpyd_im.json"), "can you go over my results", "what about the 2nd one")
    assert summary.text.index("DPYD") < summary.text.index("UGT1A1")
    assert reply.action == "answer", reply.trace
    assert reply.text.startswith("Your report lists UGT1A1")


def test_which_is_worse_after_two_results_answers_with_the_report_by_importance(engine):
    replies = _chat(engine, _report("pgx_panel.json"), "tell me about my SLCO1B1", "and my CYP2C9?",
                    "which one is more serious")
    assert replies[-1].action == "answer", replies[-1].trace
    assert "Your report lists" in replies[-1].text


def test_a_trigger_medicine_asked_by_name_is_told_it_is_a_trigger(engine):
    reply = engine.reply("is sux a problem with my ryr1 result", report=_report("pgx_ryr1_tpmt.json"))
    assert "is also a trigger" in reply.text, reply.trace
    assert reply.text.count("succinylcholine (Anectine, Quelicin)") == 1  # said once, not twice in other words


def test_an_hla_negative_result_is_not_explained_with_family_variant_text(engine):
    reply = engine.reply("my HLA-B*57:01 came back negative, what does that mean", report=_report("pgx_panel.json"))
    assert "true negative" not in reply.text, reply.trace
    assert "known in your family" not in reply.text


@pytest.mark.parametrize(("report", "text", "gene"), [
    ("hereditary_brca2.json", "will my brca2 change how i break down advil", "BRCA2"),
    ("lynch_mlh1.json", "does having lynch affect my meds at all", "MLH1"),
])
def test_a_hereditary_result_asked_about_medicines_says_it_does_not_change_them(engine, report, text, gene):
    reply = engine.reply(text, report=_report(report))
    assert wording.NO_MEDICINE_EFFECT.format(genes=gene) in reply.text, reply.trace


@pytest.mark.parametrize("report", ["hereditary_brca2.json", "pgx_ryr1_tpmt.json", "pgx_cyp2c19_pm.json"])
def test_a_worry_told_with_nothing_asked_is_met_and_gets_the_own_result(engine, report):
    reply = engine.reply("tbh this whole thing scares me", report=_report(report))
    assert reply.text.startswith(wording.FEELING_HEARD), reply.trace
    assert "Your report lists" in reply.text
    assert "I can't make a diagnosis" not in reply.text
    assert reply.action in ("answer", "escalate")
