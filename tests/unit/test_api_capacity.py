"""Issue 17, findings 1-2 and 7: connections are held only while talking to the database, past capacity the API
answers 503 at once, slow or abandoned bodies end cleanly, and an unhandled error is one JSON log line."""

from __future__ import annotations

import logging
import socket
import threading
import time

import httpx

from bot.config import Settings
from tests.support.api import SAMPLE_REPORT, ApiHarness, serve_in_thread
from tests.support.fakes import FakeEngine


class PoolWatchingEngine(FakeEngine):
    """Records how many pooled connections are checked out while it composes a reply."""

    def __init__(self) -> None:
        super().__init__()
        self.pool = None
        self.checked_out: list[int] = []

    def reply(self, text, **kw):  # noqa: ANN001, ANN003, ANN201
        self.checked_out.append(self.pool.checkedout())
        return super().reply(text, **kw)


class GateEngine(FakeEngine):
    """Blocks in ``reply`` until released, so a test can hold requests in flight."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.release = threading.Event()

    def reply(self, text, **kw):  # noqa: ANN001, ANN003, ANN201
        self.entered.set()
        self.release.wait(10)
        return super().reply(text, **kw)


def _settings(data_dir, **extra) -> Settings:  # noqa: ANN001, ANN003
    return Settings(data_dir=data_dir, rate_limit="1000/minute", **extra)


def test_engine_runs_without_holding_a_database_connection(isolated_data_dir):
    engine = PoolWatchingEngine()
    with ApiHarness(_settings(isolated_data_dir), engine=engine) as api:
        engine.pool = api.state.db.engine.pool
        patient = api.patient()
        api.upload(patient)
        api.ask(patient, "What is CYP2C19?")
    assert engine.checked_out == [0]


def test_counselor_and_patient_checks_give_their_connection_back(isolated_data_dir):
    with ApiHarness(_settings(isolated_data_dir), engine=FakeEngine()) as api:
        patient = api.patient()
        pool = api.state.db.engine.pool
        seen: list[int] = []

        def parser(data, **kw):  # noqa: ANN001, ANN003, ANN202 - runs after auth, before the report is stored
            seen.append(pool.checkedout())
            from bot.reports.parse import parse_report
            return parse_report(data, **kw)

        api.state.report_parser = parser
        api.upload(patient)
    assert seen == [0]


def test_past_capacity_the_api_answers_503_with_retry_after_at_once(isolated_data_dir):
    engine = GateEngine()
    with ApiHarness(_settings(isolated_data_dir, max_concurrent_requests=1), engine=engine) as api:
        patient = api.patient()
        held = threading.Thread(target=api.ask, args=(patient, "What is CYP2C19?"))
        held.start()
        try:
            assert engine.entered.wait(10)
            started = time.perf_counter()
            resp = api.client.get(patient.url("/messages"), headers=patient.headers)
            waited = time.perf_counter() - started
        finally:
            engine.release.set()
            held.join(10)
        assert resp.status_code == 503 and resp.json()["error"]["code"] == "overloaded"
        assert int(resp.headers["retry-after"]) >= 1
        assert waited < 1.0
        assert api.client.get(patient.url("/messages"), headers=patient.headers).status_code == 200


def test_an_exhausted_database_pool_is_a_503_not_a_500(isolated_data_dir):
    with ApiHarness(_settings(isolated_data_dir, db_pool_timeout_seconds=0.2, request_threads=1),
                    engine=FakeEngine()) as api:
        patient = api.patient()
        pool = api.state.db.engine.pool
        hogs = [pool.connect() for _ in range(pool.size())]
        try:
            resp = api.client.get(patient.url("/messages"), headers=patient.headers)
        finally:
            for conn in hogs:
                conn.close()
    assert resp.status_code == 503 and "retry-after" in resp.headers


def _raw_upload(base: str, patient_url: str, token: str, *, send: bytes, declared: int) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    sock.sendall((f"POST {patient_url} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
                  f"Content-Type: application/json\r\nContent-Length: {declared}\r\n\r\n").encode() + send)
    return sock


def test_a_body_that_arrives_too_slowly_gets_408(isolated_data_dir):
    # (2 s, not 0.5: on a loaded machine the complete session request before the stalled upload took 0.63 s once and
    # got the 408 itself; the stalled body still gets it, well inside the socket's 10 s)
    api = ApiHarness(_settings(isolated_data_dir, body_timeout_seconds=2.0), engine=FakeEngine())
    with api, serve_in_thread(api.app) as base:
        patient = api.patient()
        sock = _raw_upload(base, patient.url("/report"), patient.token, send=b'{"pharma', declared=5000)
        try:
            answer = sock.recv(4096).decode()  # old code: waits for ever (socket timeout after 10 s)
        finally:
            sock.close()
    assert answer.startswith("HTTP/1.1 408"), answer[:80]


def test_an_abandoned_upload_logs_a_clean_disconnect_without_traceback(isolated_data_dir, caplog):
    caplog.set_level(logging.INFO)
    api = ApiHarness(_settings(isolated_data_dir), engine=FakeEngine())
    with api, serve_in_thread(api.app) as base:
        patient = api.patient()
        sock = _raw_upload(base, patient.url("/report"), patient.token, send=b'{"pharma', declared=5000)
        time.sleep(0.3)
        sock.close()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not any(
                r.getMessage().find("client_disconnected") >= 0 or r.exc_info for r in caplog.records):
            time.sleep(0.05)
        time.sleep(0.2)
    assert any("client_disconnected" in r.getMessage() for r in caplog.records)
    assert not [r for r in caplog.records if r.exc_info or "unhandled_error" in r.getMessage()]
    statuses = [r.msg["status"] for r in caplog.records if isinstance(r.msg, dict) and r.msg.get("event") == "request"]
    assert statuses and all(400 <= s < 500 for s in statuses[-1:])


def test_an_unhandled_error_is_one_json_log_line_without_traceback_or_patient_text(isolated_data_dir, caplog):
    caplog.set_level(logging.INFO)

    def broken_parser(data, **kw):  # noqa: ANN001, ANN003, ANN202
        raise RuntimeError("patient text MARKER-ZEBRA leaked into an exception")

    api = ApiHarness(_settings(isolated_data_dir), engine=FakeEngine(), parser=broken_parser)
    with api, serve_in_thread(api.app) as base:
        uvicorn_log = logging.getLogger("uvicorn")  # uvicorn's own config stops it propagating to the root
        uvicorn_log.addHandler(caplog.handler)
        try:
            patient = api.patient()
            resp = httpx.post(f"{base}{patient.url('/report')}", json=SAMPLE_REPORT, headers=patient.headers)
            time.sleep(0.2)
        finally:
            uvicorn_log.removeHandler(caplog.handler)
    assert resp.status_code == 500 and resp.json()["error"]["code"] == "internal_error"
    errors = [r for r in caplog.records if "unhandled_error" in r.getMessage()]
    assert len(errors) == 1 and "RuntimeError" in errors[0].getMessage()
    assert not [r for r in caplog.records if r.exc_info]  # uvicorn's raw traceback
    assert not [r for r in caplog.records if "MARKER-ZEBRA" in r.getMessage()]


def test_body_deadline_does_not_touch_complete_bodies(isolated_data_dir):
    with ApiHarness(_settings(isolated_data_dir, body_timeout_seconds=0.5), engine=FakeEngine()) as api:
        patient = api.patient()
        time.sleep(0.6)  # the deadline runs from the request's start, not the app's
        assert api.client.post(patient.url("/messages"), json={"text": "What is CYP2C19?"},
                               headers=patient.headers).status_code == 200
