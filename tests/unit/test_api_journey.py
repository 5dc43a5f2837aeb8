"""The whole journey over real HTTP (uvicorn on loopback): patient asks, is escalated, counselor answers."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from bot.api.app import create_app
from bot.config import Settings
from bot.store.counselors import add_counselor
from bot.store.db import Database
from tests.support.api import SAMPLE_REPORT, report_parser, serve_in_thread
from tests.support.fakes import FakeEngine


@dataclass(frozen=True)
class Journey:
    """What each side saw at the end of the journey."""

    action: str  # the bot's action on the dosing question
    escalation_status: str  # after the counselor resolved it
    conversation: list[tuple[str, str]]  # (role, text) the patient read before deleting the session
    counselor_answer: str
    messages_after_delete: int  # HTTP status of the patient's old token on their messages
    escalations_after_delete: list[dict]


def run_journey(base_url: str) -> Journey:
    """Create session, upload, ask, get escalated, counselor claims/replies/resolves, patient reads, deletes."""
    with httpx.Client(base_url=base_url, timeout=30) as http:
        assert http.get("/healthz").status_code == 200
        consent = http.get("/api/consent").json()
        created = http.post("/api/sessions", json={"consent": True, "consent_version": consent["version"]})
        assert created.status_code == 201
        sid, token = created.json()["session_id"], created.json()["token"]
        patient = {"Authorization": f"Bearer {token}"}
        files = {"file": ("my_report.json", httpx.Request("GET", "/", json=SAMPLE_REPORT).content, "application/json")}
        upload = http.post(f"/api/sessions/{sid}/report", files=files, headers=patient)
        assert upload.status_code == 201, upload.text
        assert upload.json()["report"]["pharmacogenomics"][0]["gene"] == "CYP2C19"
        asked = http.post(f"/api/sessions/{sid}/messages", json={"text": "What dose of clopidogrel?"}, headers=patient)
        assert asked.status_code == 200 and asked.json()["action"] == "escalate"
        esc_id = asked.json()["escalation"]["id"]

        login = http.post("/api/auth/login", json={"username": "casey", "password": "correct horse battery"})
        counselor = {"Authorization": f"Bearer {login.json()['token']}"}
        queue = http.get("/api/escalations", params={"status": "open"}, headers=counselor).json()["escalations"]
        assert [e["id"] for e in queue] == [esc_id]
        detail = http.get(f"/api/escalations/{esc_id}", headers=counselor).json()
        assert detail["conversation"][0]["text"] == "What dose of clopidogrel?"
        assert http.post(f"/api/escalations/{esc_id}/claim", headers=counselor).json()["status"] == "claimed"
        answer = "Please ask the doctor who prescribed it; I can explain your result."
        assert http.post(f"/api/escalations/{esc_id}/reply", json={"text": answer}, headers=counselor).status_code == 201
        resolved = http.post(f"/api/escalations/{esc_id}/resolve", json={"note": "Replied in chat."}, headers=counselor)

        convo = http.get(f"/api/sessions/{sid}/messages", headers=patient).json()["messages"]
        assert http.delete(f"/api/sessions/{sid}", headers=patient).status_code == 204
        return Journey(
            action=asked.json()["action"], escalation_status=resolved.json()["status"],
            conversation=[(m["role"], m["text"]) for m in convo], counselor_answer=answer,
            messages_after_delete=http.get(f"/api/sessions/{sid}/messages", headers=patient).status_code,
            escalations_after_delete=http.get("/api/escalations", params={"status": "all"},
                                              headers=counselor).json()["escalations"],
        )


def test_full_journey_over_http(isolated_data_dir, database_url):
    settings = Settings(data_dir=isolated_data_dir, database_url=database_url)
    db = Database(database_url)
    db.upgrade()
    with db.session() as s:
        add_counselor(s, "casey", "correct horse battery")
    app = create_app(settings, engine=FakeEngine(), report_parser=report_parser())
    with serve_in_thread(app) as base_url:
        journey = run_journey(base_url)
    db.dispose()
    assert journey.action == "escalate" and journey.escalation_status == "resolved"
    # the patient reads their question, the bot's hand-off and then the counselor's own answer
    assert [role for role, _ in journey.conversation] == ["user", "bot", "counselor"]
    assert journey.conversation[-1][1] == journey.counselor_answer
    # deleting the session takes the patient's token and the escalation with it
    assert journey.messages_after_delete == 401 and journey.escalations_after_delete == []
