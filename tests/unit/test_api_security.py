"""Security over HTTP: patients cannot reach each other's sessions, rate limits, and logs free of patient data."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.api import middleware
from bot.config import Settings
from bot.store.models import Message, StoredReport
from tests.support.api import SAMPLE_REPORT, ApiHarness


@pytest.fixture
def api(isolated_data_dir, database_url):
    settings = Settings(data_dir=isolated_data_dir, database_url=database_url, rate_limit="1000/minute")
    with ApiHarness(settings) as harness:
        yield harness


def test_patient_a_cannot_touch_patient_b(api):
    a, b = api.patient(), api.patient()
    api.upload(b)
    api.ask(b, "What is CYP2C19?")
    as_a = a.headers
    attempts = {
        "read": api.client.get(b.url("/messages"), headers=as_a),
        "session": api.client.get(b.url(), headers=as_a),
        "post": api.client.post(b.url("/messages"), json={"text": "hi"}, headers=as_a),
        "upload": api.client.post(b.url("/report"), json=SAMPLE_REPORT, headers=as_a),
        "delete": api.client.delete(b.url(), headers=as_a),
    }
    assert {k: r.status_code for k, r in attempts.items()} == {k: 403 for k in attempts}
    assert all(r.json()["error"]["code"] == "forbidden" for r in attempts.values())
    with api.state.db.session() as db:
        assert [m.session_id for m in db.scalars(select(Message))] == [b.session_id, b.session_id]
        assert [r.session_id for r in db.scalars(select(StoredReport))] == [b.session_id]
    assert len(api.client.get(b.url("/messages"), headers=b.headers).json()["messages"]) == 2


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic abc"},
                                     {"Authorization": "Bearer "}])
def test_missing_or_bad_patient_token_is_401(api, headers):
    patient = api.patient()
    resp = api.client.get(patient.url("/messages"), headers=headers)
    assert resp.status_code == 401
    assert resp.json()["error"]["code"] in {"missing_token", "invalid_token"}


def test_unknown_session_with_valid_token_is_403(api):
    patient = api.patient()
    resp = api.client.get("/api/sessions/00000000-0000-0000-0000-000000000000/messages", headers=patient.headers)
    assert resp.status_code == 403


def test_rate_limit_per_ip_allows_several_patients_behind_one_address(isolated_data_dir):
    with ApiHarness(Settings(data_dir=isolated_data_dir, rate_limit="1/minute")) as api:
        assert middleware.IP_FACTOR == 10
        codes = [api.client.post("/api/sessions", json={"consent": True}).status_code for _ in range(11)]
        assert codes == [201] * 10 + [429]
        resp = api.client.get("/api/consent")
        assert resp.status_code == 429 and resp.json()["error"]["code"] == "rate_limited"
        assert int(resp.headers["retry-after"]) >= 1
        assert api.client.get("/healthz").status_code == 200  # probes are never limited


def test_rate_limit_per_token_across_ips(isolated_data_dir):
    with ApiHarness(Settings(data_dir=isolated_data_dir, rate_limit="4/minute")) as api:
        patient = api.patient()  # 1 request from the harness client's IP
        codes = []
        for i in range(4):
            with TestClient(api.app, client=(f"10.0.0.{i}", 5000)) as other_ip:
                codes.append(other_ip.get(patient.url("/messages"), headers=patient.headers).status_code)
        assert codes == [200, 200, 200, 200]
        with TestClient(api.app, client=("10.0.0.99", 5000)) as fresh_ip:
            assert fresh_ip.get(patient.url("/messages"), headers=patient.headers).status_code == 429
            assert fresh_ip.get("/api/consent").status_code == 200


def test_login_attempts_are_limited_per_ip(api):
    codes = [api.client.post("/api/auth/login", json={"username": "x", "password": "y"}).status_code
             for _ in range(11)]
    # the address backs off after 5 failures (bot/api/login_guard.py), before the 10/minute limit
    assert codes[:5] == [401] * 5 and set(codes[5:]) == {429}


def test_logs_of_a_full_journey_hold_no_patient_text_report_content_or_tokens(isolated_data_dir, caplog):
    question = "Zebrafish-question: can I take my clopidogrel with grapefruit?"
    dose_question = "Quokka-question: what dose should I take?"
    counselor_text = "Wombat-answer: please ask your pharmacist."
    note = "Platypus-note: called back"
    report = {**SAMPLE_REPORT, "lab": "Narwhal Genomics Lab", "patient": {"display_name": "Okapi Smith"}}
    caplog.set_level(logging.DEBUG)
    with ApiHarness(Settings(data_dir=isolated_data_dir, log_level="DEBUG")) as api:
        patient = api.patient()
        api.upload(patient, report)
        api.ask(patient, question)
        body = api.ask(patient, dose_question)
        headers = api.counselor("casey", "correct horse battery")
        esc = body["escalation"]["id"]
        api.client.get(f"/api/escalations/{esc}", headers=headers)
        api.client.post(f"/api/escalations/{esc}/reply", json={"text": counselor_text}, headers=headers)
        api.client.post(f"/api/escalations/{esc}/resolve", json={"note": note}, headers=headers)
        api.client.post(patient.url("/messages"), json={"text": question * 100}, headers=patient.headers)
        api.client.get(patient.url("/messages"), headers=patient.headers)
        api.client.delete(patient.url(), headers=patient.headers)
    logged = "\n".join(r.getMessage() + json.dumps(vars(r), default=str) for r in caplog.records)
    assert "message_answered" in logged and "request" in logged  # the capture did see our logs
    forbidden = ["Zebrafish", "Quokka", "Wombat", "Platypus", "Narwhal", "Okapi", "Poor Metabolizer", "*2/*2",
                 "correct horse battery", patient.token, headers["Authorization"].split()[1]]
    leaked = [word for word in forbidden if word in logged]
    assert leaked == []


@pytest.mark.slow
def test_real_engine_conversation_logs_hold_no_patient_text(isolated_data_dir, caplog):
    """The same check with the real conversation engine (hash embedder, no index): its logs must be clean too."""
    from bot.conversation.engine import ConversationEngine, EmptySearcher
    from bot.retrieval.embedders import HashEmbedder

    settings = Settings(data_dir=isolated_data_dir, embedder="hash", log_level="DEBUG")
    engine = ConversationEngine(settings, embedder=HashEmbedder(), searcher=EmptySearcher())
    report = {**SAMPLE_REPORT, "lab": "Narwhal Genomics Lab"}
    questions = ["Zebrafish: what does my CYP2C19 result mean?", "Quokka: what dose of clopidogrel should I take?",
                 "Wombat: I have crushing chest pain"]
    caplog.set_level(logging.DEBUG)
    with ApiHarness(settings, engine=engine) as api:
        patient = api.patient()
        api.upload(patient, report)
        actions = [api.ask(patient, q)["action"] for q in questions]
    assert actions[2] == "emergency"
    logged = "\n".join(r.getMessage() + json.dumps(vars(r), default=str) for r in caplog.records)
    assert "engine" in logged
    assert [w for w in ("Zebrafish", "Quokka", "Wombat", "Narwhal", patient.token) if w in logged] == []


def test_unusable_rate_limit_storage_is_refused_at_startup_naming_the_setting(isolated_data_dir):
    from bot.api.app import create_app
    from bot.errors import ConfigError

    with pytest.raises(ConfigError, match="GENECHAT_RATE_LIMIT_STORAGE"):
        create_app(Settings(data_dir=isolated_data_dir, rate_limit_storage="nosuchstore://x"))

