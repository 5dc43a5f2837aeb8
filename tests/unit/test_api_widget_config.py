"""GET /api/widget-config: the widget's safety wording comes from bot/safety/wording.py, its limit from settings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import Settings
from bot.safety import wording
from bot.safety.fixed_text import check_fixed_text
from tests.support.api import ApiHarness

WIDGET_JS = Path(__file__).resolve().parents[2] / "bot" / "web" / "static" / "widget.js"


def _config(data_dir: Path, **settings) -> dict:
    with ApiHarness(Settings(data_dir=data_dir, database_url="sqlite://", **settings)) as api:
        resp = api.client.get("/api/widget-config")
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_widget_config_serves_the_servers_emergency_and_safety_wording(isolated_data_dir):
    words = _config(isolated_data_dir)["wording"]
    assert words["emergency"] == wording.EMERGENCY_FIRST
    assert words["cards_not_advice"] == wording.WIDGET_CARDS_NOT_ADVICE
    assert words["handoff_steps"] == list(wording.HANDOFF_STEPS)
    assert words["emergency_handoff_steps"] == list(wording.EMERGENCY_HANDOFF_STEPS)


@pytest.mark.parametrize(("limit", "text"), [(5 * 1024 * 1024, "5 MB"), (2 * 1024 * 1024, "2 MB"), (300_000, "292 KB")])
def test_widget_config_states_the_configured_upload_limit(isolated_data_dir, limit, text):
    config = _config(isolated_data_dir, upload_limit_bytes=limit)
    assert config["upload_limit_bytes"] == limit and config["upload_limit_text"] == text
    assert config["wording"]["upload_too_big"] == wording.UPLOAD_TOO_BIG.format(limit=text)
    assert text in config["wording"]["upload_help"]


def test_every_served_sentence_passes_the_fixed_text_checks(isolated_data_dir):
    words = _config(isolated_data_dir, upload_limit_bytes=1536 * 1024)["wording"]
    texts = [t for v in words.values() for t in (v if isinstance(v, list) else [v])]
    assert {t: [str(p) for p in check_fixed_text(t)] for t in texts} == {t: [] for t in texts}


def test_the_widget_holds_no_emergency_numbers_or_upload_limit_of_its_own():
    js = WIDGET_JS.read_text(encoding="utf-8")
    for own in (r"911", r"988", r"112", r"5 MB", r"1 business day"):
        assert not re.search(rf"\b{own}\b", js), own
    assert "/api/widget-config" in js


def test_the_resolved_case_sentence_comes_from_the_server_not_the_widget(isolated_data_dir):
    served = _config(isolated_data_dir)["wording"]["case_resolved"]
    assert served == wording.CASE_STATUS["resolved"]
    assert "finished reviewing" not in WIDGET_JS.read_text()
