"""What a patient's results mean for one medicine: the CPIC category in fixed plain words, never a dose or advice."""

from __future__ import annotations

import pytest

from bot.core.report import PgxResult, Report
from bot.pgx.categories import CATEGORY_TEXT, category_sentences
from bot.pgx.implications import cpic_drug_names, medicine_implications
from bot.safety.fixed_text import fixed_text_problems
from bot.safety.fixed_text import patient_texts as all_fixed_sentences
from bot.safety.wording import NEXT_STEP_PGX


def report(*results: PgxResult) -> Report:
    return Report(source_format="native", pharmacogenomics=list(results))


def categories(rep: Report, drug: str) -> dict[str | None, str]:
    return {i.gene: i.category for i in medicine_implications(rep, drug)}


@pytest.mark.parametrize("drug", ["carbamazepine", "oxcarbazepine", "Phenytoin", "fosphenytoin"])
def test_hla_b_1502_positive_points_away_from_these_seizure_medicines(drug):
    rep = report(PgxResult(gene="HLA-B", diplotype="*15:02/*44:03", phenotype="*15:02 positive"))
    [hla] = [i for i in medicine_implications(rep, drug) if i.gene == "HLA-B"]
    assert hla.category == "avoid"
    assert hla.text == CATEGORY_TEXT["avoid"] and hla.note == NEXT_STEP_PGX
    assert hla.result == "*15:02 positive"
    assert hla.guideline and hla.guideline.startswith("https://cpicpgx.org/")


def test_a_gene_guidelines_link_to_the_medicine_but_not_in_the_report_is_named():
    rep = report(PgxResult(gene="HLA-B", phenotype="*15:02 negative"))
    found = categories(rep, "carbamazepine")
    assert found == {"HLA-B": "usual", "HLA-A": "not_tested"}
    [missing] = [i for i in medicine_implications(rep, "carbamazepine") if i.category == "not_tested"]
    assert missing.text == "Your report has no result for HLA-A, a gene that guidelines link to this medicine."


@pytest.mark.parametrize("drug", ["pegloticase", "rasburicase", "primaquine"])
def test_g6pd_deficient_points_away_from_high_risk_medicines(drug):
    assert categories(report(PgxResult(gene="G6PD", phenotype="Deficient")), drug)["G6PD"] == "avoid"


def test_g6pd_variable_needs_an_enzyme_test():
    assert categories(report(PgxResult(gene="G6PD", phenotype="Variable")), "rasburicase")["G6PD"] == "more_testing"


@pytest.mark.parametrize(("phenotype", "category"), [("Poor Metabolizer", "avoid"), ("Normal Metabolizer", "usual"),
                                                     ("poor metabolizer", "avoid")])
def test_clopidogrel_follows_cpic_for_cyp2c19(phenotype, category):
    assert categories(report(PgxResult(gene="CYP2C19", phenotype=phenotype)), "clopidogrel") == {"CYP2C19": category}


@pytest.mark.parametrize(("phenotype", "category"), [("Normal Metabolizer", "dose"), ("Poor Metabolizer", "usual")])
def test_tacrolimus_follows_cpic_for_cyp3a5(phenotype, category):
    assert categories(report(PgxResult(gene="CYP3A5", phenotype=phenotype)), "tacrolimus")["CYP3A5"] == category


def test_mt_rnr1_increased_risk_points_away_from_aminoglycosides_even_without_a_stated_phenotype():
    rep = report(PgxResult(gene="MT-RNR1", diplotype="1555A>G"))
    assert categories(rep, "gentamicin") == {"MT-RNR1": "avoid"}


def test_warfarin_names_each_gene_that_matters():
    rep = report(PgxResult(gene="CYP2C9", phenotype="Normal Metabolizer"),
                 PgxResult(gene="VKORC1", diplotype="rs9923231 T/T"))
    found = categories(rep, "warfarin")
    assert found["VKORC1"] == "dose" and found["CYP2C9"] == "usual" and found["CYP4F2"] == "not_tested"
    assert [i.gene for i in medicine_implications(rep, "warfarin")][0] == "VKORC1"  # most serious first


def test_two_gene_guidelines_use_both_results():
    rep = report(PgxResult(gene="CYP2C19", phenotype="Poor Metabolizer"),
                 PgxResult(gene="CYP2D6", phenotype="Normal Metabolizer"))
    assert categories(rep, "amitriptyline") == {"CYP2C19": "avoid", "CYP2D6": "avoid"}
    alone = report(PgxResult(gene="CYP2D6", phenotype="Normal Metabolizer"))
    assert categories(alone, "amitriptyline") == {"CYP2D6": "usual", "CYP2C19": "not_tested"}


def test_a_hedged_result_uses_the_recommendation_for_its_base_result():
    rep = report(PgxResult(gene="CYP2D6", phenotype="Likely Poor Metabolizer"))
    assert categories(rep, "codeine") == {"CYP2D6": "avoid"}


def test_an_ambiguous_or_unreadable_result_is_sent_to_the_pharmacist():
    ambiguous = PgxResult(gene="CYP2C19", diplotype="*1/*2", phenotype="Intermediate Metabolizer",
                          alternatives=["*1/*2", "*2/*17"], uncertain=True)
    assert categories(report(ambiguous), "clopidogrel") == {"CYP2C19": "ask"}
    odd = PgxResult(gene="CYP2C19", phenotype="Something New")
    assert categories(report(odd), "clopidogrel") == {"CYP2C19": "ask"}


def test_a_cpic_pair_without_a_guideline_gives_no_advice():
    # CPIC lists aspirin with G6PD at level C: no prescribing change.
    assert categories(report(PgxResult(gene="G6PD", phenotype="Deficient")), "aspirin") == {"G6PD": "no_advice"}


def test_a_medicine_cpic_does_not_cover_says_so():
    [only] = medicine_implications(report(PgxResult(gene="CYP2D6", phenotype="Poor Metabolizer")), "Paracetamol ")
    assert (only.category, only.gene, only.drug) == ("no_guideline", None, "Paracetamol")
    assert only.text == CATEGORY_TEXT["no_guideline"]


def test_drug_names_match_case_and_spacing_insensitively():
    rep = report(PgxResult(gene="IFNL3", phenotype="Unfavorable Response"))
    assert categories(rep, "Peginterferon  Alfa-2a") == {"IFNL3": "less_effect", "IFNL4": "not_tested"}


def test_every_category_sentence_is_fixed_wording_that_passes_the_checks():
    fixed = set(all_fixed_sentences())
    for sentence in category_sentences():
        assert sentence in fixed
        assert fixed_text_problems(sentence) == []
        assert "stop" not in sentence.lower() and "start" not in sentence.lower()


def test_every_one_liner_is_fixed_wording_that_passes_the_checks():
    from bot.pgx.cpic import result_entries

    fixed = set(all_fixed_sentences())
    for entry in result_entries():
        assert entry.meaning in fixed
        assert fixed_text_problems(entry.meaning) == [], entry.meaning


def test_the_drug_list_for_the_medicines_feature_is_cpics():
    names = cpic_drug_names()
    assert "oxcarbazepine" in names and "warfarin" in names and "paracetamol" not in names
