"""CPIC phenotype engine: CYP2D6 activity-score rules, function-combination genes, unknown alleles."""

from __future__ import annotations

import pytest

from bot.reports.phenotype import INDETERMINATE, covered_genes, derive_phenotype, table_for

# (diplotype, activity score, phenotype) written from CPIC's CYP2D6 activity values and bins.
CYP2D6_CASES = [
    ("*1/*1", 2.0, "Normal Metabolizer"),
    ("*1/*2", 2.0, "Normal Metabolizer"),
    ("*1/*4", 1.0, "Intermediate Metabolizer"),
    ("*1/*10", 1.25, "Normal Metabolizer"),
    ("*10/*10", 0.5, "Intermediate Metabolizer"),
    ("*4/*10", 0.25, "Intermediate Metabolizer"),
    ("*4/*41", 0.5, "Intermediate Metabolizer"),
    ("*41/*41", 1.0, "Intermediate Metabolizer"),
    ("*1/*41", 1.5, "Normal Metabolizer"),
    ("*3/*4", 0.0, "Poor Metabolizer"),
    ("*4/*4", 0.0, "Poor Metabolizer"),
    ("*4/*5", 0.0, "Poor Metabolizer"),
    ("*5/*5", 0.0, "Poor Metabolizer"),
    ("*1/*5", 1.0, "Intermediate Metabolizer"),
    ("*1/*1x2", 3.0, "Ultrarapid Metabolizer"),
    ("*1/*2x2", 3.0, "Ultrarapid Metabolizer"),
    ("*2x2/*4", 2.0, "Normal Metabolizer"),
    ("*1x3/*4", 3.0, "Ultrarapid Metabolizer"),
    ("*4x2/*4", 0.0, "Poor Metabolizer"),
    ("*10x2/*4", 0.5, "Intermediate Metabolizer"),
    ("*41x2/*1", 2.0, "Normal Metabolizer"),
    ("*41x3/*1", 2.5, "Ultrarapid Metabolizer"),
    ("*36+*10/*4", 0.25, "Intermediate Metabolizer"),
    ("*36+*10/*36+*10", 0.5, "Intermediate Metabolizer"),
    ("*1/*36+*10", 1.25, "Normal Metabolizer"),
    ("*13+*2/*4", 1.0, "Intermediate Metabolizer"),
    ("*68+*4/*4", 0.0, "Poor Metabolizer"),
    ("*36x2+*10/*1", 1.25, "Normal Metabolizer"),
    ("*17/*29", 1.0, "Intermediate Metabolizer"),
    ("*2/*9", 1.5, "Normal Metabolizer"),
    ("CYP2D6*4/CYP2D6*1", 1.0, "Intermediate Metabolizer"),
    ("*7.001/*1.001", 1.0, "Intermediate Metabolizer"),
]


@pytest.mark.parametrize(("diplotype", "score", "phenotype"), CYP2D6_CASES)
def test_cyp2d6_activity_score_follows_cpic_rules(diplotype: str, score: float, phenotype: str) -> None:
    result = derive_phenotype("CYP2D6", diplotype)
    assert (result.activity_score, result.phenotype) == (score, phenotype)


def test_cyp2d6_unknown_copy_number_is_named_when_it_cannot_change_the_phenotype() -> None:
    result = derive_phenotype("CYP2D6", "*1/*2xN")
    assert result.phenotype == "Ultrarapid Metabolizer"
    assert result.activity_score is None
    assert "at least 3" in result.warnings[0]


def test_cyp2d6_unknown_copy_number_is_indeterminate_when_it_could_change_the_phenotype() -> None:
    result = derive_phenotype("CYP2D6", "*4/*41xN")
    assert result.phenotype == INDETERMINATE
    assert "xN" in result.warnings[0]


@pytest.mark.parametrize("diplotype", ["*1/*999", "*1/*4x2+*999", "*1/*3/*4", "*1/banana"])
def test_cyp2d6_unreadable_or_unknown_allele_is_indeterminate_with_reason(diplotype: str) -> None:
    result = derive_phenotype("CYP2D6", diplotype)
    assert result.phenotype == INDETERMINATE
    assert result.activity_score is None
    assert result.warnings


