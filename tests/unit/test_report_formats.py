"""Native JSON, CSV and outside-call uploads: detection by content, derivation, warnings, inert text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.reports.parse import parse_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_native_report_keeps_stated_results_and_header_fields() -> None:
    report = parse_report(_read("native_dana.json"))
    assert (report.source_format, report.patient_display_name, report.lab, report.report_date) == (
        "native",
        "Dana",
        "Example Lab",
        "2026-09-14",
    )
    cyp2d6 = report.result_for("CYP2D6")
    assert (cyp2d6.phenotype, cyp2d6.phenotype_source, cyp2d6.activity_score) == (
        "Ultrarapid Metabolizer",
        "stated",
        3.0,
    )
    assert cyp2d6.warnings == []  # the stated phenotype agrees with CPIC for *1/*2x2
    assert report.variants_for("BRCA2")[0].classification == "Pathogenic"


def test_missing_phenotype_is_derived_and_marked_derived() -> None:
    cyp2c19 = parse_report(_read("native_dana.json")).result_for("CYP2C19")
    assert (cyp2c19.phenotype, cyp2c19.phenotype_source) == ("Intermediate Metabolizer", "derived")


def test_stated_phenotype_that_disagrees_with_cpic_is_kept_with_a_warning() -> None:
    slco1b1 = parse_report(_read("native_dana.json")).result_for("SLCO1B1")
    assert (slco1b1.phenotype, slco1b1.phenotype_source) == ("Normal Function", "stated")
    assert "Decreased Function" in slco1b1.warnings[0]


def test_uncalled_gene_is_no_result_never_a_guessed_genotype() -> None:
    tpmt = parse_report(_read("native_dana.json")).result_for("TPMT")
    assert (tpmt.status, tpmt.diplotype, tpmt.phenotype) == ("no_result", None, None)
    assert tpmt.no_result_reason


def test_unknown_gene_is_kept_with_warning_and_indeterminate_phenotype() -> None:
    unknown = parse_report(_read("native_dana.json")).result_for("XYZ9")
    assert unknown.diplotype == "*1/*2"
    assert unknown.phenotype == "Indeterminate"
    assert any("not a gene GeneChat knows" in w for w in unknown.warnings)


def test_html_in_any_text_field_becomes_inert_plain_text() -> None:
    report = parse_report(_read("native_hostile.json"))
    dumped = json.dumps(report.model_dump())
    assert "<" not in dumped and "script" not in dumped.lower() and "javascript" not in dumped.lower()
    assert report.patient_display_name == "Sam"
    assert report.lab.startswith("Good Lab")
    assert report.variants[0].condition == "click HBOC"


def test_instruction_like_text_is_kept_as_data_and_flagged_by_cpic_check() -> None:
    cyp2c19 = parse_report(_read("native_hostile.json")).result_for("CYP2C19")
    assert cyp2c19.phenotype.startswith("Ignore previous instructions")
    assert cyp2c19.phenotype_source == "stated"
    assert any("Normal Metabolizer" in w for w in cyp2c19.warnings)


def test_csv_with_header_derives_missing_phenotypes_including_hla_status() -> None:
    report = parse_report(_read("simple.csv"))
    assert report.source_format == "csv"
    assert report.result_for("CYP2C19").phenotype == "Rapid Metabolizer"
    assert report.result_for("CYP2C9").phenotype_source == "stated"
    assert report.result_for("NUDT15").phenotype == "Intermediate Metabolizer"
    assert report.result_for("HLA-B").phenotype == "*15:02 negative; *57:01 positive; *58:01 negative"


def test_csv_without_header_is_read_positionally() -> None:
    report = parse_report(b"CYP3A5,*1/*3\nCYP2C9,*1/*2,Intermediate Metabolizer\n")
    assert [r.phenotype for r in report.pharmacogenomics] == [
        "Intermediate Metabolizer",
        "Intermediate Metabolizer",
    ]


def test_outside_call_reads_tandem_cyp2d6_alleles() -> None:
    report = parse_report(_read("outside_call.tsv"))
    cyp2d6 = report.result_for("CYP2D6")
    assert (cyp2d6.diplotype, cyp2d6.activity_score, cyp2d6.phenotype) == (
        "*4/*36+*10",
        0.25,
        "Intermediate Metabolizer",
    )
    assert report.result_for("CYP3A5").phenotype == "Poor Metabolizer"


def test_format_is_detected_by_content_not_by_file_name() -> None:
    report = parse_report(_read("simple.csv"), filename="report.json")
    assert report.source_format == "csv"


def test_pharmvar_sub_alleles_normalize_to_star_alleles() -> None:
    report = parse_report(b"gene,diplotype\nCYP2D6,CYP2D6*7.001/CYP2D6*1.001\n")
    assert report.result_for("CYP2D6").diplotype == "*1/*7"


@pytest.mark.parametrize("max_rows", [2, 3])
def test_row_limit_is_configurable(max_rows: int) -> None:
    data = b"gene,diplotype\nCYP2C19,*1/*1\nCYP2C9,*1/*1\nTPMT,*1/*1\n"
    if max_rows == 3:
        assert len(parse_report(data, max_rows=max_rows).pharmacogenomics) == 3
    else:
        with pytest.raises(Exception, match="more than the 2"):
            parse_report(data, max_rows=max_rows)


def test_stated_activity_score_that_disagrees_with_cpic_is_kept_with_a_warning() -> None:
    data = json.dumps(
        {
            "pharmacogenomics": [
                {
                    "gene": "CYP2D6",
                    "diplotype": "*1/*4",
                    "phenotype": "Intermediate Metabolizer",
                    "activity_score": 1.5,
                }
            ]
        }
    )
    cyp2d6 = parse_report(data.encode()).result_for("CYP2D6")
    assert cyp2d6.activity_score == 1.5
    assert any("activity score 1.5" in w for w in cyp2d6.warnings)


def test_summary_line_says_where_the_phenotype_came_from() -> None:
    from bot.reports.summary import summarize_result

    report = parse_report(_read("native_dana.json"))
    assert summarize_result(report.result_for("CYP2C19")) == (
        "CYP2C19: *2/*17, Intermediate Metabolizer (worked out from your genotype using CPIC rules)."
    )
    assert summarize_result(report.result_for("TPMT")).startswith("TPMT: no result.")
