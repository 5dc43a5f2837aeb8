"""PostgreSQL in production shape: several app instances (workers) share one database and one queue."""

from __future__ import annotations

import os
import threading

import pytest

from bot.config import Settings
from tests.support.api import ApiHarness
from tests.support.store import POSTGRES_ENV, fresh_postgres_database

pytestmark = pytest.mark.integration


@pytest.fixture
def pg_url():
    admin = os.environ.get(POSTGRES_ENV)
    if not admin:
        pytest.skip(f"{POSTGRES_ENV} is not set: run under scripts/with-postgres.sh to test PostgreSQL")
    with fresh_postgres_database(admin) as url:
        yield url


def test_two_app_instances_share_one_queue(isolated_data_dir, pg_url):
    settings = Settings(data_dir=isolated_data_dir, database_url=pg_url, rate_limit="1000/minute")
    with ApiHarness(settings) as worker_a, ApiHarness(settings) as worker_b:
        patient = worker_a.patient()
        asked = worker_a.ask(patient, "What dose should I take?")
        urgent = worker_a.ask(worker_a.patient(), "I have chest pain")
        casey = worker_b.counselor("casey")
        queue = worker_b.client.get("/api/escalations", headers=casey).json()["escalations"]
        assert [e["id"] for e in queue] == [urgent["escalation"]["id"], asked["escalation"]["id"]]

        robin = worker_a.counselor("robin")  # the login token works on every worker
        esc = asked["escalation"]["id"]
        assert worker_b.client.post(f"/api/escalations/{esc}/claim", headers=casey).status_code == 200
        clash = worker_a.client.post(f"/api/escalations/{esc}/claim", headers=robin)
        assert clash.status_code == 409 and clash.json()["error"]["code"] == "claimed_by_other"
        worker_b.client.post(f"/api/escalations/{esc}/reply", json={"text": "See your doctor."}, headers=casey)
        convo = worker_a.client.get(patient.url("/messages"), headers=patient.headers).json()["messages"]
        assert convo[-1]["role"] == "counselor"


def test_concurrent_claims_from_two_workers_have_one_winner(isolated_data_dir, pg_url):
    settings = Settings(data_dir=isolated_data_dir, database_url=pg_url, rate_limit="1000/minute")
    with ApiHarness(settings) as worker_a, ApiHarness(settings) as worker_b:
        esc = worker_a.ask(worker_a.patient(), "What dose should I take?")["escalation"]["id"]
        heads = [worker_a.counselor("casey"), worker_b.counselor("robin")]
        results: list[int] = []
        barrier = threading.Barrier(2)

        def claim(worker: ApiHarness, headers: dict[str, str]) -> None:
            barrier.wait()
            results.append(worker.client.post(f"/api/escalations/{esc}/claim", headers=headers).status_code)

        threads = [threading.Thread(target=claim, args=(w, h)) for w, h in zip((worker_a, worker_b), heads, strict=True)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(results) == [200, 409]


def test_both_workers_migrating_at_once_is_safe(isolated_data_dir, pg_url):
    """Two workers start together; the advisory lock makes one migrate and the other wait."""
    from bot.store.db import Database

    dbs = [Database(pg_url), Database(pg_url)]
    errors: list[BaseException] = []

    def up(db: Database) -> None:
        try:
            db.upgrade()
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=up, args=(d,)) for d in dbs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert dbs[0].current_revision() == dbs[1].current_revision() is not None
    for d in dbs:
        d.dispose()


def test_concurrent_load_on_postgres_loses_and_duplicates_nothing(isolated_data_dir, pg_url):
    from benchmarks.load import run_load
    from bot.api.app import create_app
    from tests.support.api import serve_in_thread
    from tests.support.fakes import FakeEngine

    settings = Settings(data_dir=isolated_data_dir, database_url=pg_url, rate_limit="1000000/minute")
    with serve_in_thread(create_app(settings, engine=FakeEngine())) as url:
        result = run_load(url, sessions=8, messages=3, time_limit=120)
    assert (result["lost"], result["duplicated"], result["errors"]) == (0, 0, 0)
    assert result["latency"]["n"] == 24