def test_unknown_allele_is_named_in_the_indeterminate_reason() -> None:
    result = derive_phenotype("CYP2C19", "*1/*99")
    assert result.phenotype == INDETERMINATE
    assert "*99" in result.warnings[0]


@pytest.mark.parametrize(
    ("gene", "diplotype", "phenotype"),
    [
        ("CYP2C19", "*1/*17", "Rapid Metabolizer"),
        ("CYP2C19", "*17/*17", "Ultrarapid Metabolizer"),
        ("CYP2C19", "*2/*9", "Likely Poor Metabolizer"),
        ("CYP2C19", "*1/*9", "Likely Intermediate Metabolizer"),
        ("CYP2C19", "*2/*2", "Poor Metabolizer"),
        ("NUDT15", "*3/*4", "Possible Intermediate Metabolizer"),
        ("TPMT", "*1/*3A", "Intermediate Metabolizer"),
        ("SLCO1B1", "*5/*5", "Poor Function"),
        ("SLCO1B1", "*1/*15", "Decreased Function"),
        ("CYP3A5", "*3/*3", "Poor Metabolizer"),
        ("UGT1A1", "*28/*28", "Poor Metabolizer"),
        ("CYP2B6", "*6/*6", "Poor Metabolizer"),
        ("ABCG2", "rs2231142 variant (T)/rs2231142 variant (T)", "Poor Function"),
        ("VKORC1", "rs9923231 C/T", "-1639 AG"),
    ],
)
def test_function_combination_genes_follow_cpic(gene: str, diplotype: str, phenotype: str) -> None:
    assert derive_phenotype(gene, diplotype).phenotype == phenotype


@pytest.mark.parametrize(
    ("diplotype", "score", "phenotype"),
    [
        ("*1/*2", 1.5, "Intermediate Metabolizer"),
        ("*3/*3", 0.0, "Poor Metabolizer"),
        ("*2/*3", 0.5, "Poor Metabolizer"),
    ],
)
def test_cyp2c9_activity_score_bins(diplotype: str, score: float, phenotype: str) -> None:
    result = derive_phenotype("CYP2C9", diplotype)
    assert (result.activity_score, result.phenotype) == (score, phenotype)


def test_dpyd_uses_lowest_value_per_haplotype_and_star_aliases() -> None:
    assert derive_phenotype("DPYD", "*2A/*1").activity_score == 1.0
    phased = derive_phenotype("DPYD", "c.1905+1G>A (*2A) + c.2846A>T/Reference")
    assert (phased.activity_score, phased.phenotype) == (1.0, "Intermediate Metabolizer")


def test_gene_without_table_is_not_derived() -> None:
    assert derive_phenotype("CYP4F2", "*1/*3") is None


def test_every_table_records_its_source_and_version() -> None:
    for gene in covered_genes():
        table = table_for(gene)
        assert "CPIC" in table.source and table.version, gene


def test_conformance_with_every_pharmcat_diplotype(reference_dir) -> None:
    """Every diplotypes[] entry of PharmCAT's phenotype tables, for each gene we cover: 100% agreement."""
    import json

    checked: dict[str, int] = {}
    mismatches: list[str] = []
    for path in sorted((reference_dir / "pharmcat" / "phenotype").glob("*.json")):
        doc = json.loads(path.read_text())
        gene = doc["gene"]
        if table_for(gene) is None:
            continue
        for entry in doc["diplotypes"]:
            got = derive_phenotype(gene, entry["diplotype"])
            want_score = entry["activityScore"]
            want_score = None if want_score in (None, "n/a") else float(want_score)
            if got.phenotype != entry["phenotype"] or (
                entry["activityScore"] is not None and got.activity_score != want_score
            ):
                mismatches.append(
                    f"{gene} {entry['diplotype']}: {got.phenotype}/{got.activity_score} "
                    f"!= {entry['phenotype']}/{entry['activityScore']}"
                )
            checked[gene] = checked.get(gene, 0) + 1
    for gene, count in checked.items():
        print(f"conformance {gene}: {count} PharmCAT diplotypes checked")
    assert not mismatches, mismatches[:10]
    assert set(checked) >= {
        "CYP2C19",
        "CYP2C9",
        "DPYD",
        "TPMT",
        "NUDT15",
        "SLCO1B1",
        "UGT1A1",
        "CYP3A5",
        "CYP2B6",
    }
    assert sum(checked.values()) > 10000


