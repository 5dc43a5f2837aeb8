"""Issue 17, findings 6 and 8: stored text is free of control and bidi-override characters (but keeps what
languages need), blank messages open no escalation, and the smaller header, docs, framing and CORS points."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.store.models import Escalation, Message
from tests.support.api import ApiHarness


@pytest.fixture
def api(isolated_data_dir):
    settings = Settings(data_dir=isolated_data_dir, rate_limit="1000/minute", cors_origins="https://clinic.example")
    with ApiHarness(settings) as harness:
        yield harness


def _stored(api, role: str) -> list[str]:  # noqa: ANN001
    with api.state.db.session() as db:
        return list(db.scalars(select(Message.text).where(Message.role == role)))


def test_control_and_bidi_override_characters_are_not_stored_but_zwj_and_zwnj_are(api):
    patient = api.patient()
    api.ask(patient, "What is \u202egnp.exe\u202c CYP2C19\x07\x1b[31m?\r\nآیا می\u200cخواهم 👩\u200d⚕️")
    [text] = _stored(api, "user")
    assert not any(c in text for c in "\u202e\u202c\x07\x1b\r")
    assert "می\u200cخواهم" in text and "👩\u200d⚕️" in text and "\n" in text


@pytest.mark.parametrize("text", ["   ", "\n\t \n", "\u202e\u202c", "\x07 \x1b"])
def test_blank_messages_are_422_and_open_no_escalation(api, text):
    patient = api.patient()
    resp = api.client.post(patient.url("/messages"), json={"text": text}, headers=patient.headers)
    assert resp.status_code == 422
    with api.state.db.session() as db:
        assert list(db.scalars(select(Escalation))) == [] and list(db.scalars(select(Message))) == []


def test_counselor_replies_are_cleaned_too(api):
    patient = api.patient()
    esc = api.ask(patient, "Should I stop my medicine?")["escalation"]["id"]
    headers = api.counselor()
    api.client.post(f"/api/escalations/{esc}/claim", headers=headers)
    assert api.client.post(f"/api/escalations/{esc}/reply", json={"text": "   "}, headers=headers).status_code == 422
    assert api.client.post(f"/api/escalations/{esc}/reply", json={"text": "Call us \u2066today\u2069."},
                           headers=headers).status_code == 201
    assert _stored(api, "counselor") == ["Call us today."]


def test_swagger_docs_from_a_cdn_are_off_by_default(api):
    assert api.client.get("/docs").status_code == 404
    assert api.client.get("/redoc").status_code == 404
    assert api.client.get("/openapi.json").status_code == 200


def test_console_framing_policy_says_the_same_in_both_headers(api):
    resp = api.client.get("/console")
    assert resp.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in resp.headers["content-security-policy"]


def test_chat_frame_may_be_framed_only_by_our_pages_and_the_allowed_clinics(api):
    resp = api.client.get("/widget/frame", params={"parent": "https://clinic.example"})
    assert resp.status_code == 200
    policy = resp.headers["content-security-policy"]
    assert "frame-ancestors 'self' https://clinic.example;" in policy
    assert "x-frame-options" not in resp.headers
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert 'data-genechat-parent="https://clinic.example"' in resp.text
    # the portal and the console keep their stricter policies
    assert "frame-ancestors 'self';" in api.client.get("/").headers["content-security-policy"]
    assert api.client.get("/console/").headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("parent", ["https://evil.example", "javascript:alert(1)", '"><script>x</script>'])
def test_chat_frame_tells_nothing_to_a_parent_that_may_not_frame_it(api, parent):
    resp = api.client.get("/widget/frame", params={"parent": parent})
    assert 'data-genechat-parent=""' in resp.text
    assert "evil.example" not in resp.headers["content-security-policy"] and "<script>x" not in resp.text


def test_a_refused_cors_preflight_is_a_json_error(api):
    resp = api.client.options("/api/sessions", headers={"Origin": "https://evil.example",
                                                        "Access-Control-Request-Method": "POST"})
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] == "cors_refused"
    ok = api.client.options("/api/sessions", headers={"Origin": "https://clinic.example",
                                                      "Access-Control-Request-Method": "POST"})
    assert ok.status_code == 200
