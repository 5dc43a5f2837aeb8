"""Counselor side over HTTP: login, queue, audited reads, claim/take-over, reply, resolve, feedback, webhook."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from sqlalchemy import select, update

from bot.config import Settings
from bot.store.escalations import list_feedback
from bot.store.models import AuditEvent, CounselorToken, Escalation, Message
from tests.support.api import ApiHarness


@pytest.fixture
def api(isolated_data_dir, database_url):
    settings = Settings(data_dir=isolated_data_dir, database_url=database_url, rate_limit="1000/minute")
    with ApiHarness(settings) as harness:
        yield harness


def audit(api: ApiHarness, action: str) -> list[AuditEvent]:
    with api.state.db.session() as db:
        return list(db.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def escalated(api: ApiHarness, text: str = "What dose should I take?"):
    patient = api.patient()
    body = api.ask(patient, text)
    return patient, body["escalation"]["id"], body


def code(resp) -> str:
    return resp.json()["error"]["code"]


# --- login and token checks -------------------------------------------------------------------------


def test_login_returns_expiring_token(api):
    api.add_counselor("casey", "correct horse battery")
    resp = api.client.post("/api/auth/login", json={"username": "casey", "password": "correct horse battery"})
    assert resp.status_code == 200
    body = resp.json()
    assert body["username"] == "casey" and body["expires_at"].endswith("Z") and len(body["token"]) >= 40
    assert audit(api, "counselor.login")[0].actor == "casey"


def test_wrong_password_and_unknown_user_get_the_same_401(api):
    api.add_counselor("casey", "correct horse battery")
    wrong = api.client.post("/api/auth/login", json={"username": "casey", "password": "nope nope nope"})
    unknown = api.client.post("/api/auth/login", json={"username": "nobody", "password": "nope nope nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert code(wrong) == "invalid_credentials"


def test_queue_needs_a_counselor_token(api):
    patient, _, _ = escalated(api)
    assert api.client.get("/api/escalations").status_code == 401
    assert code(api.client.get("/api/escalations", headers=patient.headers)) == "invalid_token"
    assert api.client.get("/api/escalations", headers={"Authorization": "Bearer forged"}).status_code == 401
    assert api.client.post("/api/escalations/1/claim", headers=patient.headers).status_code == 401


def test_expired_counselor_token_is_401(api):
    headers = api.counselor()
    assert api.client.get("/api/escalations", headers=headers).status_code == 200
    with api.state.db.session() as db:
        db.execute(update(CounselorToken).values(expires_at=CounselorToken.created_at))
    resp = api.client.get("/api/escalations", headers=headers)
    assert resp.status_code == 401 and resp.headers["www-authenticate"] == "Bearer"


def test_logout_revokes_the_token_and_is_audited(api):
    headers = api.counselor()
    assert api.client.post("/api/auth/logout", headers=headers).status_code == 204
    assert api.client.get("/api/escalations", headers=headers).status_code == 401
    assert api.client.post("/api/auth/logout", headers=headers).status_code == 401
    assert [e.actor for e in audit(api, "counselor.logout")] == ["casey"]


def test_counselor_token_cannot_read_a_patient_session(api):
    patient, _, _ = escalated(api)
    headers = api.counselor()
    assert api.client.get(patient.url("/messages"), headers=headers).status_code == 401


# --- the queue ----------------------------------------------------------------------------------------


def test_queue_puts_emergencies_first_then_oldest(api):
    _, first, _ = escalated(api, "dose question one")
    _, second, _ = escalated(api, "dose question two")
    _, urgent, _ = escalated(api, "I have chest pain")
    headers = api.counselor()
    queue = api.client.get("/api/escalations?status=open", headers=headers).json()["escalations"]
    assert [e["id"] for e in queue] == [urgent, first, second]
    assert queue[0]["priority"] == "urgent" and queue[0]["reason"] == "emergency_symptoms"
    assert all(e["age_seconds"] >= 0 for e in queue)


def test_a_follow_up_joins_the_open_case_and_an_emergency_is_a_case_of_its_own(api):
    patient, first, opened = escalated(api, "What dose should I take?")
    _, other, _ = escalated(api, "dose for someone else")
    again = api.ask(patient, "And what dose for my other medicine?")
    assert opened["case_event"] == "opened"
    assert again["escalation"]["id"] == first and again["case_event"] == "joined"
    urgent = api.ask(patient, "Now I have chest pain")
    assert urgent["case_event"] == "opened" and urgent["escalation"]["priority"] == "urgent"
    assert urgent["escalation"]["id"] not in (first, other)
    headers = api.counselor()
    queue = api.client.get("/api/escalations", headers=headers).json()["escalations"]
    assert [(e["id"], e["priority"]) for e in queue] == \
        [(urgent["escalation"]["id"], "urgent"), (first, "normal"), (other, "normal")]
    # the urgent row carries the message that raised it, and every row its questions and reason in words
    assert queue[0]["trigger"] == "Now I have chest pain" and queue[0]["reason_text"].startswith("Possible emergency")
    assert queue[1]["questions"] == ["What dose should I take?", "And what dose for my other medicine?"]
    assert len(audit(api, "escalation.create")) == 3 and len(audit(api, "escalation.join")) == 1


def test_two_concerns_in_one_session_make_two_cases_and_a_follow_up_joins_the_right_one(api):
    patient = api.patient()
    api.upload(patient)
    codeine = api.ask(patient, "What dose of codeine should I take?")
    plavix = api.ask(patient, "Should I stop clopidogrel?")
    assert codeine["case_event"] == plavix["case_event"] == "opened"
    assert codeine["escalation"]["id"] != plavix["escalation"]["id"]
    back = api.ask(patient, "So how much codeine is safe for me?")
    assert back["escalation"]["id"] == codeine["escalation"]["id"] and back["case_event"] == "joined"
    headers = api.counselor()
    case = api.client.get(f"/api/escalations/{codeine['escalation']['id']}", headers=headers).json()
    assert case["drugs"] == ["codeine"] and len(case["questions"]) == 2
    assert all("codeine" in q for q in case["questions"])


def test_a_follow_up_shortly_after_resolution_reopens_the_case_without_a_new_card(api):
    patient, first, _ = escalated(api, "Should I stop my clopidogrel?")
    headers = api.counselor()
    api.client.post(f"/api/escalations/{first}/reply", json={"text": "Please keep taking it for now."},
                    headers=headers)
    api.client.post(f"/api/escalations/{first}/resolve", json={"note": "answered"}, headers=headers)
    again = api.ask(patient, "Thanks, so I should not stop it?")
    assert again["escalation"]["id"] == first and again["case_event"] == "reopened"
    assert again["escalation"]["status"] == "claimed"  # back with the counselor who had it
    queue = api.client.get("/api/escalations?status=mine", headers=headers).json()["escalations"]
    assert [(e["id"], e["reopened_count"]) for e in queue] == [(first, 1)]
    assert len(audit(api, "escalation.create")) == 1 and len(audit(api, "escalation.reopen")) == 1


def test_a_follow_up_long_after_resolution_opens_a_new_case(api):
    patient, first, _ = escalated(api)
    headers = api.counselor()
    api.client.post(f"/api/escalations/{first}/resolve", json={"note": "done"}, headers=headers)
    with api.state.db.session() as db:
        esc = db.get(Escalation, first)
        esc.resolved_at -= timedelta(days=3)
        esc.created_at -= timedelta(days=4)
        esc.last_activity_at -= timedelta(days=4)
    again = api.ask(patient, "What dose now?")
    assert again["escalation"]["id"] != first and again["case_event"] == "opened"


def test_counselor_replies_and_notes_are_linked_to_their_case_and_notes_stay_internal(api):
    patient = api.patient()
    codeine = api.ask(patient, "What dose of codeine?")["escalation"]["id"]
    plavix = api.ask(patient, "Should I stop clopidogrel?")["escalation"]["id"]
    headers = api.counselor()
    api.client.post(f"/api/escalations/{plavix}/reply", json={"text": "Keep taking it; I will call."}, headers=headers)
    note = api.client.post(f"/api/escalations/{plavix}/notes", json={"text": "INTERNAL: check with cardiology"},
                           headers=headers)
    assert note.status_code == 201 and note.json()["author"] == "casey"
    detail = api.client.get(f"/api/escalations/{plavix}", headers=headers).json()
    assert [n["text"] for n in detail["notes"]] == ["INTERNAL: check with cardiology"]
    assert api.client.get(f"/api/escalations/{codeine}", headers=headers).json()["notes"] == []
    convo = api.client.get(patient.url("/messages"), headers=patient.headers).json()
    [reply] = [m for m in convo["messages"] if m["role"] == "counselor"]
    assert reply["escalation_id"] == plavix
    assert {e["id"]: e["answered"] for e in convo["escalations"]} == {codeine: False, plavix: True}
    assert "INTERNAL" not in json.dumps(convo)


def test_working_views_urgent_waiting_and_mine(api):
    patient = api.patient()
    dose = api.ask(patient, "What dose of codeine?")["escalation"]["id"]
    urgent = api.ask(patient, "I have chest pain")["escalation"]["id"]
    _, other, _ = escalated(api)
    me, you = api.counselor(), api.counselor("robin")
    api.client.post(f"/api/escalations/{dose}/reply", json={"text": "Let us talk."}, headers=me)
    api.client.post(f"/api/escalations/{other}/claim", headers=you)
    ids = lambda view, who=me: [e["id"] for e in api.client.get(f"/api/escalations?status={view}", headers=who).json()["escalations"]]  # noqa: E731
    assert ids("urgent") == [urgent]
    assert ids("mine") == [dose] and ids("mine", you) == [other]
    assert ids("waiting") == [urgent, other]
    api.ask(patient, "And how much codeine then?")  # the patient writes again on the answered case
    assert ids("waiting") == [urgent, dose, other]
    row = api.client.get("/api/escalations?status=mine", headers=me).json()["escalations"][0]
    assert row["target_reply_seconds"] == api.settings.reply_target_minutes * 60 and row["replied"] is True


def test_case_detail_has_the_medicine_list_and_cards(api):
    patient = api.patient()
    api.upload(patient)
    api.client.put(patient.url("/medicines"), json={"medicines": ["Plavix"]}, headers=patient.headers)
    esc = api.ask(patient, "Should I stop clopidogrel?")["escalation"]["id"]
    detail = api.client.get(f"/api/escalations/{esc}", headers=api.counselor()).json()
    assert [m["typed"] for m in detail["medicines"]] == ["Plavix"]
    assert [c["gene"] for c in detail["cards"]] == ["CYP2C19"]


def test_reply_templates_are_for_counselors_and_name_the_parts_to_fill_in(api):
    assert api.client.get("/api/reply-templates").status_code == 401
    patient = api.patient()
    assert api.client.get("/api/reply-templates", headers=patient.headers).status_code == 401
    templates = api.client.get("/api/reply-templates", headers=api.counselor()).json()["templates"]
    assert len({t["key"] for t in templates}) == len(templates) >= 4
    for t in templates:
        assert t["placeholders"] and all(p in t["text"] for p in t["placeholders"])
    call = next(t for t in templates if t["key"] == "call")
    assert call["placeholders"] == ["[day]", "[time]"]


def test_a_reply_that_still_holds_a_template_part_is_refused(api):
    patient, esc, _ = escalated(api)
    headers = api.counselor()
    half_done = "I would like to talk this through with you by phone. I can call you on Monday at [time]."
    refused = api.client.post(f"/api/escalations/{esc}/reply", json={"text": half_done}, headers=headers)
    assert refused.status_code == 422 and code(refused) == "unfilled_template" and "[time]" in refused.text
    done = half_done.replace("[time]", "10 am")
    assert api.client.post(f"/api/escalations/{esc}/reply", json={"text": done}, headers=headers).status_code == 201
    convo = api.client.get(patient.url("/messages"), headers=patient.headers).json()["messages"]
    assert [m["text"] for m in convo if m["role"] == "counselor"] == [done]


def test_queue_status_filters(api):
    _, a, _ = escalated(api)
    _, b, _ = escalated(api)
    headers = api.counselor()
    api.client.post(f"/api/escalations/{a}/claim", headers=headers)
    get = lambda s: [e["id"] for e in api.client.get(f"/api/escalations?status={s}", headers=headers).json()["escalations"]]  # noqa: E731
    assert get("open") == [b] and get("claimed") == [a] and sorted(get("active")) == sorted([a, b])
    assert get("resolved") == []
    assert api.client.get("/api/escalations?status=bogus", headers=headers).status_code == 422


def test_reading_an_escalation_shows_conversation_traces_and_report_and_is_audited(api):
    patient = api.patient()
    api.upload(patient)
    body = api.ask(patient, "What dose should I take?")
    headers = api.counselor()
    detail = api.client.get(f"/api/escalations/{body['escalation']['id']}", headers=headers).json()
    assert [m["role"] for m in detail["conversation"]] == ["user", "bot"]
    assert detail["conversation"][1]["trace"][0]["step"] == "triage"
    assert detail["report"]["pharmacogenomics"][0]["gene"] == "CYP2C19"
    [read] = audit(api, "escalation.read")
    assert read.actor == "casey" and read.target_id == str(detail["id"])
    assert read.detail == {"session_id": patient.session_id}


def test_unknown_escalation_is_404(api):
    headers = api.counselor()
    for resp in (api.client.get("/api/escalations/999", headers=headers),
                 api.client.post("/api/escalations/999/claim", headers=headers),
                 api.client.post("/api/escalations/999/reply", json={"text": "hi"}, headers=headers),
                 api.client.post("/api/escalations/999/resolve", json={"note": "x"}, headers=headers)):
        assert resp.status_code == 404 and code(resp) == "not_found"
    assert api.client.get("/api/escalations/0", headers=headers).status_code == 422


# --- claim, take-over, reply, resolve -----------------------------------------------------------------


def test_claim_then_reply_shows_in_patient_conversation(api):
    patient, esc_id, _ = escalated(api)
    headers = api.counselor()
    claimed = api.client.post(f"/api/escalations/{esc_id}/claim", headers=headers).json()
    assert claimed["status"] == "claimed" and claimed["claimed_by"] == "casey"
    resp = api.client.post(f"/api/escalations/{esc_id}/reply", json={"text": "Please ask your pharmacist."},
                           headers=headers)
    assert resp.status_code == 201 and resp.json()["role"] == "counselor"
    convo = api.client.get(patient.url("/messages"), headers=patient.headers).json()["messages"]
    assert convo[-1]["role"] == "counselor" and convo[-1]["text"] == "Please ask your pharmacist."
    assert convo[-1]["author"] == "Genetic counselor" and convo[0]["author"] is None  # never the login name
    assert [e.action for e in audit(api, "escalation.claim")] == ["escalation.claim"]
    assert len(audit(api, "escalation.reply")) == 1


def test_claiming_twice_by_the_holder_is_idempotent(api):
    _, esc_id, _ = escalated(api)
    headers = api.counselor()
    assert api.client.post(f"/api/escalations/{esc_id}/claim", headers=headers).status_code == 200
    assert api.client.post(f"/api/escalations/{esc_id}/claim", headers=headers).status_code == 200
    assert len(audit(api, "escalation.claim")) == 1


def test_other_counselor_cannot_act_on_a_claim_without_taking_over(api):
    _, esc_id, _ = escalated(api)
    casey = api.counselor("casey")
    robin = api.counselor("robin")
    api.client.post(f"/api/escalations/{esc_id}/claim", headers=casey)
    for resp in (api.client.post(f"/api/escalations/{esc_id}/claim", headers=robin),
                 api.client.post(f"/api/escalations/{esc_id}/reply", json={"text": "hi"}, headers=robin),
                 api.client.post(f"/api/escalations/{esc_id}/resolve", json={"note": "done"}, headers=robin)):
        assert resp.status_code == 409 and code(resp) == "claimed_by_other"
    taken = api.client.post(f"/api/escalations/{esc_id}/claim", json={"take_over": True}, headers=robin)
    assert taken.status_code == 200 and taken.json()["claimed_by"] == "robin"
    [event] = audit(api, "escalation.takeover")
    assert event.actor == "robin" and event.detail["previous_counselor"] == "casey"
    assert code(api.client.post(f"/api/escalations/{esc_id}/reply", json={"text": "x"}, headers=casey)) == \
        "claimed_by_other"


def test_reply_to_open_escalation_claims_it(api):
    _, esc_id, _ = escalated(api)
    headers = api.counselor()
    api.client.post(f"/api/escalations/{esc_id}/reply", json={"text": "Hello"}, headers=headers)
    queue = api.client.get("/api/escalations?status=claimed", headers=headers).json()["escalations"]
    assert queue[0]["id"] == esc_id and queue[0]["claimed_by"] == "casey"


@pytest.mark.parametrize("payload", [{}, {"note": ""}, {"note": "   "}])
def test_resolve_requires_a_note(api, payload):
    _, esc_id, _ = escalated(api)
    headers = api.counselor()
    resp = api.client.post(f"/api/escalations/{esc_id}/resolve", json=payload, headers=headers)
    assert resp.status_code == 422
    assert audit(api, "escalation.resolve") == []


def test_resolve_closes_and_blocks_further_changes(api):
    _, esc_id, _ = escalated(api)
    headers = api.counselor()
    resp = api.client.post(f"/api/escalations/{esc_id}/resolve", json={"note": "Called the patient."},
                           headers=headers)
    assert resp.json()["status"] == "resolved" and resp.json()["resolved_at"]
    with api.state.db.session() as db:
        assert db.get(Escalation, esc_id).resolution_note == "Called the patient."
    for resp in (api.client.post(f"/api/escalations/{esc_id}/claim", headers=headers),
                 api.client.post(f"/api/escalations/{esc_id}/reply", json={"text": "x"}, headers=headers),
                 api.client.post(f"/api/escalations/{esc_id}/resolve", json={"note": "x"}, headers=headers)):
        assert resp.status_code == 409 and code(resp) == "already_resolved"
    assert [e.actor for e in audit(api, "escalation.resolve")] == ["casey"]


# --- feedback -----------------------------------------------------------------------------------------


def test_feedback_is_stored_and_listed_for_evals(api):
    patient = api.patient()
    api.upload(patient)
    body = api.ask(patient, "What dose should I take?")
    headers = api.counselor()
    resp = api.client.post(f"/api/escalations/{body['escalation']['id']}/feedback", headers=headers,
                           json={"message_id": body["message_id"], "verdict": "wrong", "correct_action": "answer",
                                 "comment": "This was general education."})
    assert resp.status_code == 201
    with api.state.db.session() as db:
        [record] = list_feedback(db)
    assert record.question == "What dose should I take?" and record.reply == body["reply"]
    assert (record.verdict, record.correct_action, record.counselor) == ("wrong", "answer", "casey")
    assert record.report["pharmacogenomics"][0]["gene"] == "CYP2C19"
    api.client.delete(patient.url(), headers=patient.headers)
    with api.state.db.session() as db:
        assert list_feedback(db) == []


def test_list_feedback_reads_the_configured_database_by_default(isolated_data_dir):
    with ApiHarness(Settings(data_dir=isolated_data_dir)) as api:
        patient = api.patient()
        body = api.ask(patient, "What dose should I take?")
        api.client.post(f"/api/escalations/{body['escalation']['id']}/feedback", headers=api.counselor(),
                        json={"message_id": body["message_id"], "verdict": "ok"})
    assert [r.verdict for r in list_feedback()] == ["ok"]


def test_feedback_must_name_a_bot_reply_of_that_conversation(api):
    _, esc_id, body = escalated(api)
    _, _, other = escalated(api)
    headers = api.counselor()
    for message_id in (body["user_message_id"], other["message_id"], 12345):
        resp = api.client.post(f"/api/escalations/{esc_id}/feedback", headers=headers,
                               json={"message_id": message_id, "verdict": "ok"})
        assert resp.status_code == 422 and code(resp) == "invalid_message"
    bad = api.client.post(f"/api/escalations/{esc_id}/feedback", headers=headers,
                          json={"message_id": body["message_id"], "verdict": "meh"})
    assert bad.status_code == 422


# --- webhook ------------------------------------------------------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server naming
        length = int(self.headers["Content-Length"])
        type(self).received.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_new_escalation_calls_the_webhook_without_patient_text(isolated_data_dir):
    _Recorder.received = []
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/hook"
        with ApiHarness(Settings(data_dir=isolated_data_dir, escalation_webhook=url)) as api:
            patient = api.patient()
            api.ask(patient, "What is CYP2C19?")
            body = api.ask(patient, "I have chest pain and my dose is 75 mg")
            api.ask(patient, "another dose question")  # joins the open case: no new notification
    finally:
        server.shutdown()
    [hook] = _Recorder.received
    assert hook["escalation_id"] == body["escalation"]["id"] and hook["priority"] == "urgent"
    assert "chest" not in json.dumps(hook) and patient.session_id not in json.dumps(hook)


def test_webhook_failure_does_not_break_the_reply(isolated_data_dir):
    with ApiHarness(Settings(data_dir=isolated_data_dir, escalation_webhook="http://127.0.0.1:9/none")) as api:
        patient = api.patient()
        body = api.ask(patient, "What dose should I take?")
        assert body["escalation"]["status"] == "open"
        with api.state.db.session() as db:
            assert len(list(db.scalars(select(Message)))) == 2
