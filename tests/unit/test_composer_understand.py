"""Understanding a question against the report: variant names, follow-ups, result words."""

from __future__ import annotations

from bot.answering.understand import Vocabulary, understand
from bot.core.reply import Turn
from bot.core.report import PgxResult, Report, Variant

VOCAB = Vocabulary.builtin()
HEREDITARY = Report(source_format="native", variants=[
    Variant(gene="BRCA2", hgvs="c.5946delT", protein="p.Ser1982fs", classification="Pathogenic"),
    Variant(gene="ATM", hgvs="c.4388T>G", protein="p.Phe1463Cys", classification="Uncertain significance")])
PANEL = Report(source_format="native", pharmacogenomics=[
    PgxResult(gene="CYP2C19", diplotype="*2/*2", phenotype="Poor Metabolizer", phenotype_source="stated"),
    PgxResult(gene="SLCO1B1", diplotype="*1/*5", phenotype="Decreased Function", phenotype_source="stated")])
AFTER_SLCO1B1 = [Turn(role="user", text="what does my SLCO1B1 mean"), Turn(role="bot", text="...", genes=["SLCO1B1"])]


def test_variant_name_in_the_question_finds_its_gene():
    assert understand("what is c.5946delT on my report", vocab=VOCAB, report=HEREDITARY).genes == ["BRCA2"]
    assert understand("what does Phe1463Cys mean", vocab=VOCAB, report=HEREDITARY).genes == ["ATM"]


def test_the_other_one_means_the_gene_not_just_discussed():
    history = [Turn(role="user", text="what does my BRCA2 variant mean"), Turn(role="bot", text="...", genes=["BRCA2"])]
    u = understand("and the other one on my report?", vocab=VOCAB, report=HEREDITARY, history=history)
    assert u.genes == ["ATM"] and u.followup


def test_self_contained_question_does_not_inherit_the_last_gene():
    u = understand("what is an activity score", vocab=VOCAB, report=PANEL, history=AFTER_SLCO1B1)
    assert u.genes == [] and not u.followup


def test_privacy_question_with_this_does_not_inherit_the_last_gene():
    u = understand("my insurance company, can they see this?", vocab=VOCAB, report=PANEL, history=AFTER_SLCO1B1)
    assert u.genes == []


def test_bare_result_word_points_to_the_report_gene_with_that_result():
    u = understand("my report says poor and that scared me, what does it mean", vocab=VOCAB, report=PANEL)
    assert u.genes == ["CYP2C19"]


def test_lay_condition_name_maps_to_its_gene():
    assert "SMN1" in understand("am i an SMA carrier too", vocab=VOCAB).genes


def test_atm_in_lower_case_is_not_a_gene():
    assert understand("what does my result mean atm", vocab=VOCAB).genes == []