def test_dpyd_unphased_variant_list_scores_the_two_lowest_values() -> None:
    # *2A (0) and c.2846A>T (0.5) are the two lowest of three (HapB3 is 0.5 too): 0 + 0.5 = 0.5, poor metabolizer.
    result = derive_phenotype("DPYD", "c.2846A>T; *2A; HapB3")
    assert (result.activity_score, result.phenotype) == (0.5, "Poor Metabolizer")


def _dpyd_lab_names(diplotype: str, style: str) -> str:
    """PharmCAT's 'c.1905+1G>A (*2A)' as a lab writes it: bare HGVS ('c.1905+1G>A') or the label ('*2A')."""
    import re

    labelled = re.compile(r"^(?P<hgvs>.+?) \((?P<label>[^()]+)\)$")
    names = []
    for name in diplotype.split("/"):
        match = labelled.match(name)
        names.append(name if not match else match.group("hgvs" if style == "hgvs" else "label"))
    return "/".join(names)


@pytest.mark.parametrize("style", ["pharmcat", "hgvs", "label"])
def test_every_pharmcat_dpyd_diplotype_derives_pharmcats_result_in_lab_notation(reference_dir, style: str) -> None:
    """Each of PharmCAT's 3,570 DPYD diplotypes, written with PharmCAT's names, bare HGVS names or star labels."""
    import json

    doc = json.loads((reference_dir / "pharmcat" / "phenotype" / "DPYD.json").read_text())
    mismatches = []
    for entry in doc["diplotypes"]:
        diplotype = entry["diplotype"] if style == "pharmcat" else _dpyd_lab_names(entry["diplotype"], style)
        got = derive_phenotype("DPYD", diplotype)
        if (got.phenotype, got.activity_score) != (entry["phenotype"], float(entry["activityScore"])):
            mismatches.append(f"{diplotype}: {got.phenotype}/{got.activity_score} != {entry['phenotype']}")
    assert len(doc["diplotypes"]) > 3000
    assert not mismatches, mismatches[:10]


@pytest.mark.parametrize(
    ("diplotype", "score", "phenotype"),
    [
        ("c.1905+1G>A/c.1905+1G>A", 0.0, "Poor Metabolizer"),
        ("Reference/c.1905+1G>A", 1.0, "Intermediate Metabolizer"),
        ("Reference/c.1679T>G", 1.0, "Intermediate Metabolizer"),
        ("c.2846A>T/c.2846A>T", 1.0, "Intermediate Metabolizer"),
        ("c.1129-5923C>G/Reference", 1.5, "Intermediate Metabolizer"),
        ("c.1905+1G>A/c.2846A>T", 0.5, "Poor Metabolizer"),
        ("Reference/Reference", 2.0, "Normal Metabolizer"),
        ("reference/reference", 2.0, "Normal Metabolizer"),
        ("*2A/*13", 0.0, "Poor Metabolizer"),
        ("DPYD*2A/DPYD*1", 1.0, "Intermediate Metabolizer"),
        ("DPYD c.1905+1G>A/DPYD:c.1905+1G>A", 0.0, "Poor Metabolizer"),
        ("rs3918290/rs3918290", 0.0, "Poor Metabolizer"),
        ("rs67376798/Reference", 1.5, "Intermediate Metabolizer"),
    ],
)
def test_dpyd_lab_hgvs_star_and_rsid_names_follow_cpic_activity_scores(
    diplotype: str, score: float, phenotype: str
) -> None:
    result = derive_phenotype("DPYD", diplotype)
    assert (result.activity_score, result.phenotype) == (score, phenotype)


def test_dpyd_rsid_genotype_notation_is_indeterminate_not_guessed() -> None:
    # rs67376798 is an A/T variant: which base is the variant depends on the strand the lab reports.
    result = derive_phenotype("DPYD", "rs67376798 A/T")
    assert result.phenotype == INDETERMINATE and result.warnings
