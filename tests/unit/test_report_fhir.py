"""FHIR Genomics Reporting: the IG's real examples (per ../shared/reference/fhir/README.md) and our own fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.errors import ReportError
from bot.reports.parse import parse_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


def _emerge_bundle(fhir_dir: Path) -> bytes:
    """The EMERGE DiagnosticReport and the Observations it references, as one upload."""
    files = [fhir_dir / "DiagnosticReport-PGxGenomicReportEMERGE.json"]
    files += sorted(fhir_dir.glob("Observation-Pgx-*.json")) + sorted(
        fhir_dir.glob("Observation-TxImp*.json")
    )
    entries = []
    for path in files:
        res = json.loads(path.read_text())
        entries.append(
            {"fullUrl": f"http://example.org/fhir/{res['resourceType']}/{res['id']}", "resource": res}
        )
    return json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries}).encode()


def test_emerge_report_yields_cpic_true_results(reference_dir: Path) -> None:
    report = parse_report(_emerge_bundle(reference_dir / "fhir"))
    assert report.source_format == "fhir"
    cyp2c19 = report.result_for("CYP2C19")
    assert (cyp2c19.diplotype, cyp2c19.phenotype.lower(), cyp2c19.phenotype_source) == (
        "*2/*2",
        "poor metabolizer",
        "stated",
    )
    assert cyp2c19.warnings == []
    cyp2c9 = report.result_for("CYP2C9")
    assert (cyp2c9.diplotype, cyp2c9.phenotype.lower()) == ("*1/*1", "normal metabolizer")
    vkorc1 = report.result_for("VKORC1")
    assert vkorc1.diplotype == "rs9923231 C/T"
    # The warfarin implication names a metabolizer phenotype; it belongs to CYP2C9, not VKORC1.
    assert (vkorc1.phenotype, vkorc1.phenotype_source) == ("-1639 AG", "derived")
    assert report.variants == []  # the CYP2C19 variant rows are the genotype's evidence, not extra findings


def test_pharmvar_sub_allele_genotype_normalizes_to_star_alleles(reference_dir: Path) -> None:
    report = parse_report((reference_dir / "fhir/Observation-GenotypeExamplePharmVar.json").read_bytes())
    cyp2d6 = report.result_for("CYP2D6")
    assert cyp2d6.diplotype == "*1/*7"
    assert (cyp2d6.phenotype, cyp2d6.phenotype_source, cyp2d6.activity_score) == (
        "Intermediate Metabolizer",
        "derived",
        1.0,
    )


def test_variant_only_cyp2c19_bundle_is_not_called(reference_dir: Path) -> None:
    report = parse_report((reference_dir / "fhir/Bundle-bundle-CYP2C19.json").read_bytes())
    cyp2c19 = report.result_for("CYP2C19")
    assert cyp2c19.status == "no_result"
    assert cyp2c19.diplotype is None and cyp2c19.phenotype is None
    assert "no called diplotype" in cyp2c19.no_result_reason


def test_somatic_oncology_bundle_is_refused(reference_dir: Path) -> None:
    with pytest.raises(ReportError, match="somatic") as err:
        parse_report((reference_dir / "fhir/Bundle-bundle-oncology-report-example.json").read_bytes())
    assert err.value.where.startswith("Observation/")


def test_illustrative_pgx_bundle_keeps_stated_phenotype_and_flags_unknown_allele_gene(
    reference_dir: Path,
) -> None:
    report = parse_report((reference_dir / "fhir/Bundle-bundle-pgxexample.json").read_bytes())
    cyp2c9 = report.result_for("CYP2C9")
    assert cyp2c9.diplotype == "*4/*35B"
    assert cyp2c9.phenotype_source == "stated"


def test_germline_example_reads_pathogenic_variant_and_flags_wrong_phenotype(reference_dir: Path) -> None:
    report = parse_report((reference_dir / "fhir/Bundle-bundle-cgexample.json").read_bytes())
    acad9 = report.variants_for("ACAD9")[0]
    assert (acad9.classification, acad9.condition) == ("Pathogenic", "acyl-CoA dehydrogenase 9 deficiency")
    cyp2c9 = report.result_for("CYP2C9")
    assert cyp2c9.diplotype == "*2/*5"
    assert any("Intermediate Metabolizer" in w for w in cyp2c9.warnings)


def test_hla_bundle_reads_gl_strings_as_carrier_status(reference_dir: Path) -> None:
    report = parse_report((reference_dir / "fhir/Bundle-bundle-CG-IG-HLA-FullBundle-01.json").read_bytes())
    hla_b = report.result_for("HLA-B")
    assert hla_b.diplotype == "*15:01:01G/*57:01:01G"
    assert "*57:01 positive" in hla_b.phenotype


def test_own_fhir_bundle_reads_genotype_phenotype_variant_and_header() -> None:
    report = parse_report((FIXTURES / "fhir_minimal_bundle.json").read_bytes())
    assert (report.patient_display_name, report.lab, report.report_date) == (
        "Ana",
        "Hand-written Lab",
        "2026-03-02",
    )
    cyp2d6 = report.result_for("CYP2D6")
    assert (cyp2d6.diplotype, cyp2d6.phenotype, cyp2d6.phenotype_source) == (
        "*1/*4",
        "Intermediate metabolizer",
        "stated",
    )
    assert cyp2d6.warnings == []
    brca2 = report.variants_for("BRCA2")[0]
    assert (brca2.hgvs, brca2.zygosity, brca2.classification) == (
        "NM_000059.4:c.5946del",
        "heterozygous",
        "Pathogenic",
    )


def test_own_somatic_bundle_is_refused() -> None:
    with pytest.raises(ReportError, match="germline"):
        parse_report((FIXTURES / "fhir_somatic_bundle.json").read_bytes())


def test_invalid_fhir_is_refused_with_its_path() -> None:
    bad = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": {"resourceType": "Observation", "status": 5}}],
    }
    with pytest.raises(ReportError) as err:
        parse_report(json.dumps(bad).encode())
    assert err.value.where.startswith("$.entry.0.resource")


def test_non_report_fhir_resource_is_unsupported() -> None:
    with pytest.raises(ReportError) as err:
        parse_report(b'{"resourceType": "Patient", "id": "x"}')
    assert err.value.code == "unsupported_format"
