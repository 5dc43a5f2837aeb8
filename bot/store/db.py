"""Database handle: one SQLAlchemy engine + session factory, migrations applied with Alembic.

>>> db = Database("sqlite://")
>>> db.upgrade(); db.ping()
True
"""

from __future__ import annotations

import os
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
DEFAULT_POOL_SIZE = 44
DEFAULT_POOL_TIMEOUT = 5.0


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API connection
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    # With WAL, NORMAL skips the fsync on every commit (SQLite's recommended pairing): still safe from
    # corruption and from a crash of GeneChat itself; an OS crash or power cut can lose the last commits.
    # Each message commits twice, and under load other writers wait for that fsync. (PostgreSQL is the
    # choice where that matters.)
    cur.execute("PRAGMA synchronous=NORMAL")
    # Deleted rows are overwritten with zeros rather than left in free pages (a deleted session's text
    # must not be readable from the file afterwards; issue 17).
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


def private_file(path: Path) -> None:
    """Create ``path`` (and its folder) readable by this user only. SQLite gives the -wal and -shm files
    the database file's permissions, so making the main file 0600 covers all three."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    os.chmod(path, 0o600)
    for sidecar in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if sidecar.exists():
            os.chmod(sidecar, 0o600)


def make_engine(url: str, *, pool_size: int = DEFAULT_POOL_SIZE, pool_timeout: float = DEFAULT_POOL_TIMEOUT) -> Engine:
    """An engine tuned per backend: SQLite with WAL + foreign keys, PostgreSQL with pre-ping.

    ``pool_size`` should be at least the request thread pool (``Settings.db_pool_size``): requests hold a
    connection only while they query, so a thread never waits for one in normal use; past that, a wait of
    ``pool_timeout`` seconds ends in ``sqlalchemy.exc.TimeoutError``, which the API answers with 503.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:"):
            engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
        else:
            private_file(Path(database))
            # no overflow: a connection opened beyond the pool is closed again after one use, and opening
            # one (file, WAL, pragmas) costs more than a query
            engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10},
                                   pool_size=pool_size, max_overflow=0, pool_timeout=pool_timeout)
        # before the first connection: a pooled connection opened earlier would never get the pragmas
        event.listen(engine, "connect", _sqlite_pragmas)
        if database not in ("", ":memory:"):
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=min(pool_size, 20), max_overflow=max(0, pool_size - 20),
                         pool_timeout=pool_timeout)


class Database:
    """Owns the engine; ``session()`` is a unit of work that commits on success."""

    def __init__(self, url: str, *, pool_size: int = DEFAULT_POOL_SIZE, pool_timeout: float = DEFAULT_POOL_TIMEOUT):
        self.url = url
        self.engine = make_engine(url, pool_size=pool_size, pool_timeout=pool_timeout)
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
        return cls(settings.resolved_database_url, pool_size=settings.db_pool_size,
                   pool_timeout=settings.db_pool_timeout_seconds)

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

    def checkpoint(self) -> None:
        """Fold the WAL into the database file and truncate it (SQLite), so erased rows do not linger there."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg
