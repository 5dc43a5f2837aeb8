"""Schemathesis against /openapi.json: generated requests never cause a 5xx and replies match the schema."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import hypothesis
import pytest
import schemathesis
from fastapi.testclient import TestClient
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from bot.api.app import create_app
from bot.config import Settings
from bot.store.counselors import add_counselor
from tests.support.api import report_parser
from tests.support.fakes import FakeEngine

_DATA = Path(tempfile.mkdtemp(prefix="genechat-schemathesis-"))
SETTINGS = Settings(data_dir=_DATA, rate_limit="100000/minute", upload_limit_bytes=200_000)
APP = create_app(SETTINGS, engine=FakeEngine(), report_parser=report_parser())
CLIENT = TestClient(APP)
COUNSELOR: dict[str, str] = {}

schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
schema.config.generation.update(max_examples=20)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module", autouse=True)
def running_app():
    """Start the app once (migrations, warm engine) and log a counselor in."""
    with CLIENT:
        APP.state.genechat.readiness.wait(10)
        with APP.state.genechat.db.session() as db:
            add_counselor(db, "schema", "schema-password-1")
        login = CLIENT.post("/api/auth/login", json={"username": "schema", "password": "schema-password-1"})
        COUNSELOR["Authorization"] = "Bearer " + login.json()["token"]
        yield
    shutil.rmtree(_DATA, ignore_errors=True)


def _patient_case(case) -> dict[str, str]:
    """Most patient cases run on a real session (so handlers do real work); a few keep the generated id."""
    created = CLIENT.post("/api/sessions", json={"consent": True}).json()
    escalated = CLIENT.post(f"/api/sessions/{created['session_id']}/messages", json={"text": "what dose?"},
                            headers={"Authorization": f"Bearer {created['token']}"}).json()
    case.path_parameters["session_id"] = created["session_id"]
    _patient_case.last_escalation = escalated["escalation"]["id"]
    return {"Authorization": f"Bearer {created['token']}"}


@schema.parametrize()
@hypothesis.settings(deadline=None, suppress_health_check=list(hypothesis.HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema(case):
    headers: dict[str, str] = {}
    params = case.path_parameters or {}
    if "session_id" in params:
        headers = _patient_case(case)
    elif case.path.startswith("/api/escalations"):
        headers = COUNSELOR
        if "escalation_id" in params:
            _patient_case(case)  # makes a fresh escalation to act on
            case.path_parameters = {"escalation_id": _patient_case.last_escalation}
    case.call_and_validate(headers=headers, checks=CHECKS, session=CLIENT)
