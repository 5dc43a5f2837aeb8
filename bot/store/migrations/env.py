"""Alembic environment: runs on the connection GeneChat hands over (``Database.upgrade``)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from bot.store.models import Base

target_metadata = Base.metadata


def _run(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # `alembic -x url=...` from a shell, e.g. to write a new revision
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    with create_engine(url).begin() as conn:
        _run(conn)


# Alembic sets ``context.config`` only while it runs this file; importing it elsewhere (doctests) is a no-op.
if hasattr(context, "config"):
    main()
