"""`genechat index`: build or update the vector index from the approved knowledge base."""

from __future__ import annotations

import typer
from tqdm import tqdm

from bot.config import get_settings
from bot.retrieval.embedders import embedder_for
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


def register(app: typer.Typer) -> None:
    app.command("index")(index)
