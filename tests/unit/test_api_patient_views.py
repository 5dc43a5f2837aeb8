"""What the API shows about a report (summary cards) and an escalation's progress, to patients and counselors."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import update

from bot.api.middleware import JSON_BODY_LIMIT
from bot.config import Settings
from bot.store.models import StoredReport
from tests.support.api import SAMPLE_REPORT, ApiHarness

BIG_REPORT = {
    **SAMPLE_REPORT,
    "variants": [{"gene": f"BRCA{1 + i % 2}", "hgvs": f"c.{100 + i}del", "classification": "Uncertain significance",
                  "zygosity": "heterozygous", "condition": "Hereditary breast and ovarian cancer " + "x" * 300}
                 for i in range(200)],
}
NOTE = "Internal: phoned cardiology, patient anxious about bleeding risk."


@pytest.fixture
def api(isolated_data_dir, database_url):
    settings = Settings(data_dir=isolated_data_dir, database_url=database_url, rate_limit="1000/minute")
    with ApiHarness(settings) as harness:
        yield harness


def progress(api: ApiHarness, patient) -> dict:
    resp = api.client.get(patient.url("/messages"), headers=patient.headers)
    assert resp.status_code == 200, resp.text
    return resp.json()


# --- summary cards come with the report -----------------------------------------------------------------


def test_upload_reply_carries_a_summary_card_per_result(api):
    patient = api.patient()
    body = api.upload(patient)
    [card] = body["cards"]
    assert card["gene"] == "CYP2C19" and "*2/*2" in card["result"]
    assert card["level"] == "important" and card["label"]  # a text label, not colour alone
    assert any("clopidogrel" in group for group in card["matters_for"])


def test_report_over_the_json_body_limit_still_gets_its_cards(api):
    patient = api.patient()
    data = json.dumps(BIG_REPORT).encode()
    assert len(data) > JSON_BODY_LIMIT
    resp = api.client.post(patient.url("/report"), files={"file": ("big_report.json", data, "application/json")},
                           headers=patient.headers)
    assert resp.status_code == 201, resp.text
    cards = resp.json()["cards"]
    assert len(cards) == len(BIG_REPORT["variants"]) + len(BIG_REPORT["pharmacogenomics"])
    assert {c["level"] for c in cards if c["kind"] == "variant"} == {"unclear"}  # "uncertain significance"


def test_session_read_after_a_reload_returns_the_same_cards(api):
    patient = api.patient()
    assert api.client.get(patient.url(), headers=patient.headers).json()["cards"] == []
    uploaded = api.upload(patient)
    again = api.client.get(patient.url(), headers=patient.headers).json()
    assert again["cards"] == uploaded["cards"]
    assert again["warnings"] == uploaded["warnings"]


def test_a_stored_report_that_no_longer_parses_still_loads_without_cards(api):
    patient = api.patient()
    api.upload(patient)
    with api.state.db.session() as db:
        db.execute(update(StoredReport).values(data={"pharmacogenomics": "not a list"}))
    body = api.client.get(patient.url(), headers=patient.headers)
    assert body.status_code == 200
    assert body.json()["cards"] == [] and body.json()["report"] == {"pharmacogenomics": "not a list"}


def test_counselor_escalation_detail_carries_the_report_cards(api):
    patient = api.patient()
    api.upload(patient)
    esc = api.ask(patient, "What dose should I take?")["escalation"]
    detail = api.client.get(f"/api/escalations/{esc['id']}", headers=api.counselor()).json()
    assert [c["gene"] for c in detail["cards"]] == ["CYP2C19"]


# --- escalation progress, as the patient sees it -----------------------------------------------------------


def test_patient_follows_an_escalation_from_open_to_claimed_to_resolved(api):
    patient = api.patient()
    asked = api.ask(patient, "What dose should I take?")
    esc_id = asked["escalation"]["id"]
    assert asked["escalation"]["status"] == "open" and asked["escalation"]["created_at"]
    [opened] = progress(api, patient)["escalations"]
    assert opened["status"] == "open" and opened["claimed_at"] is None and opened["resolved_at"] is None

    headers = api.counselor()
    api.client.post(f"/api/escalations/{esc_id}/claim", headers=headers)
    [claimed] = progress(api, patient)["escalations"]
    assert claimed["status"] == "claimed" and claimed["claimed_at"] and claimed["resolved_at"] is None

    api.client.post(f"/api/escalations/{esc_id}/resolve", json={"note": NOTE}, headers=headers)
    [resolved] = progress(api, patient)["escalations"]
    assert resolved["status"] == "resolved" and resolved["resolved_at"] >= resolved["claimed_at"]
    assert resolved["created_at"] == opened["created_at"] and resolved["id"] == esc_id


def test_patient_never_sees_the_counselors_note_summary_or_name(api):
    patient = api.patient()
    esc_id = api.ask(patient, "What dose should I take?")["escalation"]["id"]
    headers = api.counselor()
    api.client.post(f"/api/escalations/{esc_id}/claim", headers=headers)
    api.client.post(f"/api/escalations/{esc_id}/resolve", json={"note": NOTE}, headers=headers)
    for path in ("", "/messages"):
        text = api.client.get(patient.url(path), headers=patient.headers).text
        assert NOTE not in text and "Asks about a dose" not in text and "casey" not in text
    [esc] = progress(api, patient)["escalations"]
    assert set(esc) == {"id", "priority", "status", "created_at", "claimed_at", "resolved_at", "answered"}


def test_each_escalating_reply_names_its_escalation(api):
    patient = api.patient()
    api.ask(patient, "What does my result mean?")
    first = api.ask(patient, "What dose should I take?")["escalation"]["id"]
    joined = api.ask(patient, "And what dose for my son?")["escalation"]["id"]
    assert joined == first  # a follow-up of the same concern
    headers = api.counselor()
    api.client.post(f"/api/escalations/{first}/resolve", json={"note": "done"}, headers=headers)
    second = api.ask(patient, "I have chest pain")["escalation"]["id"]
    assert second != first  # an emergency is a case of its own

    body = progress(api, patient)
    bots = [m for m in body["messages"] if m["role"] == "bot"]
    assert [m["escalation_id"] for m in bots] == [None, first, first, second]
    assert [(e["id"], e["status"]) for e in body["escalations"]] == [(first, "resolved"), (second, "open")]


def test_counselor_queue_shows_when_the_patient_wrote_again(api):
    patient = api.patient()
    esc_id = api.ask(patient, "What dose should I take?")["escalation"]["id"]
    headers = api.counselor()

    def queued() -> dict:
        [item] = api.client.get("/api/escalations?status=active", headers=headers).json()["escalations"]
        return item

    before = queued()
    assert before["id"] == esc_id and before["last_message_id"] and before["last_message_at"]
    follow_up = api.ask(patient, "Is this a poor metabolizer thing?")
    after = queued()
    assert after["last_message_id"] == follow_up["message_id"] > before["last_message_id"]
    claimed = api.client.post(f"/api/escalations/{esc_id}/claim", headers=headers).json()
    assert claimed["last_message_id"] == after["last_message_id"]
