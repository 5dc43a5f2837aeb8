"""The web router (demo portal, widget and console files, sample downloads) and the report summary cards."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.api.cards import MEDICINE_GROUPS, pgx_card, summary_cards, variant_card
from bot.core.report import PgxResult, Report, Variant
from bot.web import routes

STATIC = Path(routes.__file__).parent / "static"


@pytest.fixture
def samples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    doc = {"patient": {"display_name": "Lee"}, "pharmacogenomics": [{"gene": "CYP2C19", "diplotype": "*1/*2"}]}
    (folder / "pgx_cyp2c19_pm.json").write_text(json.dumps(doc))
    (folder / "notes.md").write_text("not a sample")
    monkeypatch.setattr(routes, "SAMPLES_DIR", folder)
    return folder


@pytest.fixture
def client() -> TestClient:
    app = FastAPI()
    app.include_router(routes.router)
    return TestClient(app)


def test_portal_embeds_widget_with_one_script_tag_and_lists_samples(client, samples):
    page = client.get("/")
    assert page.status_code == 200
    assert page.text.count("<script") == 1
    assert re.search(r'<script src="/widget.js" data-genechat-url="[^"]*" defer></script>', page.text)
    assert 'href="/samples/pgx_cyp2c19_pm.json"' in page.text
    assert "PGx CYP2C19 poor metabolizer" in page.text and "(CYP2C19)" in page.text
    assert "notes.md" not in page.text


def test_pages_forbid_inline_and_foreign_scripts(client, samples):
    for path in ("/", "/console/"):
        policy = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_widget_console_and_assets_are_served_with_their_types(client):
    assert client.get("/widget.js").headers["content-type"].startswith("text/javascript")
    assert "GeneChat counselor console" in client.get("/console/").text
    assert client.get("/console").status_code == 200
    for name, kind in (("widget.css", "text/css"), ("console.js", "text/javascript"), ("favicon.svg", "image/svg+xml")):
        assert client.get(f"/web/{name}").headers["content-type"].startswith(kind)


@pytest.mark.parametrize("name", ["console.html", "portal.html", "..%2Froutes.py", "widget.js.map"])
def test_only_listed_assets_are_reachable(client, name):
    assert client.get(f"/web/{name}").status_code == 404


def test_sample_download_is_an_attachment(client, samples):
    r = client.get("/samples/pgx_cyp2c19_pm.json")
    assert r.status_code == 200
    assert r.headers["content-disposition"].startswith("attachment")
    assert r.json()["pharmacogenomics"][0]["gene"] == "CYP2C19"
    assert client.get("/samples/").json() == {"samples": ["pgx_cyp2c19_pm.json"]}


@pytest.mark.parametrize("name", ["notes.md", "..%2F..%2Fpyproject.toml", "missing.json", "%2Fetc%2Fpasswd"])
def test_sample_download_refuses_anything_not_listed(client, samples, name):
    assert client.get(f"/samples/{name}").status_code == 404


def test_missing_samples_folder_lists_nothing(client, tmp_path, monkeypatch):
    monkeypatch.setattr(routes, "SAMPLES_DIR", tmp_path / "absent")
    assert client.get("/samples/").json() == {"samples": []}
    assert "No sample reports are installed" in client.get("/").text


def test_summary_cards_are_one_per_result_variants_first():
    report = Report(source_format="native",
                    pharmacogenomics=[PgxResult(gene="CYP2C19", diplotype="*2/*2", phenotype="Poor Metabolizer")],
                    variants=[Variant(gene="BRCA2", hgvs="c.5946delT", classification="Pathogenic",
                                      condition="Hereditary breast and ovarian cancer")])
    cards = summary_cards(report)
    assert [c.gene for c in cards] == ["BRCA2", "CYP2C19"]
    assert cards[0].matters_for == ["Hereditary breast and ovarian cancer"]


def test_front_ends_take_cards_from_the_api_instead_of_posting_the_report_back(client):
    # A report re-sent as JSON would hit the 64 KB body limit; the cards come with the report instead.
    assert client.post("/widget/summary", json={"pharmacogenomics": []}).status_code in (404, 405)
    for name in ("widget.js", "console.js"):
        assert "/widget/summary" not in (STATIC / name).read_text()


@pytest.mark.parametrize(("phenotype", "level"), [
    ("Poor Metabolizer", "important"), ("Ultrarapid Metabolizer", "important"),
    ("Intermediate Metabolizer", "different"), ("Rapid Metabolizer", "different"),
    ("Normal Metabolizer", "typical"), ("Decreased Function", "different"), ("Normal Function", "typical"),
    ("Likely Poor Metabolizer", "important"), ("Indeterminate", "unclear"), ("Something New", "unclear"),
])
def test_pgx_card_level_follows_the_reported_phenotype(phenotype, level):
    card = pgx_card(PgxResult(gene="CYP2D6", diplotype="*1/*4", phenotype=phenotype))
    assert card.level == level
    assert card.label and card.symbol  # the level is readable without colour


def test_pgx_card_shows_the_report_result_and_medicine_groups():
    card = pgx_card(PgxResult(gene="cyp2c19", diplotype="*2/*2", phenotype="Poor Metabolizer"))
    assert card.gene == "CYP2C19"
    assert "*2/*2" in card.result and "Poor Metabolizer" in card.result
    assert card.matters_for == MEDICINE_GROUPS["CYP2C19"]


def test_uncalled_gene_is_no_result_never_a_guess():
    card = pgx_card(PgxResult(gene="CYP2D6", status="no_result", no_result_reason="Not enough DNA was read."))
    assert (card.result, card.level, card.meaning) == ("No result", "unclear", "Not enough DNA was read.")


def test_ambiguous_result_is_marked_unclear_with_a_note():
    card = pgx_card(PgxResult(gene="CYP2C19", diplotype="*1/*2", phenotype="Intermediate Metabolizer",
                              alternatives=["*1/*2", "*2/*17"], uncertain=True))
    assert card.level == "unclear"
    assert any("more than one possible result" in n for n in card.notes)


def test_unknown_gene_has_no_invented_medicines():
    card = pgx_card(PgxResult(gene="ZZZ9", diplotype="*1/*1", phenotype="Normal Metabolizer"))
    assert card.matters_for == ["ask your care team which medicines this gene affects"]


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


def test_front_end_scripts_never_insert_html():
    for name in ("widget.js", "console.js"):
        code = (STATIC / name).read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, f"{name} uses {sink}"


def test_api_app_serves_the_widget_console_and_portal(tmp_path):
    from bot.api.app import create_app
    from bot.config import Settings

    app = TestClient(create_app(Settings(data_dir=tmp_path, database_url="sqlite://"), engine=object()))
    for path in ("/", "/widget.js", "/console/", "/web/widget.css", "/samples/"):
        assert app.get(path).status_code == 200, path
