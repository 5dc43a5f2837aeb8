"""`genechat db upgrade`, `genechat counselor add|list`, `genechat audit export`."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import typer

from bot.config import get_settings
from bot.errors import GeneChatError
from bot.store.audit import iter_events
from bot.store.counselors import add_counselor, list_counselors
from bot.store.db import Database

db_app = typer.Typer(no_args_is_help=True)
counselor_app = typer.Typer(no_args_is_help=True)
audit_app = typer.Typer(no_args_is_help=True)


def _database() -> Database:
    return Database.from_settings(get_settings())


@db_app.command("upgrade")
def upgrade() -> None:
    """Create or migrate the database schema to the latest version."""
    db = _database()
    db.upgrade()
    typer.echo(f"Database at revision {db.current_revision()} ({db.engine.dialect.name}).")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@counselor_app.command("add")
def add(
    username: str = typer.Argument(..., help="Login name for the counselor (patients never see it)."),
    display_name: str | None = typer.Option(None, "--display-name",
                                            help="Name patients see on replies, e.g. 'Sam (genetic counselor)'."),
    password_stdin: bool = typer.Option(False, "--password-stdin",
                                        help="Read the password from the first line of standard input (scripts)."),
) -> None:
    """Create a counselor account. The password is asked (or read from stdin), never taken as an argument:
    arguments are visible to every user in the process list and stay in shell history."""
    password = _read_password(password_stdin)
    db = _database()
    db.upgrade()
    with db.session() as s:
        add_counselor(s, username, password, display_name=display_name)
    typer.echo(f"Counselor {username!r} added.")


@counselor_app.command("list")
def list_all() -> None:
    """List counselor accounts."""
    db = _database()
    db.upgrade()
    with db.session() as s:
        for c in list_counselors(s):
            typer.echo(f"{c.username:30} {'active' if c.active else 'disabled':9} added {c.created_at:%Y-%m-%d}")


@audit_app.command("export")
def export(
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (JSON lines); default stdout."),
    since: str | None = typer.Option(None, help="Only events at or after this ISO date/time (UTC)."),
) -> None:
    """Export the audit trail as JSON lines (who read or changed what, and when; no patient content)."""
    try:
        start = datetime.fromisoformat(since) if since else None
    except ValueError as exc:
        raise GeneChatError(f"--since must be an ISO date or time such as 2026-11-01, not {since!r}.") from exc
    db = _database()
    db.upgrade()
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    count = 0
    try:
        with db.session() as s:
            for event in iter_events(s, since=start.replace(tzinfo=None) if start else None):
                out.write(json.dumps(event, sort_keys=True) + "\n")
                count += 1
    finally:
        if output:
            out.close()
    if output:
        typer.echo(f"Wrote {count} audit events to {output}.")
