"""PDF/HTML reports and typed-in results over HTTP: nothing is used until the patient confirms the rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.evals.report_documents import RESULT_SETS, hereditary_layout, scanned_pdf, table_layout
from bot.store.models import PendingExtraction, StoredReport
from tests.support.api import ApiHarness
from tests.support.bad_pdfs import compression_bomb_pdf, encrypted_pdf, malformed_pdf, many_pages_pdf

PHARMCAT_HTML = Path(__file__).parents[1] / "fixtures" / "reports" / "pharmcat_style_report.html"
ORIGIN = "extracted, confirmed by patient"


@pytest.fixture
def api(isolated_data_dir, database_url):
    with ApiHarness(Settings(data_dir=isolated_data_dir, database_url=database_url,
                             rate_limit="1000/minute")) as harness:
        yield harness


def stored(api: ApiHarness, model) -> list:
    with api.state.db.session() as db:
        return list(db.scalars(select(model)))


def send(api, patient, data: bytes, name: str = "report.pdf", kind: str = "application/pdf"):
    return api.client.post(patient.url("/report"), files={"file": (name, data, kind)}, headers=patient.headers)


def test_pdf_upload_needs_confirmation_and_is_not_the_report_until_confirmed(api):
    patient = api.patient()
    resp = send(api, patient, hereditary_layout(RESULT_SETS[1]).data)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["status"] == "needs_confirmation" and body["source_format"] == "pdf"
    brca1 = next(r for r in body["rows"] if r["gene"] == "BRCA1")
    assert brca1["page"] == 3 and brca1["hgvs"] == "c.68_69delAG"
    assert stored(api, StoredReport) == [] and len(stored(api, PendingExtraction)) == 1
    assert api.client.get(patient.url(), headers=patient.headers).json()["report"] is None
    assert api.client.get(patient.url("/report/pending"), headers=patient.headers).json()["rows"] == body["rows"]

    # The patient removes the TPMT row and fixes nothing else.
    kept = [r for r in body["rows"] if r["gene"] != "TPMT"]
    done = api.client.post(patient.url("/report/confirm"), json={"rows": kept}, headers=patient.headers)
    assert done.status_code == 201, done.text
    report = done.json()["report"]
    assert "TPMT" not in [r["gene"] for r in report["pharmacogenomics"]]
    assert {r["origin"] for r in report["pharmacogenomics"] + report["variants"]} == {ORIGIN}
    assert done.json()["cards"]
    assert stored(api, PendingExtraction) == []
    session = api.client.get(patient.url(), headers=patient.headers).json()
    assert session["report"]["variants"][0]["gene"] == "BRCA1"


def test_confirmed_pdf_results_are_what_the_chat_answers_about(api):
    patient = api.patient()
    rows = send(api, patient, table_layout(RESULT_SETS[2]).data).json()["rows"]
    api.client.post(patient.url("/report/confirm"), json={"rows": rows}, headers=patient.headers)
    api.ask(patient, "what does my CYP2C19 result mean?")
    _, report, _ = api.engine.calls[-1]
    assert report.result_for("CYP2C19").diplotype == "*2/*2"
    assert report.result_for("CYP2C19").origin == ORIGIN


def test_pharmcat_html_upload_is_read_for_confirmation(api):
    patient = api.patient()
    body = send(api, patient, PHARMCAT_HTML.read_bytes(), "report.html", "text/html").json()
    assert body["source_format"] == "html"
    assert {r["gene"] for r in body["rows"]} == {"CYP2C19", "CYP2C9", "SLCO1B1", "HLA-B", "VKORC1"}


def test_typed_results_make_the_report_without_a_file(api):
    patient = api.patient()
    rows = [{"gene": "CYP2D6", "diplotype": "*1/*4"}, {"gene": "HLA-B", "phenotype": "*15:02 positive"}]
    resp = api.client.post(patient.url("/report/confirm"), json={"rows": rows, "typed": True}, headers=patient.headers)
    assert resp.status_code == 201, resp.text
    report = resp.json()["report"]
    assert report["source_format"] == "typed"
    assert report["pharmacogenomics"][0]["phenotype"] == "Intermediate Metabolizer"
    assert report["pharmacogenomics"][0]["origin"] == "typed in, confirmed by patient"


def test_impossible_typed_row_is_a_clear_422_and_nothing_is_stored(api):
    patient = api.patient()
    rows = [{"gene": "CYP2C19", "diplotype": "*2/*2", "phenotype": "Ultrarapid Metabolizer"}]
    resp = api.client.post(patient.url("/report/confirm"), json={"rows": rows, "typed": True}, headers=patient.headers)
    assert resp.status_code == 422
    assert resp.json()["error"]["code"] == "impossible_result"
    assert "Poor Metabolizer" in resp.json()["error"]["message"] and "row 1" in resp.json()["error"]["message"]
    assert stored(api, StoredReport) == []


def test_confirm_without_a_read_file_is_409(api):
    patient = api.patient()
    resp = api.client.post(patient.url("/report/confirm"), json={"rows": [{"gene": "CYP2C19", "diplotype": "*1/*1"}]},
                           headers=patient.headers)
    assert resp.status_code == 409 and resp.json()["error"]["code"] == "no_pending_extraction"


@pytest.mark.parametrize(("make", "code"), [
    (encrypted_pdf, "encrypted_pdf"), (malformed_pdf, "invalid_pdf"), (compression_bomb_pdf, "pdf_too_complex"),
    (many_pages_pdf, "too_many_pages"), (scanned_pdf, "scanned_pdf")])
def test_bad_pdfs_are_clear_4xx_and_nothing_is_stored(api, make, code):
    patient = api.patient()
    resp = send(api, patient, make())
    assert resp.status_code == 422, resp.text
    assert resp.json()["error"]["code"] == code
    assert stored(api, StoredReport) == [] and stored(api, PendingExtraction) == []


def test_deleting_the_session_erases_the_pending_extraction(api):
    patient = api.patient()
    send(api, patient, table_layout(RESULT_SETS[0]).data)
    assert len(stored(api, PendingExtraction)) == 1
    assert api.client.delete(patient.url(), headers=patient.headers).status_code == 204
    assert stored(api, PendingExtraction) == []


def test_suggestions_name_genes_alleles_and_phenotypes(api):
    body = api.client.get("/api/report-suggestions", params={"gene": "CYP2C19"}).json()
    assert "CYP2C19" in body["pgx_genes"] and "*17" in body["alleles"] and "Poor Metabolizer" in body["phenotypes"]
