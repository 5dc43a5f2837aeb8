""""What does my result mean" (issue 15): the patient's own result, its plain meaning and its most important medicine
lead the reply, whatever passage retrieval ranks first; the same result reads the same however the question is worded."""

from __future__ import annotations

import pytest

from bot.answering.facts import lead_medicines, plain_meaning
from bot.answering.local import LocalComposer
from bot.answering.understand import understand
from bot.answering.vocabulary import Vocabulary
from bot.core.passage import Passage
from bot.core.report import PgxResult, Report
from bot.evals.grounding import Grounder
from bot.safety import wording

CYP2C19_PM = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C19", diplotype="*2/*2", phenotype="Poor Metabolizer"),
])
WARFARIN = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C9", diplotype="*1/*1", phenotype="Normal Metabolizer"),
    PgxResult(gene="VKORC1", diplotype="rs9923231 C/T", phenotype=None),
])
PANEL = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C19", diplotype="*2/*2", phenotype="Poor Metabolizer"),
    PgxResult(gene="CYP2D6", diplotype="*4/*4", phenotype="Poor Metabolizer"),
    PgxResult(gene="TPMT", diplotype="*1/*1", phenotype="Normal Metabolizer"),
    PgxResult(gene="HLA-B", diplotype="*57:01 negative", phenotype="*57:01 negative"),
])


@pytest.mark.parametrize("question", [
    "what does my cyp2c19 result mean",
    "can you explain my CYP2C19 gene to me",
    "cyp2c19 *2/*2 meaning??",
    "what is my 2c19 result telling me",
])
def test_my_cyp2c19_poor_metabolizer_result_names_clopidogrel_first(engine, question):
    text = engine.reply(question, report=CYP2C19_PM).text
    assert "clopidogrel" in text
    for other in ("citalopram", "sertraline", "voriconazole", "omeprazole"):
        assert other not in text or text.index("clopidogrel") < text.index(other), other


def test_paraphrases_of_what_my_result_means_open_with_the_same_lead():
    leads = {tuple(plain_meaning(CYP2C19_PM, "CYP2C19"))}
    assert leads == {("Your body breaks down some medicines much more slowly than usual.",
                      "It can matter for clopidogrel (a heart medicine).")}


def test_a_vkorc1_genotype_is_told_in_plain_words(engine):
    text = engine.reply("what does my warfarin gene mean", report=WARFARIN).text
    assert "rs9923231 C/T" in text and "sensitive to warfarin" in text


def test_a_typical_result_names_its_medicines_before_saying_they_work_as_usual():
    said = plain_meaning(PANEL, "TPMT")
    assert said[0].startswith("This gene affects thiopurines") and "usual speed" in said[1]


def test_a_result_whose_meaning_names_its_medicine_does_not_repeat_it():
    said = plain_meaning(PANEL, "HLA-B")
    assert len(said) == 1 and "abacavir" in said[0]


def test_an_hla_result_written_the_same_in_both_fields_is_said_once(engine):
    text = engine.reply("what does my HLA-B result mean", report=PANEL).text
    assert text.count("*57:01 negative") == 1


def test_a_question_about_one_medicine_does_not_list_the_results_other_medicines(engine):
    text = engine.reply("why is plavix mentioned with my genes", report=CYP2C19_PM).text
    assert "clopidogrel" in text.lower() and "antidepressant" not in text


def test_explain_my_report_gives_each_important_result_its_most_important_medicine(engine):
    text = engine.reply("explain my report simply", report=PANEL).text
    assert "clopidogrel" in text and "codeine" in text
    assert text.index("clopidogrel") < text.index("CYP2D6") < text.index("codeine")


def test_the_lead_medicine_comes_from_the_cards_first_use():
    assert "clopidogrel" in lead_medicines(CYP2C19_PM, "CYP2C19")
    assert lead_medicines(CYP2C19_PM, "CYP2D6") == set()


def test_card_lines_for_the_report_are_grounded_and_other_medicines_are_not():
    g = Grounder(docs={})
    assert g.supported("It can matter for clopidogrel (a heart medicine).", [], CYP2C19_PM)
    assert g.supported("Your body breaks down some medicines much more slowly than usual.", [], CYP2C19_PM)
    assert not g.supported("It can matter for aspirin (a pain reliever).", [], CYP2C19_PM)
    assert not g.supported(wording.RESULT_CONCERNS.format(medicines="aspirin"), [], CYP2C19_PM)


def _passage(doc: str, title: str, text: str, drugs: list[str]) -> Passage:
    return Passage(chunk_id=f"{doc}#1", doc_id=doc, title=title, section="Results", text=text, genes=["CYP2C19"],
                   drugs=drugs)


RETRIEVED = [  # the order retrieval gave for one paraphrase: an antidepressant document before the heart medicine's
    _passage("drug-ssris-snris", "SSRI antidepressants and your genes",
             "In CYP2C19 poor metabolizers, citalopram and sertraline can build up.", ["citalopram", "sertraline"]),
    _passage("drug-clopidogrel", "Clopidogrel (Plavix) and the CYP2C19 gene",
             "A CYP2C19 poor metabolizer makes very little active clopidogrel.", ["clopidogrel"]),
]


def test_what_my_result_means_uses_the_most_important_medicines_document_whatever_retrieval_ranked_first():
    question = "what does my cyp2c19 result mean"
    u = understand(question, vocab=Vocabulary.builtin(), report=CYP2C19_PM)
    draft = LocalComposer().compose(question, u, CYP2C19_PM, RETRIEVED, reason="explained_result")
    used = {chunk.split("#")[0] for chunk in draft.used_chunk_ids()}
    assert "drug-clopidogrel" in used and "drug-ssris-snris" not in used
