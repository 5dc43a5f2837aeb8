"""Database handle: one SQLAlchemy engine + session factory, migrations applied with Alembic.

>>> db = Database("sqlite://")
>>> db.upgrade(); db.ping()
True
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from bot.config import Settings

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Any constant works; it only has to be the same for every GeneChat process sharing a database.
_PG_MIGRATION_LOCK = 7_417_001


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API connection
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    # With WAL, NORMAL skips the fsync on every commit (SQLite's recommended pairing): still safe from
    # corruption and from a crash of GeneChat itself; an OS crash or power cut can lose the last commits.
    # Each message commits twice, and under load other writers wait for that fsync. (PostgreSQL is the
    # choice where that matters.)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine tuned per backend: SQLite with WAL + foreign keys, PostgreSQL with pre-ping."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:"):
            engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
        else:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
            # a pool as large as the request thread pool's usual concurrency: a connection opened beyond the
            # pool is closed again after one use, and opening one (file, WAL, pragmas) costs more than a query
            engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10},
                                   pool_size=20, max_overflow=20)
        # before the first connection: a pooled connection opened earlier would never get the pragmas
        event.listen(engine, "connect", _sqlite_pragmas)
        if database not in ("", ":memory:"):
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


class Database:
    """Owns the engine; ``session()`` is a unit of work that commits on success."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock = threading.Lock() if self.engine.dialect.name == "sqlite" else None

    @contextmanager
    def serialized_writes(self) -> Iterator[None]:
        """Hold around a short write transaction (the inserts and the commit) on busy paths.

        SQLite has one writer at a time and makes the others sleep and retry, up to 100 ms a time, which
        under load turned into tail latency. Our own threads queue on a lock instead and take over at once.
        PostgreSQL needs no such thing.
        """
        if self._write_lock is None:
            yield
            return
        with self._write_lock:
            yield

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        return cls(settings.resolved_database_url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.sessions() as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    def upgrade(self, revision: str = "head") -> None:
        """Apply Alembic migrations; on PostgreSQL an advisory lock stops two workers racing."""
        with self.engine.begin() as conn:
            is_pg = conn.dialect.name == "postgresql"
            if is_pg:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            try:
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            except Exception:  # noqa: BLE001 - table missing means "not migrated"
                return None

    def ping(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except Exception:  # noqa: BLE001 - any failure means "not ready"
            return False

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg
