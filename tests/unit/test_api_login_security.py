"""Issue 17, finding 3: login back-off per account and per address, no X-Forwarded-For unless configured,
a password policy with a common-password check, failed logins audited, patients never see login names."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from bot.cli import app as cli_app
from bot.config import Settings
from bot.store.counselors import CounselorError, add_counselor
from bot.store.db import Database
from bot.store.models import AuditEvent, Counselor
from tests.support.api import ApiHarness

PASSWORD = "correct horse battery"


@pytest.fixture
def api(isolated_data_dir):
    with ApiHarness(Settings(data_dir=isolated_data_dir, rate_limit="1000/minute")) as harness:
        harness.add_counselor("casey", PASSWORD)
        yield harness


def _login(api, username: str, password: str):  # noqa: ANN001, ANN202
    return api.client.post("/api/auth/login", json={"username": username, "password": password})


def test_repeated_failures_make_the_account_wait_even_with_the_right_password(api):
    assert [_login(api, "casey", f"wrong guess {i}").status_code for i in range(5)] == [401] * 5
    blocked = _login(api, "casey", PASSWORD)
    assert blocked.status_code == 429 and blocked.json()["error"]["code"] == "login_backoff"
    assert int(blocked.headers["retry-after"]) >= 10


def test_repeated_failures_from_one_address_block_other_usernames_too(api):
    for i in range(5):
        assert _login(api, f"guess{i}", "wrong guess").status_code == 401
    assert _login(api, "casey", PASSWORD).status_code == 429


def test_a_success_before_the_limit_clears_the_account_count(api):
    for i in range(4):
        _login(api, "casey", f"wrong {i}")
    assert _login(api, "casey", PASSWORD).status_code == 200
    api.state.login_guard._records.pop("addr:testclient")  # the address keeps its own count; not under test
    for i in range(4):
        assert _login(api, "casey", f"wrong again {i}").status_code == 401


def test_failed_login_is_logged_and_audited_with_username_and_address_never_the_password(api, caplog):
    caplog.set_level(logging.INFO)
    assert _login(api, "casey", "hunter2-secret-guess").status_code == 401
    failed = [r.msg for r in caplog.records if isinstance(r.msg, dict) and r.msg.get("event") == "login_failed"]
    assert failed and failed[0]["username"] == "casey" and failed[0]["client"] == "testclient"
    assert not [r for r in caplog.records if "hunter2" in r.getMessage()]
    with api.state.db.session() as db:
        events = list(db.scalars(select(AuditEvent).where(AuditEvent.action == "counselor.login_failed")))
    assert [(e.detail["username"], e.detail["client"]) for e in events] == [("casey", "testclient")]
    assert "hunter2" not in str(events[0].detail)


@pytest.mark.parametrize("password", ["password1234", "qwertyuiop12", "iloveyou2024", "casey-casey-1"])
def test_common_or_guessable_passwords_are_refused(isolated_data_dir, password):
    db = Database(f"sqlite:///{isolated_data_dir / 'p.sqlite3'}")
    db.upgrade()
    with db.session() as s, pytest.raises(CounselorError, match="harder password"):
        add_counselor(s, "casey", password)


def test_counselor_add_takes_no_password_argument_and_reads_stdin_in_scripts(isolated_data_dir):
    runner = CliRunner()
    refused = runner.invoke(cli_app, ["counselor", "add", "casey", "--password", PASSWORD])
    assert refused.exit_code != 0
    added = runner.invoke(cli_app, ["counselor", "add", "casey", "--display-name", "Sam R.", "--password-stdin"],
                          input=PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    db = Database(Settings(data_dir=isolated_data_dir).resolved_database_url)
    with db.session() as s:
        assert s.scalar(select(Counselor.display_name)) == "Sam R."


@pytest.mark.parametrize(("env", "expected"), [
    ("", {"proxy_headers": False, "forwarded_allow_ips": ""}),
    ("10.0.0.5, 10.0.0.6", {"proxy_headers": True, "forwarded_allow_ips": "10.0.0.5,10.0.0.6"}),
])
def test_serve_believes_x_forwarded_for_only_from_configured_proxies(monkeypatch, env, expected):
    import bot.cli

    seen: dict = {}
    monkeypatch.setenv("GENECHAT_TRUSTED_PROXIES", env)
    monkeypatch.setattr(bot.cli.uvicorn, "run", lambda *a, **kw: seen.update(kw))
    monkeypatch.setattr(bot.cli.ChromaStore, "from_settings", classmethod(lambda cls, s: type(
        "Indexed", (), {"count": lambda self: 1})()))
    bot.cli.get_settings.cache_clear()
    result = CliRunner().invoke(cli_app, ["serve"])
    assert result.exit_code == 0, result.output
    assert {k: seen.get(k) for k in expected} == expected


def test_patients_see_the_counselor_display_name_not_the_login_name(isolated_data_dir):
    with ApiHarness(Settings(data_dir=isolated_data_dir, rate_limit="1000/minute")) as api:
        with api.state.db.session() as db:
            add_counselor(db, "casey.login", PASSWORD, display_name="Sam (genetic counselor)")
            add_counselor(db, "robin", PASSWORD)
        patient = api.patient()
        esc = api.ask(patient, "Should I stop my medicine?")["escalation"]["id"]
        for n, who in enumerate(("casey.login", "robin")):
            headers = api.counselor(who, PASSWORD)
            api.client.post(f"/api/escalations/{esc}/claim", json={"take_over": True}, headers=headers)
            assert api.client.post(f"/api/escalations/{esc}/reply", json={"text": f"Reply {n}."},
                                   headers=headers).status_code == 201
        convo = api.client.get(patient.url("/messages"), headers=patient.headers).json()["messages"]
        authors = [m["author"] for m in convo if m["role"] == "counselor"]
        assert authors == ["Sam (genetic counselor)", "Genetic counselor"]
        assert "casey.login" not in str(convo) and "robin" not in str(convo)
        brief = api.client.get(patient.url("/messages"), headers=patient.headers).json()["escalations"]
        assert "casey.login" not in str(brief) and "robin" not in str(brief)
