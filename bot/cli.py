"""The `genechat` command line. Each command group lives beside its domain; this file wires them up.

User errors (``GeneChatError``) are printed as one clean line and exit 1;
set ``GENECHAT_RAISE_ERRORS=1`` to see the traceback instead.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import typer
import uvicorn

from bot.api.app import prepare_database
from bot.config import get_settings
from bot.conversation.engine import get_engine
from bot.conversation.show import render_reply
from bot.errors import GeneChatError, ModelNotAvailable
from bot.evals.cli import eval_app
from bot.knowledge.cli import kb_app
from bot.pgx.cli import data_app
from bot.reports.cli import report_app
from bot.reports.parse import parse_report
from bot.retrieval.cli import register as register_retrieval
from bot.retrieval.cli import run_index
from bot.retrieval.embedders import embedder_for
from bot.retrieval.search import get_searcher
from bot.retrieval.store import ChromaStore
from bot.store.cli import audit_app, counselor_app, db_app
from bot.store.db import Database

app = typer.Typer(
    help="GeneChat: explain genetic test reports in plain words.", no_args_is_help=True, pretty_exceptions_enable=False
)


def ask(
    question: str = typer.Argument(..., help="The question, as a patient would ask it."),
    report: Path | None = typer.Option(None, "--report", exists=True, dir_okay=False, help="A report file to personalise with."),
    k: int = typer.Option(5, "-k", help="How many passages to show."),
    passages: bool = typer.Option(False, "--passages", help="Show the raw ranked passages instead of the engine's reply."),
    trace: bool = typer.Option(True, "--trace/--no-trace", help="Show the decision trace under the reply."),
) -> None:
    """Ask a question as a patient would: the engine's reply, action, reason, citations and decision trace."""
    genes: list[str] = []
    parsed = None
    if report is not None:
        parsed = parse_report(report.read_bytes(), filename=report.name)
        genes = parsed.genes
    if not passages:
        typer.echo(render_reply(get_engine().reply(question, report=parsed), trace=trace))
        return
    for rank, p in enumerate(get_searcher().search(question, genes=genes, k=k), start=1):
        typer.echo(f"{rank}. [{p.doc_id}] {p.title} — {p.section}  (score {p.score:.4f})")
        typer.echo(f"   {p.text[:300]}{'…' if len(p.text) > 300 else ''}")
        typer.echo(f"   sources: {', '.join(p.source_urls)}")


def models() -> None:
    """Train (or load) the safety models into the data dir's models cache, so a server starts warm."""
    settings = get_settings()
    started = time.perf_counter()
    engine = get_engine(settings)
    engine.wait_until_settled(timeout=900)  # the cross-lingual alarm trains in the background: a minute or so, once
    status = engine.model_status()
    listed = ", ".join(f"{name} {'ready' if ok else 'NOT available'}" for name, ok in status.items())
    typer.echo(f"Models in {settings.models_dir} ({time.perf_counter() - started:.0f} s): {listed}.")
    if not status["triage classifier"]:
        raise ModelNotAvailable("The triage classifier could not be trained: check that evals/triage/*.yaml is there "
                            "and readable, then run `genechat models` again.")


def serve(
    host: str | None = typer.Option(None, "--host", help="Address to bind (default GENECHAT_HOST or 127.0.0.1)."),
    port: int | None = typer.Option(None, "--port", help="Port to bind (default GENECHAT_PORT or 8000)."),
    workers: int | None = typer.Option(
        None, "--workers", min=1,
        help="Server processes (default GENECHAT_WORKERS or 1). Each loads its own models (~420 MB); "
             "one per core gives the most messages/s under heavy load (BENCHMARKS.md).",
    ),
) -> None:
    """Serve the API, widget and console with uvicorn (builds the index first if there is none)."""
    settings = get_settings()
    workers = workers or settings.workers
    if workers == 1:  # this process serves: its embedding model loads (off the GIL) while the rest starts up
        threading.Thread(target=embedder_for, args=(settings,), name="genechat-embedder-preload", daemon=True).start()
    if ChromaStore.from_settings(settings).count() == 0:
        typer.echo("No index yet: building it from the knowledge base first.")
        typer.echo(run_index().summary())
    if workers > 1:
        # migrate once here, rather than in every worker at the same moment
        db = Database.from_settings(settings)
        prepare_database(db)
        db.dispose()
        # workers read it from the environment: each takes its share of the cores for the query embedding
        os.environ["GENECHAT_WORKERS"] = str(workers)
        if settings.rate_limit_storage == "memory://":
            typer.echo(f"Note: each of the {workers} workers counts rate limits on its own "
                       "(set GENECHAT_RATE_LIMIT_STORAGE, e.g. redis://host:6379, to share the counters).")
    uvicorn.run("bot.api.app:create_app", factory=True, host=host or settings.host, port=port or settings.port,
                workers=workers, log_level=settings.log_level.lower(),
                access_log=False,  # our JSON access log has no tokens
                **proxy_options(settings.trusted_proxies))


def proxy_options(trusted_proxies: str) -> dict[str, object]:
    """uvicorn's X-Forwarded-For handling: off unless GENECHAT_TRUSTED_PROXIES names the proxies.

    uvicorn's own default believes the header from 127.0.0.1, so anyone reaching a loopback-bound server
    could pick their address per request and step around the per-address login limits (issue 17).
    """
    proxies = ",".join(p.strip() for p in trusted_proxies.split(",") if p.strip())
    if not proxies:
        return {"proxy_headers": False, "forwarded_allow_ips": ""}
    return {"proxy_headers": True, "forwarded_allow_ips": proxies}



# Command groups register here, one line each (each group's module defines a typer.Typer).
app.command("ask")(ask)
app.command("serve")(serve)
app.command("models")(models)

app.add_typer(kb_app, name="kb", help="Knowledge base: list, lint, approve documents.")
register_retrieval(app)
app.add_typer(report_app, name="report", help="Reports: parse a genetic test report file.")
app.add_typer(db_app, name="db", help="Database: upgrade the schema.")
app.add_typer(counselor_app, name="counselor", help="Counselor accounts: add, list.")
app.add_typer(audit_app, name="audit", help="Audit trail: export.")
app.add_typer(eval_app, name="eval", help="Evals: run suites, write reports, check the release gate.")
app.add_typer(data_app, name="data", help="Data: rebuild the CPIC-derived tables in bot/pgx/data.")


def main() -> None:
    """Entry point that turns GeneChat errors into clean messages (``GENECHAT_RAISE_ERRORS=1`` shows tracebacks)."""
    try:
        app()  # standalone: usage errors are printed by typer itself, without a traceback
    except GeneChatError as exc:
        if get_settings().raise_errors:
            raise
        typer.secho(f"Error: {exc}", fg=typer.colors.RED, err=True)
        sys.exit(1)


if __name__ == "__main__":  # `python -m bot.cli` works like the `genechat` command
    main()
