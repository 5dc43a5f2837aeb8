"""Patient routes over HTTP: consent, sessions, report upload, messages, deletion, and their error paths."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from bot.api import middleware
from bot.config import Settings
from bot.conversation import flows
from bot.safety import wording
from bot.safety.wording import CONSENT_VERSION
from bot.store.models import (
    AuditEvent,
    CitationRow,
    DecisionTrace,
    Escalation,
    Message,
    PatientSession,
    StoredReport,
)
from bot.store.security import hash_token
from tests.support.api import SAMPLE_REPORT, ApiHarness
from tests.support.fakes import FAKE_PROMPT_VERSION, FakeEngine


@pytest.fixture
def settings(isolated_data_dir, database_url) -> Settings:
    return Settings(data_dir=isolated_data_dir, database_url=database_url, rate_limit="1000/minute")


@pytest.fixture
def api(settings):
    with ApiHarness(settings) as harness:
        yield harness


def rows(api: ApiHarness, model) -> list:
    with api.state.db.session() as db:
        return list(db.scalars(select(model)))


def assert_error(resp, status: int, code: str | None = None) -> dict:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    if code:
        assert body["error"]["code"] == code
    return body


# --- consent and sessions ---------------------------------------------------------------------------


def test_consent_text_is_served_with_its_version(api):
    body = api.client.get("/api/consent").json()
    assert body["version"] == CONSENT_VERSION
    assert "not a doctor" in body["text"]


def test_session_needs_consent_true(api):
    assert_error(api.client.post("/api/sessions", json={"consent": False}), 422, "consent_required")
    assert_error(api.client.post("/api/sessions", json={}), 422, "validation_error")
    assert rows(api, PatientSession) == []


def test_session_with_outdated_consent_version_is_refused(api):
    assert_error(api.client.post("/api/sessions", json={"consent": True, "consent_version": "1999"}), 409,
                 "consent_outdated")


def test_session_stores_only_token_hash_and_consent_version(api):
    patient = api.patient()
    [row] = rows(api, PatientSession)
    assert row.id == patient.session_id
    assert row.token_hash == hash_token(patient.token) and patient.token not in row.token_hash
    assert row.consent_version == CONSENT_VERSION


def test_session_tokens_are_unique_and_long(api):
    a, b = api.patient(), api.patient()
    assert a.token != b.token and a.session_id != b.session_id
    assert len(a.token) >= 40


def test_get_session_returns_uploaded_report(api):
    patient = api.patient()
    assert api.client.get(patient.url(), headers=patient.headers).json()["report"] is None
    api.upload(patient)
    body = api.client.get(patient.url(), headers=patient.headers).json()
    assert body["report"]["pharmacogenomics"][0]["gene"] == "CYP2C19"


# --- report upload ----------------------------------------------------------------------------------


def test_upload_json_body_returns_normalized_report(api):
    patient = api.patient()
    body = api.upload(patient)
    assert body["report"]["pharmacogenomics"][0]["diplotype"] == "*2/*2"
    assert isinstance(body["warnings"], list)
    [stored] = rows(api, StoredReport)
    assert stored.session_id == patient.session_id and stored.data == body["report"]


def test_upload_multipart_file(api):
    patient = api.patient()
    files = {"file": ("report.json", json.dumps(SAMPLE_REPORT).encode(), "application/json")}
    resp = api.client.post(patient.url("/report"), files=files, headers=patient.headers)
    assert resp.status_code == 201, resp.text
    assert resp.json()["report"]["lab"] == "Example Lab"


def test_upload_csv_file_is_read_by_content(api):
    patient = api.patient()
    files = {"file": ("results.csv", b"gene,diplotype\nCYP2C19,*1/*17\n", "text/csv")}
    resp = api.client.post(patient.url("/report"), files=files, headers=patient.headers)
    assert resp.status_code == 201, resp.text
    assert resp.json()["report"]["pharmacogenomics"][0]["diplotype"] == "*1/*17"


def test_second_upload_replaces_the_first(api):
    patient = api.patient()
    api.upload(patient)
    other = {**SAMPLE_REPORT, "pharmacogenomics": [{"gene": "CYP2D6", "diplotype": "*1/*1"}]}
    api.upload(patient, other)
    [stored] = rows(api, StoredReport)
    assert stored.data["pharmacogenomics"][0]["gene"] == "CYP2D6"


def test_upload_multipart_without_file_field_is_422(api):
    patient = api.patient()
    resp = api.client.post(patient.url("/report"), data={"other": "x"}, files={"x": ("a.json", b"{}")},
                           headers=patient.headers)
    assert_error(resp, 422, "missing_file")


def test_upload_unknown_media_type_is_415(api):
    patient = api.patient()
    resp = api.client.post(patient.url("/report"), content=b"hello",
                           headers={**patient.headers, "Content-Type": "application/pdf"})
    assert_error(resp, 415)


def test_upload_unsupported_file_format_is_415(api):
    patient = api.patient()
    files = {"file": ("report.docx", b"PK\x03\x04 not a report", "application/octet-stream")}
    assert_error(api.client.post(patient.url("/report"), files=files, headers=patient.headers), 415)


def test_upload_invalid_report_is_422_and_nothing_stored(api):
    patient = api.patient()
    resp = api.client.post(patient.url("/report"), json={"pharmacogenomics": "nope"}, headers=patient.headers)
    assert_error(resp, 422, "invalid_report")
    resp = api.client.post(patient.url("/report"), content=b"   ",
                           headers={**patient.headers, "Content-Type": "application/json"})
    assert_error(resp, 422)
    assert rows(api, StoredReport) == []


def test_upload_over_limit_by_content_length_is_413(isolated_data_dir):
    with ApiHarness(Settings(data_dir=isolated_data_dir, upload_limit_bytes=1000)) as api:
        patient = api.patient()
        big = {**SAMPLE_REPORT, "lab": "x" * 5000}
        assert_error(api.client.post(patient.url("/report"), json=big, headers=patient.headers), 413)
        assert rows(api, StoredReport) == []


def test_upload_over_limit_is_caught_while_streaming(isolated_data_dir):
    """A chunked body without Content-Length is counted as it arrives."""
    with ApiHarness(Settings(data_dir=isolated_data_dir, upload_limit_bytes=1000)) as api:
        patient = api.patient()
        sent = []

        def chunks():
            for _ in range(50):
                sent.append(1)
                yield b" " * 500

        resp = api.client.post(patient.url("/report"), content=chunks(),
                               headers={**patient.headers, "Content-Type": "application/json"})
        assert_error(resp, 413, "too_large")


def test_multipart_upload_over_limit_is_413(isolated_data_dir):
    with ApiHarness(Settings(data_dir=isolated_data_dir, upload_limit_bytes=1000)) as api:
        patient = api.patient()
        files = {"file": ("report.json", b" " * 5000, "application/json")}
        assert_error(api.client.post(patient.url("/report"), files=files, headers=patient.headers), 413)


# --- messages ---------------------------------------------------------------------------------------


def test_answer_carries_citations_and_report_facts_and_is_stored(api):
    patient = api.patient()
    api.upload(patient)
    body = api.ask(patient, "What does my CYP2C19 result mean?")
    assert body["action"] == "answer" and body["reason"] == "explained_result"
    assert body["citations"][0]["doc_id"] == "cyp2c19"
    assert body["report_facts"][0]["phenotype"] == "Poor Metabolizer"
    assert body["escalation"] is None
    text, report, history = api.engine.calls[0]
    assert text == "What does my CYP2C19 result mean?" and report.pharmacogenomics[0].gene == "CYP2C19"
    assert history == []
    assert [m.role for m in rows(api, Message)] == ["user", "bot"]
    [trace] = rows(api, DecisionTrace)
    assert trace.message_id == body["message_id"] and trace.steps[0]["step"] == "triage"
    assert trace.prompt_version == FAKE_PROMPT_VERSION
    assert rows(api, CitationRow)[0].message_id == body["message_id"]


def test_engine_gets_previous_turns_as_history(api):
    patient = api.patient()
    api.ask(patient, "What is CYP2C19?")
    api.ask(patient, "And what about the other one?")
    _, report, history = api.engine.calls[1]
    assert report is None
    assert [(t.role, t.text) for t in history][:1] == [("user", "What is CYP2C19?")]
    assert history[1].role == "bot" and history[1].genes == ["CYP2C19"]


def test_escalate_reply_queues_a_normal_escalation(api):
    patient = api.patient()
    body = api.ask(patient, "What dose of clopidogrel should I take?")
    assert body["action"] == "escalate"
    assert body["escalation"]["priority"] == "normal" and body["escalation"]["status"] == "open"
    [esc] = rows(api, Escalation)
    assert esc.id == body["escalation"]["id"] and esc.message_id == body["message_id"]
    assert esc.reason == "dosing"


def test_emergency_reply_queues_an_urgent_escalation(api):
    patient = api.patient()
    body = api.ask(patient, "I have chest pain right now")
    assert body["action"] == "emergency" and body["escalation"]["priority"] == "urgent"


def test_decline_creates_no_escalation(api):
    patient = api.patient()
    assert api.ask(patient, "What's the weather?")["action"] == "decline"
    assert rows(api, Escalation) == []


@pytest.mark.parametrize("payload", [{"text": ""}, {"text": "x" * 4001}, {"text": "hi", "extra": 1}, {},
                                     {"text": "a\x00b"}])
def test_invalid_message_bodies_are_422(api, payload):
    patient = api.patient()
    assert_error(api.client.post(patient.url("/messages"), json=payload, headers=patient.headers), 422)
    assert rows(api, Message) == []


def test_malformed_json_is_400(api):
    patient = api.patient()
    resp = api.client.post(patient.url("/messages"), content=b'{"text": ',
                           headers={**patient.headers, "Content-Type": "application/json"})
    assert_error(resp, 400, "malformed_json")


def test_validation_errors_do_not_echo_patient_text(api):
    patient = api.patient()
    secret = "my-secret-symptom " * 300
    resp = api.client.post(patient.url("/messages"), json={"text": secret}, headers=patient.headers)
    assert resp.status_code == 422 and "my-secret-symptom" not in resp.text


def test_engine_failure_still_stores_question_and_escalates(api):
    api.engine.fail_with = RuntimeError
    patient = api.patient()
    body = api.ask(patient, "Is my result bad?")
    assert body["action"] == "escalate" and body["reason"] == "system_error"
    assert body["reply"] == wording.ENGINE_FAILED
    assert body["escalation"]["priority"] == "normal"
    assert [m.text for m in rows(api, Message) if m.role == "user"] == ["Is my result bad?"]


def test_message_before_engine_is_ready_is_503_and_not_stored(isolated_data_dir, monkeypatch):
    class SlowEngine(FakeEngine):
        def warm_up(self) -> None:
            raise RuntimeError("model missing")

    monkeypatch.setattr(flows, "ENGINE_WAIT_SECONDS", 0.01)
    with ApiHarness(Settings(data_dir=isolated_data_dir), engine=SlowEngine()) as api:
        patient = api.patient()
        resp = api.client.post(patient.url("/messages"), json={"text": "hello"}, headers=patient.headers)
        assert_error(resp, 503, "not_ready")
        assert resp.headers["retry-after"]
        assert rows(api, Message) == []


def test_retry_with_same_client_id_is_stored_once(api):
    patient = api.patient()
    first = api.ask(patient, "What is CYP2C19?", client_id="c-1")
    again = api.ask(patient, "What is CYP2C19?", client_id="c-1")
    assert again == first
    assert len(rows(api, Message)) == 2 and len(api.engine.calls) == 1


def test_conversation_lists_every_turn_in_order(api):
    patient = api.patient()
    api.ask(patient, "What is CYP2C19?")
    api.ask(patient, "What dose?")
    body = api.client.get(patient.url("/messages"), headers=patient.headers).json()
    assert [m["role"] for m in body["messages"]] == ["user", "bot", "user", "bot"]
    assert body["messages"][1]["citations"][0]["doc_id"] == "cyp2c19"
    assert body["messages"][1]["reply_to"] == body["messages"][0]["id"]
    assert body["messages"][0]["created_at"].endswith("Z")


# --- deletion ---------------------------------------------------------------------------------------


def test_delete_erases_everything_derived_and_keeps_only_that_it_happened(api):
    patient = api.patient()
    api.upload(patient)
    api.ask(patient, "What is CYP2C19?")
    api.ask(patient, "What dose should I take?")
    headers = api.counselor()
    [esc] = rows(api, Escalation)
    api.client.get(f"/api/escalations/{esc.id}", headers=headers)
    resp = api.client.delete(patient.url(), headers=patient.headers)
    assert resp.status_code == 204
    for model in (StoredReport, Message, CitationRow, DecisionTrace):
        assert rows(api, model) == [], model.__name__
    [esc] = rows(api, Escalation)
    assert esc.summary is None and esc.status == "withdrawn"
    assert api.client.get("/api/escalations?status=all", headers=headers).json()["escalations"] == []
    assert_error(api.client.get(f"/api/escalations/{esc.id}", headers=headers), 404)
    deletions = [e for e in rows(api, AuditEvent) if e.action == "session.delete"]
    assert len(deletions) == 1 and deletions[0].target_id == patient.session_id
    audit_dump = json.dumps([e.detail for e in rows(api, AuditEvent)])
    assert "CYP2C19" not in audit_dump and "dose" not in audit_dump
    [session] = rows(api, PatientSession)
    assert session.token_hash is None and session.deleted_at is not None
    assert_error(api.client.get(patient.url("/messages"), headers=patient.headers), 401, "invalid_token")
    assert_error(api.client.delete(patient.url(), headers=patient.headers), 401)


# --- generic HTTP behaviour -------------------------------------------------------------------------


def test_unknown_route_and_wrong_method_use_the_error_envelope(api):
    assert_error(api.client.get("/api/nope"), 404, "not_found")
    assert_error(api.client.put("/api/sessions"), 405)


def test_api_responses_carry_security_headers(api):
    resp = api.client.get("/api/consent")
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in resp.headers["content-security-policy"]
    assert resp.headers["referrer-policy"] == "no-referrer"
    assert resp.headers["x-request-id"]


def test_console_cannot_be_framed_and_https_gets_hsts(api):
    assert api.client.get("/console/").headers.get("x-frame-options") == "DENY"
    assert "strict-transport-security" not in api.client.get("/healthz").headers
    from fastapi.testclient import TestClient

    with TestClient(api.app, base_url="https://testserver") as https:
        assert https.get("/healthz").headers["strict-transport-security"].startswith("max-age=")


def test_cors_allows_only_configured_origins(isolated_data_dir):
    with ApiHarness(Settings(data_dir=isolated_data_dir, cors_origins="https://clinic.example")) as api:
        pre = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
        ok = api.client.options("/api/sessions", headers={"Origin": "https://clinic.example", **pre})
        assert ok.headers.get("access-control-allow-origin") == "https://clinic.example"
        bad = api.client.options("/api/sessions", headers={"Origin": "https://evil.example", **pre})
        assert "access-control-allow-origin" not in bad.headers


def test_json_body_over_64kb_is_413(api):
    patient = api.patient()
    resp = api.client.post(patient.url("/messages"), content=b'{"text": "' + b"a" * (70 * 1024) + b'"}',
                           headers={**patient.headers, "Content-Type": "application/json"})
    assert_error(resp, 413, "too_large")
    assert middleware.JSON_BODY_LIMIT == 64 * 1024


def test_health_and_readiness_when_engine_is_warm(api):
    assert api.client.get("/healthz").json() == {"status": "ok"}
    body = api.client.get("/readyz").json()
    assert body["status"] == "ready" and body["missing"] == []
    assert api.engine.warmed


def test_readiness_lists_what_is_missing_when_warm_up_fails(isolated_data_dir):
    class Broken(FakeEngine):
        def warm_up(self) -> None:
            raise RuntimeError("no index")

    with ApiHarness(Settings(data_dir=isolated_data_dir), engine=Broken()) as api:
        assert api.client.get("/healthz").status_code == 200
        resp = api.client.get("/readyz")
        assert resp.status_code == 503
        assert resp.json()["missing"] == ["embedder", "vector_store", "classifier"]
        assert resp.json()["checks"]["database"] is True


def test_readiness_uses_engine_component_report(isolated_data_dir):
    class Partial(FakeEngine):
        def readiness(self) -> dict[str, bool]:
            return {"embedder": True, "vector_store": False, "classifier": True}

    with ApiHarness(Settings(data_dir=isolated_data_dir), engine=Partial()) as api:
        assert api.client.get("/readyz").json()["missing"] == ["vector_store"]


def test_user_messages_are_counted_once_per_post(api):
    patient = api.patient()
    for i in range(3):
        api.ask(patient, f"question {i}")
    with api.state.db.session() as db:
        assert db.scalar(select(func.count()).select_from(Message).where(Message.role == "user")) == 3
