"""`genechat index`, `genechat ask` and `genechat serve`."""

from __future__ import annotations

from pathlib import Path

import typer
from tqdm import tqdm

from bot.config import get_settings
from bot.retrieval.embedder import embedder_for
from bot.retrieval.indexer import IndexStats, build_index
from bot.retrieval.store import ChromaStore


def _tqdm_progress(total: int):
    bar = tqdm(total=total, desc="Embedding chunks", unit="chunk")
    return bar.update


def run_index(rebuild: bool = False, quiet: bool = False) -> IndexStats:
    settings = get_settings()
    embedder = embedder_for(settings)
    store = ChromaStore.from_settings(settings)
    return build_index(settings.kb_dir, store, embedder, rebuild=rebuild, progress=None if quiet else _tqdm_progress)


def index(rebuild: bool = typer.Option(False, "--rebuild", help="Drop the collection and embed everything again.")) -> None:
    """Build or update the vector index from the approved knowledge-base documents."""
    stats = run_index(rebuild=rebuild)
    typer.echo(stats.summary())


def ask(
    question: str = typer.Argument(..., help="The question, as a patient would ask it."),
    report: Path | None = typer.Option(None, "--report", exists=True, dir_okay=False, help="A report file to personalise with."),
    k: int = typer.Option(5, "-k", help="How many passages to show."),
    passages: bool = typer.Option(False, "--passages", help="Show the raw ranked passages instead of the engine's reply."),
    trace: bool = typer.Option(True, "--trace/--no-trace", help="Show the decision trace under the reply."),
) -> None:
    """Ask a question as a patient would: the engine's reply, action, reason, citations and decision trace."""
    from bot.retrieval.search import get_searcher

    genes: list[str] = []
    parsed = None
    if report is not None:
        from bot.reports.parse import parse_report

        parsed = parse_report(report.read_bytes(), filename=report.name)
        genes = parsed.genes
    if not passages:
        from bot.conversation.engine import get_engine
        from bot.conversation.show import render_reply

        typer.echo(render_reply(get_engine().reply(question, report=parsed), trace=trace))
        return
    for rank, p in enumerate(get_searcher().search(question, genes=genes, k=k), start=1):
        typer.echo(f"{rank}. [{p.doc_id}] {p.title} — {p.section}  (score {p.score:.4f})")
        typer.echo(f"   {p.text[:300]}{'…' if len(p.text) > 300 else ''}")
        typer.echo(f"   sources: {', '.join(p.source_urls)}")


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
    import os

    import uvicorn

    settings = get_settings()
    workers = workers or settings.workers
    if ChromaStore.from_settings(settings).count() == 0:
        typer.echo("No index yet: building it from the knowledge base first.")
        typer.echo(run_index().summary())
    if workers > 1:
        from bot.api.app import prepare_database
        from bot.store.db import Database

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
                access_log=False)  # our JSON access log has no tokens


def register(app: typer.Typer) -> None:
    app.command("index")(index)
    app.command("ask")(ask)
    app.command("serve")(serve)
