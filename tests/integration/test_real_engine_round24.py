"""Stop 48: replies on the real engine, index and models for the twelfth and thirteenth new-user passes' leads. Each
test uses other wording than the message that was reported.

"is that homozygous" after a VKORC1 answer never said; an omeprazole question had only the PPI list; signs of muscle
breakdown told over two messages had the check-in tier; "what does my test show" had only "Not tested means ...";
"what does poor mean" was declined; a surgery told after a TPMT answer had TPMT's text and not the RYR1 result.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.engine import chat as _chat
from tests.support.engine import eval_report as _report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def engine(real_engine) -> Any:
    return real_engine


def test_a_zygosity_follow_up_on_a_star_result_says_which_it_is(engine):
    _, reply = _chat(engine, _report("pgx_cyp2c19_pm.json"), "tell me about my CYP2C19", "so am I homozygous then?")
    assert reply.action == "answer", reply.trace
    assert "CYP2C19 *2/*2 are the same" in reply.text and "homozygous" in reply.text


def test_a_ppi_question_from_a_poor_metabolizer_says_what_the_type_means_for_ppis(engine):
    reply = engine.reply("my doctor put me on prevacid, does my result matter", report=_report("pgx_cyp2c19_pm.json"))
    assert reply.action in ("answer", "escalate"), reply.trace
    assert "clear these PPIs more slowly" in reply.text
    assert "Lansoprazole, sold as Prevacid" not in reply.text.split("The CPIC guide covers these PPIs:")[0]


def test_a_ppi_that_depends_less_on_the_gene_gets_its_own_sentence(engine):
    reply = engine.reply("and what about aciphex?", report=_report("pgx_cyp2c19_pm.json"))
    assert "depend less on CYP2C19" in reply.text, reply.trace


def test_muscle_breakdown_signs_told_over_two_messages_are_an_emergency(engine):
    replies = _chat(engine, _report("pgx_panel.json"), "I take simvastatin and my calves are so sore",
                    "also my pee has gone cola colored")
    assert replies[-1].action == "emergency", replies[-1].trace


def test_what_my_test_shows_goes_over_the_report(engine):
    reply = engine.reply("what does my test show", report=_report("lynch_mlh1.json"))
    assert reply.action == "answer", reply.trace
    assert "MLH1" in reply.text
    assert "Not tested means" not in reply.text


@pytest.mark.parametrize("question", ["what does poor mean?", "poor means what"])
def test_a_result_word_asked_alone_is_explained_with_the_patients_result(engine, question):
    reply = engine.reply(question, report=_report("pgx_warfarin.json"))
    assert reply.action == "answer", reply.trace
    assert "CYP2C9 *2/*3" in reply.text


def test_a_surgery_told_after_another_genes_answer_gets_the_anaesthesia_result(engine):
    _, reply = _chat(engine, _report("pgx_ryr1_tpmt.json"), "explain TPMT please", "getting my knee replaced in may, anything to tell them?")
    assert "RYR1" in reply.text, reply.trace
    assert reply.action != "emergency"


def test_starting_a_medicine_is_no_emergency(engine):
    reply = engine.reply("I just started codeine", report=_report("pgx_cyp2d6_um.json"))
    assert reply.action != "emergency", reply.trace
    assert "988" not in reply.text


def test_a_persian_overdose_is_an_emergency(engine):
    reply = engine.reply("بیش از حد قرص خوردم و سرم گیج می‌رود", report=_report("pgx_panel.json"))
    assert reply.action == "emergency", reply.trace


def test_a_retest_asked_about_a_gene_the_lab_could_not_read_is_not_told_a_test_is_done_once(engine):
    _, reply = _chat(engine, _report("pgx_no_result.json"), "why is my CYP2D6 blank", "can I retest it?")
    assert "only needs to be done once" not in reply.text, reply.trace
    assert "CYP2D6" in reply.text


def test_depression_medicines_asked_about_are_explained(engine):
    reply = engine.reply("anything in my results about depression meds?", report=_report("pgx_panel.json"))
    assert reply.action == "answer", reply.trace
    assert "CYP2C19" in reply.text


def test_a_medicine_with_no_vetted_page_named_alone_says_so(engine):
    reply = engine.reply("lisinopril", report=_report("pgx_panel.json"))
    assert reply.action == "answer", reply.trace
    assert "vetted information about that medicine" in reply.text
