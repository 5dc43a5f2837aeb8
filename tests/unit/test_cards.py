"""Report summary cards: level, one-liner and medicines come from the CPIC-derived data; order is what matters first."""

from __future__ import annotations

import pytest

from bot.core.report import PgxResult, Report, Variant
from bot.pgx.cards import (
    AMBIGUOUS_NOTE,
    ASK_ABOUT_GENE,
    BY_RULES_NOTE,
    LEVEL_LABELS,
    pgx_card,
    summary_cards,
    variant_card,
)
from bot.pgx.levels import LEVELS
from bot.reports.parse import parse_report


def card_for(gene: str, diplotype: str | None = None, phenotype: str | None = None):
    return pgx_card(PgxResult(gene=gene, diplotype=diplotype, phenotype=phenotype))


# --- the results the old heuristics got backwards ---------------------------------------------------------


def test_mt_rnr1_m1555ag_card_is_important():
    card = card_for("MT-RNR1", "m.1555A>G", "increased risk of aminoglycoside-induced hearing loss")
    assert card.level == "important" and card.label == "Important to discuss"
    assert "hearing loss" in card.meaning
    assert {"gentamicin", "tobramycin", "amikacin"} <= set(card.medicines)


def test_mt_rnr1_variant_without_a_stated_phenotype_is_sorted_by_cpic_rules():
    # PharmCAT's JSON gives MT-RNR1 "1555A>G" with no phenotype.
    card = card_for("MT-RNR1", "1555A>G")
    assert card.level == "important"
    assert BY_RULES_NOTE in card.notes
    assert card.result == "1555A>G"  # the report's words, nothing added


@pytest.mark.parametrize("phenotype", ["normal risk of aminoglycoside-induced hearing loss", "Normal risk"])
def test_mt_rnr1_normal_risk_is_typical(phenotype):
    assert card_for("MT-RNR1", "Reference", phenotype).level == "typical"


def test_mt_rnr1_uncertain_risk_is_unclear():
    assert card_for("MT-RNR1", "m.827A>G", "uncertain risk of aminoglycoside-induced hearing loss").level == "unclear"


@pytest.mark.parametrize("gene", ["RYR1", "CACNA1S"])
def test_malignant_hyperthermia_susceptibility_is_important(gene):
    card = card_for(gene, "c.7300G>A/Reference", "Malignant Hyperthermia Susceptibility")
    assert card.level == "important"
    assert "surgery" in card.meaning
    assert "succinylcholine" in card.medicines and "sevoflurane" in card.medicines


@pytest.mark.parametrize("gene", ["RYR1", "CACNA1S"])
def test_uncertain_susceptibility_is_the_typical_result_as_cpic_says(gene):
    card = card_for(gene, "Reference/Reference", "Uncertain Susceptibility")
    assert card.level == "typical"
    assert "cannot fully rule it out" in card.meaning


@pytest.mark.parametrize(("diplotype", "phenotype"), [
    ("rs9923231 C/T", None), ("rs9923231 T/T", None), ("C/T", None), ("T/T", None),
    ("rs9923231 C/T", "-1639 AG"), ("rs9923231 T/T", "-1639 AA"), (None, "-1639 AG"), (None, "-1639AA"),
    ("rs9923231 reference (C)/rs9923231 variant (T)", None),
])
def test_vkorc1_a_allele_carriers_are_important_for_warfarin(diplotype, phenotype):
    card = card_for("VKORC1", diplotype, phenotype)
    assert card.level == "important"
    assert card.medicines == ["warfarin"] and "warfarin" in card.meaning


@pytest.mark.parametrize(("diplotype", "phenotype"), [("rs9923231 C/C", None), ("C/C", None), (None, "-1639 GG")])
def test_vkorc1_gg_is_typical(diplotype, phenotype):
    assert card_for("VKORC1", diplotype, phenotype).level == "typical"


def test_vkorc1_from_a_native_report_reads_the_same_as_pharmcat():
    report = parse_report(b'{"pharmacogenomics": [{"gene": "VKORC1", "diplotype": "rs9923231 T/T"}]}')
    [card] = summary_cards(report)
    assert card.level == "important"


def test_cyp3a5_normal_metabolizer_is_important_for_tacrolimus():
    card = card_for("CYP3A5", "*1/*1", "Normal Metabolizer")
    assert card.level == "important"
    assert "tacrolimus" in card.meaning and card.medicines == ["tacrolimus"]


