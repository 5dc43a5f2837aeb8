"""Issue 17, finding 5: patient sessions expire after long inactivity, counselor logins after a short idle time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.config import Settings
from bot.store.models import CounselorToken, PatientSession, utcnow
from tests.support.api import ApiHarness


@pytest.fixture
def api(isolated_data_dir):
    with ApiHarness(Settings(data_dir=isolated_data_dir, rate_limit="1000/minute")) as harness:
        yield harness


def _age_patient(api, days: float) -> None:  # noqa: ANN001
    with api.state.db.session() as db:
        db.execute(update(PatientSession).values(created_at=utcnow() - timedelta(days=days),
                                                 last_active_at=utcnow() - timedelta(days=days)))


def test_a_patient_session_unused_past_the_idle_limit_stops_working(api):
    patient = api.patient()
    _age_patient(api, 31)
    resp = api.client.get(patient.url("/messages"), headers=patient.headers)
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "invalid_token"


def test_a_patient_waiting_weeks_for_a_counselor_is_still_in(api):
    patient = api.patient()
    _age_patient(api, 29)
    assert api.client.get(patient.url("/messages"), headers=patient.headers).status_code == 200
    _age_patient(api, 0)  # using it moved the clock on: another 29 idle days from now would still be fine
    with api.state.db.session() as db:
        assert db.get(PatientSession, patient.session_id).last_active_at > utcnow() - timedelta(minutes=5)


def test_a_counselor_login_left_idle_stops_working_before_it_expires(api):
    headers = api.counselor()
    assert api.client.get("/api/escalations", headers=headers).status_code == 200
    with api.state.db.session() as db:
        db.execute(update(CounselorToken).values(last_used_at=utcnow() - timedelta(minutes=31),
                                                 created_at=utcnow() - timedelta(minutes=31)))
    resp = api.client.get("/api/escalations", headers=headers)
    assert resp.status_code == 401
