"""Coming back from another device: resume codes with the patient's secret, one-time links, revoking, limits."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.store import resume
from bot.store.models import NotifyContact, ResumeCode
from tests.support.api import ApiHarness

SECRET = "blue heron"


@pytest.fixture
def api(isolated_data_dir, database_url):
    settings = Settings(data_dir=isolated_data_dir, database_url=database_url, rate_limit="1000/minute")
    with ApiHarness(settings) as harness:
        yield harness


def code_for(api: ApiHarness, patient) -> str:  # noqa: ANN001
    resp = api.client.post(patient.url("/resume-code"), json={"secret": SECRET}, headers=patient.headers)
    assert resp.status_code == 201, resp.text
    return resp.json()["code"]


def test_a_patient_comes_back_with_code_and_secret_and_sees_the_counselors_reply(api):
    patient = api.patient()
    esc = api.ask(patient, "What dose should I take?")["escalation"]["id"]
    code = code_for(api, patient)
    api.client.post(f"/api/escalations/{esc}/reply", json={"text": "Let us talk on Monday."}, headers=api.counselor())
    back = api.client.post("/api/resume", json={"code": code.lower().replace("-", " "), "secret": SECRET})
    assert back.status_code == 200 and back.json()["session_id"] == patient.session_id
    headers = {"Authorization": f"Bearer {back.json()['token']}"}
    convo = api.client.get(patient.url("/messages"), headers=headers).json()
    assert convo["messages"][-1]["text"] == "Let us talk on Monday."
    assert convo["escalations"][0]["answered"] is True
    # the device that came back holds the conversation now: the old token is retired
    assert api.client.get(patient.url("/messages"), headers=patient.headers).status_code == 401


def test_resume_code_is_high_entropy_and_stored_only_as_a_hash(api):
    patient = api.patient()
    code = code_for(api, patient)
    assert len(code.replace("-", "")) == 20 and set(code.replace("-", "")) <= set(resume.ALPHABET)
    assert code != code_for(api, patient)  # a new code each time
    with api.state.db.session() as db:
        stored = db.scalars(select(ResumeCode)).all()
    assert stored and all(code not in (r.code_hash + (r.secret_hash or "")) for r in stored)
    assert all(SECRET not in (r.secret_hash or "") for r in stored)


def test_a_new_code_replaces_the_old_one_and_revoking_stops_it(api):
    patient = api.patient()
    old = code_for(api, patient)
    new = code_for(api, patient)
    assert api.client.post("/api/resume", json={"code": old, "secret": SECRET}).status_code == 401
    assert api.client.delete(patient.url("/resume-code"), headers=patient.headers).status_code == 204
    assert api.client.post("/api/resume", json={"code": new, "secret": SECRET}).status_code == 401


def test_wrong_secrets_lock_the_code(api):
    patient = api.patient()
    code = code_for(api, patient)
    for _ in range(resume.MAX_FAILED):
        assert api.client.post("/api/resume", json={"code": code, "secret": "wrong"}).status_code == 401
    assert api.client.post("/api/resume", json={"code": code, "secret": SECRET}).status_code == 401


def test_resume_attempts_are_rate_limited_per_ip(isolated_data_dir):
    with ApiHarness(Settings(data_dir=isolated_data_dir, rate_limit="1000/minute")) as api:
        codes = [api.client.post("/api/resume", json={"code": "AAAA-BBBB-CCCC-DDDD-EEEE", "secret": "x"}).status_code
                 for _ in range(12)]
    assert codes[:10] == [401] * 10 and 429 in codes[10:]


def test_code_and_secret_never_reach_the_logs(api, caplog, capfd):
    patient = api.patient()
    with caplog.at_level(logging.DEBUG):
        code = code_for(api, patient)
        api.client.post("/api/resume", json={"code": code, "secret": SECRET})
        api.client.post("/api/resume", json={"code": code, "secret": "nope!"})
    out, err = capfd.readouterr()
    text = caplog.text + "".join(str(r.msg) for r in caplog.records) + out + err
    assert "/api/resume" in text  # the requests were logged...
    assert code not in text and SECRET not in text and "nope!" not in text  # ...without the code or secret


def test_a_one_time_link_works_once(api):
    patient = api.patient()
    with api.state.db.session() as db:
        token = resume.issue_link(db, patient.session_id)
    first = api.client.post("/api/resume/link", json={"token": token})
    assert first.status_code == 200 and first.json()["session_id"] == patient.session_id
    assert api.client.post("/api/resume/link", json={"token": token}).status_code == 401


def test_deleting_the_session_erases_codes_and_the_email(api):
    patient = api.patient()
    code = code_for(api, patient)
    assert api.client.post(patient.url("/notify"), json={"email": "dana@example.org"},
                           headers=patient.headers).status_code == 204
    with api.state.db.session() as db:
        [row] = db.scalars(select(NotifyContact)).all()
        assert "dana" not in row.email_encrypted  # encrypted at rest
    state = api.client.get(patient.url("/come-back"), headers=patient.headers).json()
    assert state == {"has_code": True, "has_email": True}
    api.client.delete(patient.url(""), headers=patient.headers)
    assert api.client.post("/api/resume", json={"code": code, "secret": SECRET}).status_code == 401
    with api.state.db.session() as db:
        assert db.scalars(select(NotifyContact)).all() == [] and db.scalars(select(ResumeCode)).all() == []