def test_cyp3a5_poor_metabolizer_is_the_typical_result():
    card = card_for("CYP3A5", "*3/*3", "Poor Metabolizer")
    assert card.level == "typical"
    assert "most common" in card.meaning and "slowly" not in card.meaning


def test_nat2_poor_metabolizer_is_not_told_it_is_unlike_most_people():
    card = card_for("NAT2", "*5/*6", "Poor Metabolizer")
    assert "most people" not in card.meaning and "than usual" not in card.meaning
    assert "slowly" in card.meaning and "hydralazine" in card.meaning


@pytest.mark.parametrize("phenotype", ["slow acetylator", "Poor metabolizer"])
def test_nat2_slow_acetylator_reads_as_poor_metabolizer(phenotype):
    assert card_for("NAT2", "*5/*5", phenotype).meaning == card_for("NAT2", "*5/*5", "Poor Metabolizer").meaning


def test_slco1b1_possible_decreased_function_says_may():
    card = card_for("SLCO1B1", "*1/*9", "Possible Decreased Function")
    assert card.level == "important"  # CPIC: Abnormal/Priority
    assert " may " in f" {card.meaning} "
    assert "statins" in card.meaning


def test_hla_b_1502_positive_concerns_carbamazepine_and_oxcarbazepine():
    card = card_for("HLA-B", "*15:02/*44:03", "*15:02 positive")
    assert card.level == "important"
    assert {"carbamazepine", "oxcarbazepine", "phenytoin", "fosphenytoin"} <= set(card.medicines)
    assert any("oxcarbazepine" in group for group in card.matters_for)


def test_hla_b_card_with_one_positive_allele_speaks_of_that_allele():
    card = card_for("HLA-B", "*15:02/*44:03", "*15:02 positive; *57:01 negative; *58:01 negative")
    assert card.level == "important"
    assert "seizure" in card.meaning and "abacavir" not in card.meaning
    assert "abacavir" not in card.medicines


def test_hla_b_all_negative_is_typical_and_names_every_medicine():
    card = card_for("HLA-B", "*44:03/*07:02", "*15:02 negative; *57:01 negative; *58:01 negative")
    assert card.level == "typical"
    assert {"abacavir", "allopurinol", "carbamazepine", "oxcarbazepine"} <= set(card.medicines)


def test_hla_b_genotype_without_a_phenotype_is_read_by_allele():
    assert card_for("HLA-B", "*57:01/*08:01").level == "important"


@pytest.mark.parametrize("phenotype", ["Deficient", "G6PD Deficient", "deficient"])
def test_g6pd_deficient_concerns_pegloticase_and_rasburicase(phenotype):
    card = card_for("G6PD", "A-/A-", phenotype)
    assert card.level == "important"
    assert {"pegloticase", "rasburicase"} <= set(card.medicines)
    assert any("pegloticase" in group for group in card.matters_for)


@pytest.mark.parametrize(("phenotype", "level"), [("Variable", "important"), ("Normal", "typical"),
                                                  ("Indeterminate", "unclear")])
def test_g6pd_levels_follow_cpic(phenotype, level):
    assert card_for("G6PD", "B/A-", phenotype).level == level


# --- matching is case-insensitive and keeps hedges ---------------------------------------------------------


@pytest.mark.parametrize(("gene", "phenotype", "level"), [
    ("CYP2C19", "Poor Metabolizer", "important"), ("CYP2C19", "poor metabolizer", "important"),
    ("CYP2C19", "CYP2C19 Poor Metaboliser", "important"), ("CYP2C19", "Rapid Metabolizer", "important"),
    ("CYP2C19", "Normal Metabolizer", "typical"), ("CYP2D6", "Ultra-rapid Metabolizer", "important"),
    ("CYP2D6", "Likely Intermediate Metabolizer", "important"), ("CYP2D6", "Indeterminate", "unclear"),
    ("CYP2B6", "Ultrarapid Metabolizer", "typical"), ("UGT1A1", "Intermediate Metabolizer", "typical"),
    ("TPMT", "Indeterminate", "unclear"), ("SLCO1B1", "Decreased Function", "important"),
    ("CYP2D6", "Something New", "unclear"),
])
def test_pgx_card_level_follows_cpic_priority(gene, phenotype, level):
    card = card_for(gene, "*1/*4", phenotype)
    assert card.level == level
    assert (card.label, card.symbol) == LEVEL_LABELS[level]  # the level is readable without colour


@pytest.mark.parametrize(("phenotype", "hedge"), [("Likely Poor Metabolizer", "likely"),
                                                 ("Possible Intermediate Metabolizer", "may")])
