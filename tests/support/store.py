"""Test helpers for the store: a fresh, empty PostgreSQL database per test on a shared throwaway server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_ENV = "GENECHAT_TEST_POSTGRES_URL"


@contextmanager
def fresh_postgres_database(admin_url: str) -> Iterator[str]:
    """Create ``genechat_test_<random>`` on the server behind ``admin_url``; yield its URL; drop it after."""
    name = f"genechat_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
