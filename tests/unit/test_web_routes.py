"""The web router: demo portal, widget and console files, sample downloads (cards: test_cards.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

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
    assert client.get("/widget/app.js").headers["content-type"].startswith("text/javascript")
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


def test_front_ends_take_cards_from_the_api_instead_of_posting_the_report_back(client):
    # A report re-sent as JSON would hit the 64 KB body limit; the cards come with the report instead.
    assert client.post("/widget/summary", json={"pharmacogenomics": []}).status_code in (404, 405)
    for name in ("widget.js", "console.js"):
        assert "/widget/summary" not in (STATIC / name).read_text()


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


def test_embed_script_only_frames_the_chat_and_keeps_no_token(client):
    embed = re.sub(r"/\*.*?\*/|//[^\n]*", "", client.get("/widget.js").text, flags=re.S)  # the code, not comments
    assert "/widget/frame?" in embed and "createElement(\"iframe\")" in embed
    assert not re.search(r"localStorage|sessionStorage|cookie|token|/api/", embed)
    assert "e.origin !== FRAME_ORIGIN" in embed  # messages from anyone but the frame are ignored


@pytest.mark.parametrize(("query", "mode", "poll"), [("", "floating", "4000"), ("?mode=inline&poll=1500", "inline", "1500")])
def test_chat_frame_page_runs_the_app_with_checked_options(client, query, mode, poll):
    page = client.get("/widget/frame" + query)
    assert page.status_code == 200
    assert re.search(rf'<script src="app.js" data-genechat-mode="{mode}" data-genechat-poll-ms="{poll}" '
                     r'data-genechat-parent="" defer>', page.text)
    assert "frame-ancestors 'self';" in page.headers["content-security-policy"]  # no clinic allowed here


@pytest.mark.parametrize("query", ["?mode=evil", "?poll=10", "?poll=abc"])
def test_chat_frame_refuses_unknown_options(client, query):
    assert client.get("/widget/frame" + query).status_code == 422
