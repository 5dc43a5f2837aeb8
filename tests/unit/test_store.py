"""Store: migrations, persistence across restarts, claim races, secrets at rest, and the CLI commands."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import inspect, select
from typer.testing import CliRunner

from bot.cli import app as cli_app
from bot.config import Settings, get_settings
from bot.safety.wording import CONSENT_TEXT, CONSENT_VERSION
from bot.store import escalations
from bot.store.counselors import CounselorError, add_counselor, authenticate
from bot.store.db import Database
from bot.store.models import Base, Counselor, Escalation
from bot.store.sessions import create_session, session_for_token
from tests.support.api import ApiHarness


@pytest.fixture
def db(database_url) -> Database:
    database = Database(database_url)
    database.upgrade()
    yield database
    database.dispose()


def test_migrations_build_every_table_from_blank(db):
    assert db.current_revision() is not None
    assert set(Base.metadata.tables) <= set(inspect(db.engine).get_table_names())


def test_upgrade_twice_is_harmless(db):
    before = db.current_revision()
    db.upgrade()
    assert db.current_revision() == before


def test_migrations_match_the_models(db):
    """A model change without a migration shows up here as a non-empty autogenerate diff."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_default_database_is_sqlite_file_in_data_dir(isolated_data_dir):
    db = Database.from_settings(Settings(data_dir=isolated_data_dir))
    db.upgrade()
    assert db.engine.dialect.name == "sqlite"
    assert (isolated_data_dir / "genechat.sqlite3").exists()


def test_password_is_stored_as_argon2_and_checked(db):
    with db.session() as s:
        add_counselor(s, "casey", "correct horse battery")
    with db.session() as s:
        row = s.scalar(select(Counselor))
        assert row.password_hash.startswith("$argon2id$") and "correct horse" not in row.password_hash
        assert authenticate(s, "casey", "correct horse battery").id == row.id
        assert authenticate(s, "casey", "wrong password!!") is None


@pytest.mark.parametrize(("username", "password"), [("casey", "short"), ("bad name!", "long enough pw"),
                                                    ("x", "long enough pw")])
def test_weak_or_bad_counselor_accounts_are_refused(db, username, password):
    with db.session() as s, pytest.raises(CounselorError):
        add_counselor(s, username, password)


def test_duplicate_counselor_is_refused(db):
    with db.session() as s:
        add_counselor(s, "casey", "correct horse battery")
    with db.session() as s, pytest.raises(CounselorError, match="already exists"):
        add_counselor(s, "casey", "another password")


def test_session_token_lookup_uses_the_hash(db):
    with db.session() as s:
        row, token = create_session(s, consent_version=CONSENT_VERSION, consent_text=CONSENT_TEXT)
    with db.session() as s:
        assert session_for_token(s, token).id == row.id
        assert session_for_token(s, token + "x") is None


def test_conversation_and_queue_survive_an_app_restart(isolated_data_dir, database_url):
    settings = Settings(data_dir=isolated_data_dir, database_url=database_url)
    with ApiHarness(settings) as first:
        patient = first.patient()
        first.upload(patient)
        body = first.ask(patient, "What dose should I take?")
        first.add_counselor()
    with ApiHarness(settings) as second:
        convo = second.client.get(patient.url("/messages"), headers=patient.headers).json()["messages"]
        assert [m["text"] for m in convo] == ["What dose should I take?", body["reply"]]
        headers = second.counselor()
        queue = second.client.get("/api/escalations", headers=headers).json()["escalations"]
        assert [e["id"] for e in queue] == [body["escalation"]["id"]]
        report = second.client.get(patient.url(), headers=patient.headers).json()["report"]
        assert report["pharmacogenomics"][0]["gene"] == "CYP2C19"


def test_only_one_of_two_racing_claims_wins(db):
    """Two counselors load the same open escalation; the conditional update lets only one claim it."""
    with db.session() as s:
        add_counselor(s, "casey", "correct horse battery")
        add_counselor(s, "robin", "correct horse battery")
        session, _ = create_session(s, consent_version=CONSENT_VERSION, consent_text=CONSENT_TEXT)
        s.add(Escalation(session_id=session.id, priority="normal", priority_rank=1, action="escalate",
                         reason="dosing", status="open"))
    s1, s2 = db.sessions(), db.sessions()
    esc1, esc2 = s1.scalar(select(Escalation)), s2.scalar(select(Escalation))
    casey = s1.scalar(select(Counselor).where(Counselor.username == "casey"))
    robin = s2.scalar(select(Counselor).where(Counselor.username == "robin"))
    escalations.claim(s1, esc1, casey)
    s1.commit()
    s2.expire_all()
    with pytest.raises(escalations.EscalationConflict) as exc:
        escalations.claim(s2, s2.get(Escalation, esc2.id), robin)
    assert exc.value.code == "claimed_by_other"
    s1.close()
    s2.close()


