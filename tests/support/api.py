"""The API under test: an app harness around the fake engine (tests/support/fakes.py), a threaded server."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.api.app import create_app
from bot.core.report import Report
from bot.reports.parse import parse_report
from bot.store.counselors import add_counselor
from bot.store.models import Counselor
from tests.support.fakes import FakeEngine


def report_parser() -> Callable[..., Report]:
    """The real parser (API tests exercise every upload format)."""
    return parse_report


SAMPLE_REPORT = {
    "patient": {"display_name": "Dana"}, "lab": "Example Lab", "report_date": "2026-09-14",
    "pharmacogenomics": [{"gene": "CYP2C19", "diplotype": "*2/*2", "phenotype": "Poor Metabolizer"}],
}


class Patient:
    def __init__(self, session_id: str, token: str):
        self.session_id = session_id
        self.token = token
        self.headers = {"Authorization": f"Bearer {token}"}

    def url(self, suffix: str = "") -> str:
        return f"/api/sessions/{self.session_id}{suffix}"


class ApiHarness:
    """An app with a fake engine behind a ``TestClient``, plus shortcuts for patients and counselors.

    >>> from bot.config import Settings
    >>> with ApiHarness(Settings(database_url="sqlite://")) as api:
    ...     api.client.get("/healthz").status_code
    200
    """

    def __init__(self, settings, *, engine=None, parser=None, database=None):  # noqa: ANN001
        self.settings = settings
        self.engine = engine if engine is not None else FakeEngine()
        self.app = create_app(settings, engine=self.engine, report_parser=parser or report_parser(),
                              database=database)
        self.client = TestClient(self.app)

    @property
    def state(self):  # noqa: ANN201
        return self.app.state.genechat

    def __enter__(self) -> ApiHarness:
        self.client.__enter__()
        self.state.readiness.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.__exit__(*exc)

    def patient(self) -> Patient:
        resp = self.client.post("/api/sessions", json={"consent": True})
        assert resp.status_code == 201, resp.text
        body = resp.json()
        return Patient(body["session_id"], body["token"])

    def upload(self, patient: Patient, report: dict | None = None) -> dict:
        resp = self.client.post(patient.url("/report"), json=report or SAMPLE_REPORT, headers=patient.headers)
        assert resp.status_code == 201, resp.text
        return resp.json()

    def ask(self, patient: Patient, text: str, **extra: object) -> dict:
        resp = self.client.post(patient.url("/messages"), json={"text": text, **extra}, headers=patient.headers)
        assert resp.status_code == 200, resp.text
        return resp.json()

    def add_counselor(self, username: str = "casey", password: str = "correct horse battery") -> None:
        with self.state.db.session() as db:
            add_counselor(db, username, password)

    def counselor(self, username: str = "casey", password: str = "correct horse battery") -> dict[str, str]:
        """Create (if needed) and log in a counselor; returns the auth headers."""
        with self.state.db.session() as db:
            exists = db.scalar(select(Counselor).where(Counselor.username == username)) is not None
        if not exists:
            self.add_counselor(username, password)
        resp = self.client.post("/api/auth/login", json={"username": username, "password": password})
        assert resp.status_code == 200, resp.text
        return {"Authorization": f"Bearer {resp.json()['token']}"}


@contextmanager
def serve_in_thread(app, *, host: str = "127.0.0.1") -> Iterator[str]:  # noqa: ANN001
    """Run ``app`` under uvicorn on a free loopback port in a thread; yield its base URL."""
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=0, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="genechat-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not (server.started and server.servers):
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(15)