def test_hedged_results_keep_their_hedge(phenotype, hedge):
    assert f" {hedge} " in f" {card_for('CYP2D6', '*1/*4', phenotype).meaning} "


def test_pgx_card_shows_the_report_result_and_medicine_groups():
    card = card_for("cyp2c19", "*2/*2", "Poor Metabolizer")
    assert card.gene == "CYP2C19"
    assert "*2/*2" in card.result and "Poor Metabolizer" in card.result
    assert any("clopidogrel" in group for group in card.matters_for)
    assert "clopidogrel" in card.medicines
    assert card.source and "phenotype-table" in card.source


def test_uncalled_gene_is_no_result_never_a_guess():
    card = pgx_card(PgxResult(gene="CYP2D6", status="no_result", no_result_reason="Not enough DNA was read."))
    assert (card.result, card.level, card.meaning) == ("No result", "unclear", "Not enough DNA was read.")
    assert "codeine" in card.medicines  # what the gene can matter for, from the data


def test_ambiguous_result_is_marked_unclear_with_a_note():
    card = pgx_card(PgxResult(gene="CYP2C19", diplotype="*1/*2", phenotype="Intermediate Metabolizer",
                              alternatives=["*1/*2", "*2/*17"], uncertain=True))
    assert card.level == "unclear"
    assert AMBIGUOUS_NOTE in card.notes


def test_unknown_gene_has_no_invented_medicines():
    card = card_for("ZZZ9", "*1/*1", "Normal Metabolizer")
    assert card.level == "unclear"
    assert card.matters_for == [ASK_ABOUT_GENE] and card.medicines == []


def test_level_labels_are_words_a_patient_understands_with_a_distinct_symbol_each():
    assert set(LEVEL_LABELS) == set(LEVELS)
    assert len({symbol for _label, symbol in LEVEL_LABELS.values()}) == len(LEVELS)
    assert all(" " in label for label, _symbol in LEVEL_LABELS.values())  # words, not a code


# --- hereditary variants keep working ---------------------------------------------------------------------


@pytest.mark.parametrize(("classification", "level"), [
    ("Pathogenic", "important"), ("Likely pathogenic", "important"), ("Uncertain significance", "unclear"),
    ("Likely benign", "typical"), ("Benign", "typical"), (None, "unclear"),
])
def test_variant_card_level_follows_the_classification(classification, level):
    assert variant_card(Variant(gene="BRCA1", classification=classification)).level == level


def test_markup_in_report_text_stays_plain_data_in_cards():
    hostile = "<img src=x onerror=alert(1)>"
    cards = summary_cards(Report(source_format="native", variants=[Variant(gene="BRCA1", condition=hostile)]))
    assert cards[0].matters_for == [hostile]  # the widget inserts it with textContent


# --- order ------------------------------------------------------------------------------------------------


def test_cards_come_important_first_then_unclear_then_typical_by_gene():
    report = Report(source_format="native", pharmacogenomics=[
        PgxResult(gene="CYP2D6", diplotype="*1/*1", phenotype="Normal Metabolizer"),
        PgxResult(gene="TPMT", diplotype="*1/*1", phenotype="Indeterminate"),
        PgxResult(gene="SLCO1B1", diplotype="*1/*5", phenotype="Decreased Function"),
        PgxResult(gene="CYP2C19", diplotype="*2/*2", phenotype="Poor Metabolizer"),
    ], variants=[Variant(gene="BRCA2", hgvs="c.5946delT", classification="Pathogenic",
                         condition="Hereditary breast and ovarian cancer")])
    cards = summary_cards(report)
    assert [(c.level, c.gene) for c in cards] == [
        ("important", "BRCA2"), ("important", "CYP2C19"), ("important", "SLCO1B1"), ("unclear", "TPMT"),
        ("typical", "CYP2D6")]
    assert cards[0].matters_for == ["Hereditary breast and ovarian cancer"]


def test_pharmcat_v31_report_cards_put_the_important_ones_first(reference_dir):
    data = (reference_dir / "pharmcat" / "v3.1" / "pharmcat.example.report.json").read_bytes()
    cards = summary_cards(parse_report(data, filename="report.json"))
    ranks = [LEVELS.index(c.level) for c in cards]
    assert ranks == sorted(ranks)
    for level in LEVELS:
        genes = [c.gene for c in cards if c.level == level]
        assert genes == sorted(genes)
    important = [c.gene for c in cards if c.level == "important"]
    assert {"MT-RNR1", "HLA-B", "CYP3A5"} <= set(important)
    assert cards[0].level == "important" and len(cards) == 23
