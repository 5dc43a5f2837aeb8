"""PharmCAT example reports (v2.15, v3.0, v3.1; JSON, TSV, outside call): gene by gene, our reading equals PharmCAT's."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from bot.reports.parse import parse_report

EMPTY = {"", "n/a", "No Result"}


def _pharmcat_json_calls(doc: dict) -> dict[str, tuple]:
    """PharmCAT's own calls, read straight from report.json: gene -> (diplotype or None, phenotype, score)."""
    genes = doc["genes"]
    blocks = [genes[s] for s in ("CPIC", "DPWG") if s in genes] if "CPIC" in genes else [genes]
    calls: dict[str, tuple] = {}
    for block in blocks:
        for gene, entry in block.items():
            if gene in calls:
                continue
            dips = entry["recommendationDiplotypes"] or entry["sourceDiplotypes"]
            assert len(dips) == 1, "the examples hold one diplotype per gene"
            dip = dips[0]
            names = [dip[a]["name"] for a in ("allele1", "allele2") if dip.get(a)]
            if "Unknown" in names:
                calls[gene] = (None, None, None)
                continue
            phenotype = "; ".join(p for p in dip["phenotypes"] if p not in EMPTY) or None
            score = (
                None if dip["activityScore"] in (None, "n/a", "No Result") else float(dip["activityScore"])
            )
            calls[gene] = ("/".join(names), phenotype, score)
    return calls


def _ours(report) -> dict[str, tuple]:
    """Our reading as PharmCAT stated it: a phenotype GeneChat derived where PharmCAT gave none counts as none."""
    return {
        r.gene: (r.diplotype, r.phenotype if r.phenotype_source == "stated" else None, r.activity_score)
        for r in report.pharmacogenomics
    }


def _assert_blank_rows_are_derived(report, path: Path) -> None:
    for r in report.pharmacogenomics:
        if r.diplotype and r.phenotype_source != "stated":
            assert r.phenotype and r.phenotype_source == "derived", (path, r.gene)


def _json_files(reference_dir: Path) -> list[Path]:
    return sorted((reference_dir / "pharmcat").glob("v*/*.report.json"))


def test_every_pharmcat_json_example_matches_pharmcat_gene_by_gene(reference_dir: Path) -> None:
    files = _json_files(reference_dir)
    assert len(files) == 6, "v2.15, v3.0 and v3.1 each have two examples"
    for path in files:
        doc = json.loads(path.read_text())
        report = parse_report(path.read_bytes())
        assert report.source_format == "pharmcat_json"
        assert report.provenance["pharmcatVersion"] == doc["pharmcatVersion"]
        assert report.provenance["dataVersion"] == doc["dataVersion"]
        expected, got = _pharmcat_json_calls(doc), _ours(report)
        assert got == expected, path
        _assert_blank_rows_are_derived(report, path)
        print(f"{path.parent.name}/{path.name}: {len(expected)} genes match PharmCAT")


def test_uncalled_pharmcat_genes_are_no_result_with_a_reason(reference_dir: Path) -> None:
    report = parse_report((reference_dir / "pharmcat/v3.1/pharmcat.example2.report.json").read_bytes())
    cyp2d6 = report.result_for("CYP2D6")
    assert cyp2d6.status == "no_result"
    assert cyp2d6.diplotype is None and cyp2d6.phenotype is None
    assert "no genotype data" in cyp2d6.no_result_reason


def test_pharmcat_call_source_and_hla_results_are_kept(reference_dir: Path) -> None:
    report = parse_report((reference_dir / "pharmcat/v3.1/pharmcat.example.report.json").read_bytes())
    assert report.result_for("CYP2D6").call_source == "outside call"
    assert report.result_for("CYP2C19").call_source == "matcher"
    assert report.result_for("HLA-B").phenotype == "*15:02 positive; *57:01 positive; *58:01 negative"


def _pharmcat_tsv_calls(path: Path) -> dict[str, tuple]:
    lines = path.read_text().splitlines()[1:]
    calls = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        dip = row["Recommendation Lookup Diplotype"] or row["Source Diplotype"]
        phen = row["Recommendation Lookup Phenotype"].strip() or None
        score = row["Recommendation Lookup Activity Score"].strip()
        calls[row["Gene"]] = (dip, phen, float(score) if score else None)
    return calls


