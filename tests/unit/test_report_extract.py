"""Reading PDF and HTML lab reports: candidate rows from every layout, noise left out, bad files refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import ReportError
from bot.evals.report_documents import generated_documents, scanned_pdf
from bot.reports.extract import document_kind, extract_document
from bot.reports.extract.confirm import confirmed_report, suggestions
from bot.reports.extract.models import Candidate
from tests.support.bad_pdfs import compression_bomb_pdf, encrypted_pdf, malformed_pdf, many_pages_pdf

FIXTURE = Path(__file__).parents[1] / "fixtures" / "reports" / "pharmcat_style_report.html"
DOCUMENTS = generated_documents()


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_every_layout_yields_exactly_the_reports_rows_with_their_pages(doc):
    got = extract_document(doc.data)
    assert got.source_format == doc.format
    assert sorted((c.key(), c.page) for c in got.candidates) == sorted((c.key(), c.page) for c in doc.expected)


def test_layouts_cover_table_prose_two_columns_multi_page_and_html():
    assert {d.layout for d in DOCUMENTS} == {"table", "prose", "two-column", "multi-page hereditary", "lab web page"}
    assert max(c.page or 0 for d in DOCUMENTS for c in d.expected) >= 3


def test_pharmcat_html_reads_the_genotype_summary_not_the_allele_functions_or_script():
    rows = {c.gene: c for c in extract_document(FIXTURE.read_bytes()).candidates}
    assert rows["CYP2C19"].diplotype == "*2/*17" and rows["CYP2C19"].phenotype == "Intermediate Metabolizer"
    assert rows["SLCO1B1"].phenotype == "Decreased Function"  # not "Normal function" from the function pair
    assert rows["HLA-B"].phenotype == "*57:01 negative"
    assert rows["VKORC1"].diplotype.startswith("rs9923231 reference (C)/")
    assert "CYP2D6" not in rows  # "Unknown/Unknown" in the table and "*4/*4" only inside a script


def test_text_that_names_no_known_gene_or_allele_gives_no_rows():
    page = (b"<html><body><p>ABC1 *1/*2 Poor Metabolizer</p><p>CYP2C19 *1/*99 was not tested</p>"
            b"<p>The clinic: MRN 12345 / DOB 01/02/1980</p></body></html>")
    assert extract_document(page).candidates == []


def test_documents_are_recognised_by_content():
    assert document_kind(b"%PDF-1.7\n...") == "pdf"
    assert document_kind(b"\xef\xbb\xbf<!DOCTYPE html><html>") == "html"
    assert document_kind(b'{"pharmacogenomics": []}') is None


@pytest.mark.parametrize(("make", "code"), [
    (encrypted_pdf, "encrypted_pdf"), (malformed_pdf, "invalid_pdf"), (compression_bomb_pdf, "pdf_too_complex"),
    (many_pages_pdf, "too_many_pages"), (scanned_pdf, "scanned_pdf")])
def test_bad_pdfs_are_refused_with_their_own_code(make, code):
    with pytest.raises(ReportError) as err:
        extract_document(make())
    assert err.value.code == code


def test_confirmed_rows_become_the_report_marked_with_their_origin():
    rows = [Candidate(gene="cyp2c19", diplotype="*2/*2", where="page 1"), Candidate(gene="HLA-B", phenotype="*57:01 positive", where="page 1"),
            Candidate(kind="variant", gene="BRCA2", hgvs="c.5946delT", zygosity="heterozygous", where="page 2")]
    report = confirmed_report(rows, typed=False, source_format="pdf")
    assert report.result_for("CYP2C19").phenotype == "Poor Metabolizer"
    assert {r.origin for r in report.pharmacogenomics + report.variants} == {"extracted, confirmed by patient"}
    typed = confirmed_report(rows[:1], typed=True, source_format="typed")
    assert typed.pharmacogenomics[0].origin == "typed in, confirmed by patient"


@pytest.mark.parametrize(("row", "says"), [
    (Candidate(gene="CYP2C19", diplotype="*2/*2", phenotype="Ultrarapid Metabolizer"), "Poor Metabolizer"),
    (Candidate(gene="CYP2C91", diplotype="*1/*2"), "not a gene"),
    (Candidate(gene="CYP2C19", diplotype="*1/*99"), "alleles look like"),
    (Candidate(gene="CYP2C19", phenotype="Slow"), "not a CYP2C19 phenotype"),
    (Candidate(gene="HLA-B", phenotype="*44:02 positive"), "*57:01"),
    (Candidate(gene="BRCA2", diplotype="*1/*2"), "variant"),
    (Candidate(kind="variant", gene="BRCA2", hgvs="5946delT"), "starts with 'c.'"),
])
def test_impossible_rows_are_refused_naming_the_row(row, says):
    with pytest.raises(ReportError) as err:
        confirmed_report([Candidate(gene="CYP2C9", diplotype="*1/*1"), row], typed=True, source_format="typed")
    assert err.value.code == "impossible_result" and err.value.where == "row 2" and says in str(err.value)


def test_suggestions_list_a_genes_alleles_and_phenotypes():
    got = suggestions("cyp2c19")
    assert "*17" in got["alleles"] and "Rapid Metabolizer" in got["phenotypes"] and "BRCA2" in got["variant_genes"]
    assert suggestions("HLA-B")["phenotypes"][:2] == ["*15:02 positive", "*15:02 negative"]


def test_a_row_added_on_the_confirm_screen_is_marked_typed_in():
    rows = [Candidate(gene="CYP2C19", diplotype="*1/*1", where="page 1"), Candidate(gene="CYP2C9", diplotype="*1/*3")]
    report = confirmed_report(rows, typed=False, source_format="pdf")
    assert [r.origin for r in report.pharmacogenomics] == ["extracted, confirmed by patient",
                                                          "typed in, confirmed by patient"]


def test_typed_text_is_made_inert_before_it_becomes_the_report():
    row = Candidate(kind="variant", gene="BRCA2", hgvs="c.5946delT",
                    condition="<script>alert(1)</script><b>Hereditary</b> breast cancer")
    report = confirmed_report([row], typed=True, source_format="typed")
    assert report.variants[0].condition == "Hereditary breast cancer"
