"""Stop 46: the pieces behind the tenth new-user pass's answer findings, on their own (the engine-level tests are in
tests/integration/test_answers_round22.py). Worded apart from the reported messages."""

from __future__ import annotations

import pytest

from bot.answering.result_uses import genes_by_use
from bot.answering.select import near_duplicate, rank_passages
from bot.core.passage import Passage
from bot.core.report import PgxResult, Report
from bot.safety.feelings import only_a_feeling

PANEL = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene=g) for g in ("CYP2C19", "CYP2D6", "CYP2C9", "VKORC1", "SLCO1B1", "CYP3A5", "HLA-B", "MT-RNR1")])


@pytest.mark.parametrize(("text", "genes"), [
    ("and the pain meds one?", ["CYP2D6"]),
    ("what about the one for cholesterol", ["SLCO1B1"]),
    ("the blood thinner result pls", ["CYP2C9", "VKORC1"]),
    ("and the hearing loss bit", ["MT-RNR1"]),
    ("tell me about the skin rash gene", ["HLA-B"]),
    ("the transplant thing?", ["CYP3A5"]),
])
def test_a_result_named_by_its_use_is_the_reports_gene_for_it(text, genes):
    assert genes_by_use(text, PANEL) == genes


@pytest.mark.parametrize("text", ["I'm in a lot of pain today", "my heart is racing", "does it matter for statins",
                                  "the one I told you about"])
def test_a_use_word_outside_a_result_naming_frame_names_no_result(text):
    assert genes_by_use(text, PANEL) == []


def test_a_use_the_report_has_no_gene_for_names_none():
    only_cyp2c19 = Report(source_format="native", pharmacogenomics=[PgxResult(gene="CYP2C19")])
    assert genes_by_use("and the malaria one?", only_cyp2c19) == []


@pytest.mark.parametrize("text", ["I'm scared", "ngl this result frightens me", "feeling pretty anxious about all this",
                                  "I'm 52 and terrified"])
def test_a_worry_told_with_nothing_asked_is_only_a_feeling(text):
    assert only_a_feeling(text)


@pytest.mark.parametrize("text", ["I'm scared, is my result bad?", "worried - should I stop my plavix",
                                  "my husband is really worried", "what does poor metabolizer mean"])
def test_a_question_or_someone_elses_worry_is_not_only_a_feeling(text):
    assert not only_a_feeling(text)


def test_the_same_fact_in_other_words_from_another_page_is_a_duplicate():
    said = ["A drug that relaxes muscles, succinylcholine (Anectine, Quelicin), is also a trigger."]
    assert near_duplicate("Another is a drug that relaxes muscles, called succinylcholine (Anectine, Quelicin).", said)


def test_a_related_sentence_with_new_facts_is_not_a_duplicate():
    said = ["A CYP2C19 poor metabolizer makes very little active clopidogrel."]
    assert not near_duplicate("In CYP2C19 poor and intermediate metabolizers, less of the active drug is made.", said)


def _passage(chunk: str, text: str) -> Passage:
    return Passage(chunk_id=chunk, doc_id="drug-anesthesia", title="Anesthesia", section="", text=text,
                   genes=["RYR1"], drugs=["succinylcholine", "sevoflurane"])


def test_the_section_naming_the_asked_medicine_leads_its_documents_sections():
    what_it_is = _passage("drug-anesthesia#1", "In malignant hyperthermia, muscles take in too much calcium.")
    triggers = _passage("drug-anesthesia#2", "A drug that relaxes muscles, succinylcholine, is also a trigger.")
    ranked = rank_passages([what_it_is, triggers], ["RYR1"], ["succinylcholine"])
    assert [p.chunk_id for p in ranked] == ["drug-anesthesia#2", "drug-anesthesia#1"]


def test_a_medicine_one_may_need_some_day_gets_no_emergency_line(engine):
    # "what about clopidogrel, if I ever need it?" had 911 and the 988 crisis line under it (tenth pass N6)
    reply = engine.reply("and warfarin, in case i end up needing it someday?", report=PANEL)
    assert "911" not in reply.text and "988" not in reply.text, reply.trace


def test_signs_asked_ahead_name_the_emergency_number_without_the_crisis_line(engine):
    reply = engine.reply("if i ever start bleeding a lot on warfarin, what should i do", report=PANEL)
    assert reply.action == "answer", reply.trace
    assert "911" in reply.text and "988" not in reply.text