def test_every_pharmcat_tsv_example_matches_pharmcat_gene_by_gene(reference_dir: Path) -> None:
    files = sorted((reference_dir / "pharmcat").glob("v*/*.report.tsv"))
    assert len(files) == 4
    for path in files:
        report = parse_report(path.read_bytes())
        assert report.source_format == "pharmcat_tsv"
        assert report.provenance["pharmcatVersion"].startswith("v")
        expected = _pharmcat_tsv_calls(path)
        assert _ours(report) == expected, path
        _assert_blank_rows_are_derived(report, path)
        print(f"{path.parent.name}/{path.name}: {len(expected)} genes match PharmCAT")


@pytest.mark.parametrize("example", ["pharmcat.example", "pharmcat.example2"])
def test_pharmcat_tsv_and_json_of_one_run_agree(reference_dir: Path, example: str) -> None:
    json_report = parse_report((reference_dir / f"pharmcat/v3.1/{example}.report.json").read_bytes())
    tsv_report = parse_report((reference_dir / f"pharmcat/v3.1/{example}.report.tsv").read_bytes())
    from_json, from_tsv = _ours(json_report), _ours(tsv_report)
    shared = set(from_json) & set(from_tsv)
    assert len(shared) >= 15
    assert {g: from_json[g] for g in shared} == {g: from_tsv[g] for g in shared}


def test_outside_call_file_is_read_and_phenotypes_derived(reference_dir: Path) -> None:
    report = parse_report((reference_dir / "pharmcat/v3.1/pharmcat.example.outsideCall.tsv").read_bytes())
    assert report.source_format == "outside_call"
    cyp2d6 = report.result_for("CYP2D6")
    # PharmCAT's own report for this outside call says *1/*3, Intermediate Metabolizer, activity score 1.0.
    assert (cyp2d6.diplotype, cyp2d6.phenotype, cyp2d6.activity_score) == (
        "*1/*3",
        "Intermediate Metabolizer",
        1.0,
    )
    assert cyp2d6.phenotype_source == "derived"
    assert report.result_for("HLA-B").phenotype == "*15:02 positive; *57:01 positive; *58:01 negative"
    assert report.result_for("MT-RNR1").diplotype == "1555A>G"


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


def test_several_possible_diplotypes_are_all_kept_and_marked_uncertain() -> None:
    report = parse_report((FIXTURES / "pharmcat_ambiguous.json").read_bytes())
    cyp2c19 = report.result_for("CYP2C19")
    assert cyp2c19.uncertain and cyp2c19.alternatives == ["*1/*2", "*2/*38"]
    assert cyp2c19.phenotype == "Intermediate Metabolizer"  # every possibility gives the same phenotype
    assert any("*35" in w for w in cyp2c19.warnings)
    cyp2c9 = report.result_for("CYP2C9")
    assert cyp2c9.uncertain and len(cyp2c9.alternatives) == 3
    # The possibilities disagree: nothing is picked.
    assert (cyp2c9.phenotype, cyp2c9.phenotype_source) == ("Indeterminate", "derived")
    assert cyp2c9.activity_score is None


def test_pharmcat_uncalled_gene_and_outside_hla_call_in_hand_written_report() -> None:
    report = parse_report((FIXTURES / "pharmcat_ambiguous.json").read_bytes())
    assert report.result_for("DPYD").status == "no_result"
    hla = report.result_for("HLA-A")
    assert (hla.diplotype, hla.phenotype, hla.call_source) == (
        "*02:01/*31:01",
        "*31:01 positive",
        "outside call",
    )
    assert report.report_date == "2026-01-05"


def test_missing_positions_and_pharmcat_warnings_become_plain_text_warnings() -> None:
    cyp2c9 = parse_report((FIXTURES / "pharmcat_ambiguous.json").read_bytes()).result_for("CYP2C9")
    assert any(w.startswith("1 position(s)") for w in cyp2c9.warnings)
    assert "Check this call" in cyp2c9.warnings
    assert not any("<" in w or "steal" in w for w in cyp2c9.warnings)
