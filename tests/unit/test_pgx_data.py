"""The CPIC-derived data: rebuilt exactly from its sources, covering every result PharmCAT and CPIC name, agreeing
with CPIC's priority, and classifying CPIC recommendations the way a reader would."""

from __future__ import annotations

import csv
import json
import re

import pytest

from bot.pgx import build
from bot.pgx.build import BuildError, build_tables
from bot.pgx.classify import classify_recommendation
from bot.pgx.cpic import cpic_drug_names, drug_pairs, lookup_result, recommendations, result_entries
from bot.pgx.levels import level_for_priority


@pytest.fixture(scope="module")
def cpic_dir(reference_dir):
    return reference_dir / "cpic"


def _csv(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_committed_data_equals_what_the_build_produces(cpic_dir):
    for name, content in build_tables(cpic_dir).items():
        committed = (build.DATA_DIR / name).read_text(encoding="utf-8")
        assert committed == content, f"bot/pgx/data/{name} is stale: run `genechat data build-cpic`"


def test_every_pharmcat_phenotype_has_a_card_entry(reference_dir):
    missing = []
    for path in sorted((reference_dir / "pharmcat" / "phenotype").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for phenotype in sorted({d["phenotype"] for d in doc["diplotypes"]}):
            if lookup_result(doc["gene"], phenotype) is None:
                missing.append(f"{doc['gene']} {phenotype}")
    assert missing == []


def test_every_cpic_priority_row_has_an_entry_whose_level_matches_the_priority(cpic_dir):
    disagree = []
    for row in _csv(cpic_dir / "phenotype-table.csv"):
        entry = lookup_result(row["Gene"], row["Phenotype"])
        assert entry is not None, f"{row['Gene']} {row['Phenotype']} has no entry"
        expected = level_for_priority(row["Priority"], row["Phenotype"])
        if entry.priority != row["Priority"] or (expected and entry.level != expected):
            disagree.append((row["Gene"], row["Phenotype"], row["Priority"], entry.level))
    assert disagree == []


def test_indeterminate_results_are_unclear_whatever_priority_cpic_gives():
    # CPIC flags TPMT "Indeterminate" as priority and CYP2C9 "Indeterminate" as routine; neither is a clear result.
    assert lookup_result("TPMT", "Indeterminate").priority.startswith("Abnormal")
    assert lookup_result("CYP2C9", "Indeterminate").priority.startswith("Normal")
    assert {e.level for e in result_entries() if "indeterminate" in e.result.lower()} == {"unclear"}


def test_hand_added_rows_name_their_source():
    added = [e for e in result_entries() if "phenotype-table" not in e.source]
    assert {"MT-RNR1", "VKORC1", "NAT2", "HLA-A", "HLA-B"} <= {e.gene for e in added}
    assert all(e.source.startswith(("https://", "hedged form of")) for e in added)


def test_every_cpic_guideline_medicine_of_a_gene_is_on_its_cards():
    by_gene: dict[str, set[str]] = {}
    for entry in result_entries():
        by_gene.setdefault(entry.gene, set()).update(entry.medicines)
    for pair in drug_pairs():
        if pair.has_guideline and pair.gene in by_gene:
            assert pair.drug in by_gene[pair.gene], f"{pair.gene} {pair.drug}"


def test_cpic_drug_names_list_every_cpic_medicine_once_sorted():
    names = cpic_drug_names()
    assert names == sorted(set(names))
    assert {"oxcarbazepine", "pegloticase", "rasburicase", "tacrolimus", "hydralazine"} <= set(names)


def test_no_recommendation_text_is_kept_in_the_repo():
    text = (build.DATA_DIR / "recommendations.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "drug,gene1,phenotype1,gene2,phenotype2,category,source"
    assert not re.search(r"\d\s*(?:mg|%)", text)  # CPIC's clinician text gives amounts; only its category is kept
    assert {r.category for r in recommendations()} <= set(build.CATEGORIES)


# (drug, gene1, phenotype1, gene2, phenotype2) -> category, each checked by reading CPIC's text.
VERIFIED = {
    ("clopidogrel", "CYP2C19", "Poor Metabolizer", "None", "None"): "avoid",  # avoid standard dose; use prasugrel
    ("clopidogrel", "CYP2C19", "Normal Metabolizer", "None", "None"): "usual",
    ("codeine", "CYP2D6", "Ultrarapid Metabolizer", "None", "None"): "avoid",
    ("codeine", "CYP2D6", "Intermediate Metabolizer", "None", "None"): "usual",  # label dosing; fallback only if no response
    ("tacrolimus", "CYP3A5", "Normal Metabolizer", "None", "None"): "dose",
    ("tacrolimus", "CYP3A5", "Poor Metabolizer", "None", "None"): "usual",
    ("tacrolimus", "CYP3A5", "Possible Intermediate Metabolizer", "None", "None"): "no_advice",
    ("efavirenz", "CYP2B6", "Poor Metabolizer", "None", "None"): "dose",
    ("celecoxib", "CYP2C9", "Poor Metabolizer", "None", "None"): "dose",
    ("citalopram", "CYP2C19", "Ultrarapid Metabolizer", "None", "None"): "alternative",
    ("sertraline", "CYP2C19", "Poor Metabolizer", "None", "None"): "alternative_or_dose",
    ("voriconazole", "CYP2C19", "Poor Metabolizer", "None", "None"): "alternative",
    ("omeprazole", "CYP2C19", "Ultrarapid Metabolizer", "None", "None"): "dose",
    ("fluorouracil", "DPYD", "Poor Metabolizer", "None", "None"): "avoid",
    ("fluorouracil", "DPYD", "Intermediate Metabolizer", "None", "None"): "dose",
    ("simvastatin", "SLCO1B1", "Decreased Function", "None", "None"): "alternative",  # limit is only "if warranted"
    ("simvastatin", "SLCO1B1", "Normal Function", "None", "None"): "usual",
    ("atazanavir", "UGT1A1", "Normal Metabolizer", "None", "None"): "usual",  # "no need to avoid"
    ("atazanavir", "UGT1A1", "Poor Metabolizer", "None", "None"): "alternative",
    ("tamoxifen", "CYP2D6", "Normal Metabolizer", "None", "None"): "usual",  # "avoid ... inhibitors" is about other drugs
    ("tamoxifen", "CYP2D6", "Poor Metabolizer", "None", "None"): "alternative",
    ("ondansetron", "CYP2D6", "Ultrarapid Metabolizer", "None", "None"): "alternative",
    ("hydrocodone", "CYP2D6", "Ultrarapid Metabolizer", "None", "None"): "no_advice",
    ("ivacaftor", "CFTR", "Unfavorable Response", "None", "None"): "avoid",
    ("rosuvastatin", "ABCG2", "Normal Function", "SLCO1B1", "Poor Function"): "dose",
    ("desflurane", "CACNA1S", "Uncertain Susceptibility", "RYR1", "Uncertain Susceptibility"): "other_factors",
    ("desflurane", "CACNA1S", "Uncertain Susceptibility", "RYR1", "Malignant Hyperthermia Susceptibility"): "avoid",
    ("azathioprine", "NUDT15", "Normal Metabolizer", "TPMT", "Poor Metabolizer"): "alternative_or_dose",
    ("amitriptyline", "CYP2C19", "Poor Metabolizer", "CYP2D6", "Normal Metabolizer"): "avoid",
}


@pytest.mark.parametrize(("key", "category"), sorted(VERIFIED.items()))
def test_recommendation_classification_matches_a_reading_of_the_text(cpic_dir, key, category):
    rows = [r for r in _csv(cpic_dir / "recommendation-table.csv")
            if (r["Drug"], r["Gene1"], r["Phenotype1"], r["Gene2"], r["Phenotype2"]) == key]
    assert rows, f"{key} is not in the CPIC table"
    assert {classify_recommendation(r["Recommendation"]) for r in rows} == {category}
    shipped = {r.category for r in recommendations()
               if (r.drug, r.gene1, r.phenotype1, r.gene2, r.phenotype2) == key}
    assert shipped == {category}


@pytest.mark.parametrize(("text", "category"), [
    ("Avoid use of 5-fluorouracil or 5-fluorouracil prodrug-based regimens.", "avoid"),
    ("There is no need to avoid prescribing of this medicine based on the result.", "usual"),
    ("If considering the drug, use at standard dose.", "usual"),
    ("Initiate therapy with recommended starting dose. If no response, consider an alternative drug.", "usual"),
    ("To ascertain status, enzyme activity must be measured.", "more_testing"),
    ("None", "no_advice"),
    ("Approximately 70% chance of response.", None),
])
def test_keyword_classification_rules(text, category):
    assert classify_recommendation(text) == category


def test_build_stops_when_a_cpic_medicine_has_no_card_group(cpic_dir, monkeypatch):
    real = build._source

    def without_groups(name):
        spec = real(name)
        if name == "results.yaml":
            spec["medicine_groups"]["G6PD"] = [g for g in spec["medicine_groups"]["G6PD"]
                                               if "pegloticase" not in g["drugs"]]
        return spec

    monkeypatch.setattr(build, "_source", without_groups)
    with pytest.raises(BuildError, match="pegloticase"):
        build_tables(cpic_dir)


def test_build_stops_when_a_recommendation_cannot_be_classified(cpic_dir, tmp_path):
    for name in ("phenotype-table.csv", "cpic-table.csv", "LICENSE"):
        (tmp_path / name).write_bytes((cpic_dir / name).read_bytes())
    (tmp_path / "recommendation-table.csv").write_text(
        "Drug,Gene1,Phenotype1,Gene2,Phenotype2,Recommendation\n"
        "newdrug,CYP2D6,Poor Metabolizer,None,None,Approximately 70% chance of response.\n", encoding="utf-8")
    with pytest.raises(BuildError, match="newdrug"):
        build_tables(tmp_path)
