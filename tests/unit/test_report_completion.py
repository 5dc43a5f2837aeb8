"""One completion step for every upload format: blank phenotypes are CPIC-derived, stated ones checked by meaning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.report import PgxResult
from bot.reports.parse import parse_report
from bot.reports.phenotype.wording import same_phenotype

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
UNSTATED_JSON = FIXTURES / "pharmcat_unstated.json"


def _per_source_layout(v31: bytes) -> bytes:
    """The same hand-written report in the v3.0 / v2.x layout, genes keyed by source first."""
    doc = json.loads(v31)
    doc["genes"] = {"CPIC": doc["genes"]}
    return json.dumps(doc).encode()


def _fhir_genotype(gene: str, hgnc: str, diplotype: str) -> bytes:
    """One FHIR genotype Observation with no therapeutic implication (so no stated phenotype)."""
    return json.dumps(
        {
            "resourceType": "Observation",
            "id": "g1",
            "status": "final",
            "meta": {"profile": ["http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/genotype"]},
            "code": {"coding": [{"system": "http://loinc.org", "code": "84413-4"}]},
            "valueCodeableConcept": {"text": f"{gene}{diplotype}"},
            "component": [
                {
                    "code": {"coding": [{"system": "http://loinc.org", "code": "48018-6"}]},
                    "valueCodeableConcept": {
                        "coding": [{"system": "http://www.genenames.org", "code": hgnc, "display": gene}]
                    },
                }
            ],
        }
    ).encode()


TPMT_1_3C_UPLOADS = {
    "pharmcat_json": UNSTATED_JSON.read_bytes(),
    "pharmcat_json_per_source": _per_source_layout(UNSTATED_JSON.read_bytes()),
    "pharmcat_tsv": (FIXTURES / "pharmcat_unstated.tsv").read_bytes(),
    "native": json.dumps({"pharmacogenomics": [{"gene": "TPMT", "diplotype": "*1/*3C"}]}).encode(),
    "csv": b"gene,diplotype\nTPMT,*1/*3C\n",
    "outside_call": b"TPMT\t*1/*3C\n",
    "fhir": _fhir_genotype("TPMT", "HGNC:12014", "*1/*3C"),
}


@pytest.mark.parametrize("upload", sorted(TPMT_1_3C_UPLOADS))
def test_tpmt_1_3c_without_a_phenotype_is_derived_intermediate_in_every_format(upload: str) -> None:
    tpmt = parse_report(TPMT_1_3C_UPLOADS[upload]).result_for("TPMT")
    assert (tpmt.diplotype, tpmt.phenotype, tpmt.phenotype_source) == (
        "*1/*3C",
        "Intermediate Metabolizer",
        "derived",
    )


@pytest.mark.parametrize("name", ["pharmcat_unstated.json", "pharmcat_unstated.tsv"])
def test_pharmcat_dpyd_2a_homozygote_without_phenotype_is_derived_poor(name: str) -> None:
    dpyd = parse_report((FIXTURES / name).read_bytes()).result_for("DPYD")
    assert (dpyd.phenotype, dpyd.phenotype_source, dpyd.activity_score) == ("Poor Metabolizer", "derived", 0.0)


@pytest.mark.parametrize("name", ["pharmcat_unstated.json", "pharmcat_unstated.tsv"])
def test_pharmcat_hla_b_1502_positive_for_1502_4001_is_stated_without_a_warning(name: str) -> None:
    hla = parse_report((FIXTURES / name).read_bytes()).result_for("HLA-B")
    assert (hla.diplotype, hla.phenotype, hla.phenotype_source) == ("*15:02/*40:01", "*15:02 positive", "stated")
    assert hla.warnings == []


def _stated(gene: str, diplotype: str, phenotype: str, score: float | None = None) -> PgxResult:
    body = {"gene": gene, "diplotype": diplotype, "phenotype": phenotype}
    if score is not None:
        body["activity_score"] = score
    return parse_report(json.dumps({"pharmacogenomics": [body]}).encode()).result_for(gene)


@pytest.mark.parametrize(
    "stated",
    [
        "*15:02 positive",
        "HLA-B*15:02 positive",
        "*15:02 positive; *57:01 negative; *58:01 negative",
        "Positive for HLA-B*15:02",
        "*15:02:01 carrier, *40:01 positive",
        "positive",
    ],
)
def test_hla_b_statement_that_agrees_with_15_02_40_01_raises_no_warning(stated: str) -> None:
    assert _stated("HLA-B", "*15:02/*40:01", stated).warnings == []


@pytest.mark.parametrize(
    "stated", ["*15:02 negative", "*15:02 positive; *57:01 positive", "*40:01 negative", "negative"]
)
def test_hla_b_statement_that_conflicts_with_15_02_40_01_still_warns(stated: str) -> None:
    warnings = _stated("HLA-B", "*15:02/*40:01", stated).warnings
    assert len(warnings) == 1 and "check it with your care team" in warnings[0]


def test_unreadable_hla_statement_is_compared_as_written_and_warns() -> None:
    assert _stated("HLA-B", "*15:02/*40:01", "high risk of SJS").warnings


@pytest.mark.parametrize(
    ("gene", "diplotype", "stated"),
    [
        ("CYP2C19", "*2/*2", "poor metabolizer"),
        ("CYP2C19", "*2/*2", "Poor Metaboliser (PM)"),
        ("CYP2C19", "*2/*2", "CYP2C19 poor metabolizer."),
        ("CYP2C19", "*1/*1", "Extensive Metabolizer"),
        ("CYP2C19", "*17/*17", "Ultra-rapid metabolizer"),
        ("CYP2C19", "*1/*2", "IM"),
        ("NAT2", "*5/*6", "Slow acetylator"),
        ("SLCO1B1", "*1/*5", "Intermediate function"),
        ("SLCO1B1", "*1/*5", "decreased function"),
    ],
)
def test_same_phenotype_in_other_words_raises_no_warning(gene: str, diplotype: str, stated: str) -> None:
    assert _stated(gene, diplotype, stated).warnings == []


@pytest.mark.parametrize(
    ("gene", "diplotype", "stated"),
    [
        ("CYP2C19", "*2/*2", "Intermediate Metabolizer"),
        ("CYP2C19", "*1/*1", "Likely Intermediate Metabolizer"),
        ("NAT2", "*5/*6", "Rapid acetylator"),
        ("SLCO1B1", "*1/*5", "Poor Function"),
    ],
)
def test_different_phenotype_still_warns(gene: str, diplotype: str, stated: str) -> None:
    warnings = _stated(gene, diplotype, stated).warnings
    assert len(warnings) == 1 and "check it with your care team" in warnings[0]


def test_same_phenotype_compares_each_statement_of_a_multi_part_phenotype() -> None:
    assert same_phenotype("CYP2C19", "poor metabolizer; PM", "Poor Metabolizer")
    assert not same_phenotype("CYP2C19", "Poor Metabolizer; Normal Metabolizer", "Poor Metabolizer")


def test_stated_score_without_phenotype_that_disagrees_with_cpic_is_not_turned_into_a_phenotype() -> None:
    dpyd = parse_report(b"gene,diplotype,phenotype,activity_score\nDPYD,c.1905+1G>A/Reference,,2.0\n").result_for(
        "DPYD"
    )
    assert (dpyd.phenotype, dpyd.phenotype_source, dpyd.activity_score) == ("Indeterminate", "derived", 2.0)
    assert any("differs from the CPIC score 1" in w for w in dpyd.warnings)
