"""The `genechat` command line. Each command group lives beside its domain; this file wires them up.

User errors (``GeneChatError``) are printed as one clean line and exit 1;
set ``GENECHAT_RAISE_ERRORS=1`` to see the traceback instead.
"""

from __future__ import annotations

import sys

import typer

from bot.errors import GeneChatError

app = typer.Typer(
    help="GeneChat: explain genetic test reports in plain words.", no_args_is_help=True, pretty_exceptions_enable=False
)

# Command groups register here, one line each (the group's module defines a typer.Typer).
from bot.evals.cli import eval_app  # noqa: E402
from bot.knowledge.cli import kb_app  # noqa: E402
from bot.reports.cli import report_app  # noqa: E402
from bot.retrieval.cli import register as register_retrieval  # noqa: E402
from bot.store.cli import audit_app, counselor_app, db_app  # noqa: E402

app.add_typer(kb_app, name="kb", help="Knowledge base: list, lint, approve documents.")
register_retrieval(app)
app.add_typer(report_app, name="report", help="Reports: parse a genetic test report file.")
app.add_typer(db_app, name="db", help="Database: upgrade the schema.")
app.add_typer(counselor_app, name="counselor", help="Counselor accounts: add, list.")
app.add_typer(audit_app, name="audit", help="Audit trail: export.")
app.add_typer(eval_app, name="eval", help="Evals: run suites, write reports, check the release gate.")


def main() -> None:
    """Entry point that turns GeneChat errors into clean messages (``GENECHAT_RAISE_ERRORS=1`` shows tracebacks)."""
    from bot.config import get_settings

    try:
        app()  # standalone: usage errors are printed by typer itself, without a traceback
    except GeneChatError as exc:
        if get_settings().raise_errors:
            raise
        typer.secho(f"Error: {exc}", fg=typer.colors.RED, err=True)
        sys.exit(1)