# --- CLI ----------------------------------------------------------------------------------------------


def test_cli_db_upgrade_counselor_add_and_audit_export(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("GENECHAT_DATABASE_URL", database_url)
    get_settings.cache_clear()
    runner = CliRunner()
    up = runner.invoke(cli_app, ["db", "upgrade"])
    assert up.exit_code == 0 and "revision" in up.output
    add = runner.invoke(cli_app, ["counselor", "add", "casey"], input="correct horse battery\ncorrect horse battery\n")
    assert add.exit_code == 0, add.output
    listed = runner.invoke(cli_app, ["counselor", "list"])
    assert "casey" in listed.output
    db = Database(database_url)
    with db.session() as s:
        assert authenticate(s, "casey", "correct horse battery") is not None
    out = tmp_path / "audit.jsonl"
    exported = runner.invoke(cli_app, ["audit", "export", "--output", str(out)])
    assert exported.exit_code == 0, exported.output
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert [e["action"] for e in events] == ["counselor.add"]
    assert "correct horse" not in out.read_text()
    stdout = runner.invoke(cli_app, ["audit", "export", "--since", "2999-01-01"])
    assert stdout.exit_code == 0 and stdout.output == ""


def test_cli_audit_export_rejects_a_bad_date(isolated_data_dir):
    result = CliRunner().invoke(cli_app, ["audit", "export", "--since", "yesterday"])
    assert result.exit_code != 0


def test_upgrade_from_the_first_revision_keeps_messages_and_leaves_old_replies_unlinked(database_url):
    from sqlalchemy import text

    database = Database(database_url)
    try:
        database.upgrade("0001")
        with database.session() as s:
            # plain SQL: today's models have columns revision 0001 lacks
            s.execute(text("INSERT INTO consent_versions (version, text, created_at) "
                           "VALUES (:v, 'consent', CURRENT_TIMESTAMP)"), {"v": CONSENT_VERSION})
            s.execute(text("INSERT INTO patient_sessions (id, consent_version, consented_at, created_at) "
                           "VALUES ('s-old', :v, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"), {"v": CONSENT_VERSION})
            s.execute(text("INSERT INTO messages (session_id, role, text, genes, drugs, report_facts, created_at) "
                           "VALUES (:sid, 'bot', 'an old reply', '[]', '[]', '[]', CURRENT_TIMESTAMP)"),
                      {"sid": "s-old"})
        database.upgrade()
        assert database.current_revision() != "0001"
        with database.session() as s:
            [(message_text, link)] = s.execute(text("SELECT text, escalation_id FROM messages")).all()
        assert message_text == "an old reply" and link is None
    finally:
        database.dispose()


def test_sqlite_writes_on_busy_paths_take_turns_in_one_process(tmp_path):
    import threading
    import time

    db = Database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    inside, overlaps = [0], []

    def write() -> None:
        with db.serialized_writes():
            inside[0] += 1
            overlaps.append(inside[0])
            time.sleep(0.005)
            inside[0] -= 1

    threads = [threading.Thread(target=write) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    db.dispose()
    assert overlaps == [1] * 8


def test_sqlite_file_database_commits_without_waiting_for_fsync(tmp_path):
    from sqlalchemy import text

    db = Database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    with db.engine.connect() as conn:
        mode = conn.execute(text("PRAGMA journal_mode")).scalar()
        sync = conn.execute(text("PRAGMA synchronous")).scalar()
    db.dispose()
    assert (mode, sync) == ("wal", 1)  # 1 = NORMAL: safe with WAL, no fsync on every commit


def test_every_pooled_sqlite_connection_enforces_foreign_keys(tmp_path):
    from sqlalchemy import text

    db = Database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    with db.engine.connect() as first, db.engine.connect() as second:
        flags = [c.execute(text("PRAGMA foreign_keys")).scalar() for c in (first, second)]
    db.dispose()
    assert flags == [1, 1]
