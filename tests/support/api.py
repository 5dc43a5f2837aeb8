"""The API under test: a fake engine and report parser (the Engine and ReportParser contracts), an app harness.

>>> engine = FakeEngine()
>>> engine.reply("what does CYP2C19 mean?").action
'answer'
>>> engine.reply("I have chest pain").action
'emergency'
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.api.app import create_app
from bot.core.reply import Citation, EscalationRequest, Reply, ReportFact, TraceStep, Turn
from bot.core.report import Report
from bot.errors import ReportError
from bot.reports.parse import parse_report
from bot.store.counselors import add_counselor
from bot.store.models import Counselor

FAKE_CITATION = Citation(doc_id="cyp2c19-basics", title="CYP2C19 and your medicines", genes=["CYP2C19"],
                         drugs=["clopidogrel"], source_urls=["https://cpicpgx.org/guidelines/"])


class FakeEngine:
    """Keyword-routed replies: 'pain' -> emergency, 'dose' -> escalate, 'weather' -> decline, else answer.

    ``queue`` replies to return them in order instead; ``fail_with`` makes ``reply`` raise.
    Every call is recorded in ``calls`` as (text, report, history).
    """

    def __init__(self) -> None:
        self.calls: list[tuple[str, Report | None, list[Turn]]] = []
        self.queued: list[Reply] = []
        self.fail_with: type[Exception] | None = None
        self.warmed = False

    def warm_up(self) -> None:
        self.warmed = True

    def wait_until_settled(self) -> None:
        pass

    def readiness(self) -> dict[str, bool]:
        return {"embedder": self.warmed, "vector_store": self.warmed, "classifier": self.warmed}

    def queue(self, *replies: Reply) -> None:
        self.queued.extend(replies)

    def reply(self, text: str, *, report: Report | None = None, history: Sequence[Turn] = (),
              medicines: Sequence[str] = ()) -> Reply:
        self.calls.append((text, report, list(history)))
        if self.fail_with is not None:
            raise self.fail_with("engine exploded")
        if self.queued:
            return self.queued.pop(0)
        lowered = text.lower()
        facts = [ReportFact(gene=r.gene, diplotype=r.diplotype, phenotype=r.phenotype) for r in
                 (report.pharmacogenomics if report else [])][:1]
        trace = [TraceStep(step="triage", outcome="matched", detail={"rule": "fake"})]
        if "pain" in lowered:
            return Reply(text="Call your local emergency number now.", action="emergency", reason="emergency_symptoms",
                         escalation=EscalationRequest(priority="urgent", reason="emergency_symptoms",
                                                      summary="Patient reports symptoms."), trace=trace)
        if "dose" in lowered:
            return Reply(text="A genetic counselor will answer this question.", action="escalate", reason="dosing",
                         escalation=EscalationRequest(priority="normal", reason="dosing",
                                                      summary="Asks about a dose."), trace=trace)
        if "weather" in lowered:
            return Reply(text="I can only help with your genetic report.", action="decline", reason="out_of_scope",
                         trace=trace)
        return Reply(text="Your report shows how your body processes some medicines.", action="answer",
                     reason="explained_result", citations=[FAKE_CITATION], report_facts=facts, trace=trace,
                     genes=["CYP2C19"], prompt_version="fake-1")


def native_json_parser(data: bytes, *, filename: str | None = "report.json", max_bytes: int | None = 5_000_000,
                       max_rows: int | None = 1000) -> Report:
    """A minimal stand-in for ``bot.reports.parse.parse_report`` accepting only the native JSON layout."""
    if max_bytes is not None and len(data) > max_bytes:
        raise ReportError("too large", code="too_large")
    if not (filename or "").endswith(".json"):
        raise ReportError("unsupported", code="unsupported_format")
    try:
        raw = json.loads(data)
    except ValueError as exc:
        raise ReportError("not JSON", code="invalid_report") from exc
    if not isinstance(raw, dict) or "pharmacogenomics" not in raw:
        raise ReportError("not a native report", code="unsupported_format")
    if not isinstance(raw["pharmacogenomics"], list):
        raise ReportError("'pharmacogenomics' must be a list", code="invalid_report")
    rows = raw["pharmacogenomics"]
    if max_rows is not None and len(rows) > max_rows:
        raise ReportError("too many rows", code="too_large")
    return Report(source_format="native", lab=raw.get("lab"), pharmacogenomics=rows)


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
