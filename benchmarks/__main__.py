"""`python -m benchmarks` (what `make bench` runs): latency, throughput, index scale and memory.

Run from a checkout: the benchmarks are not part of the installed product (their extra packages come with
``pip install -e ".[bench]"``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from benchmarks.config import ALL_SECTIONS, BenchConfig
from benchmarks.runner import run_bench
from bot.errors import ConfigError, GeneChatError

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


def _ints(raw: str, option: str) -> list[int]:
    try:
        return [int(x.replace("_", "")) for x in raw.split(",") if x.strip()]
    except ValueError:
        raise ConfigError(f"{option} takes comma-separated whole numbers, got {raw!r}") from None


@app.command()
def bench(
    tiny: bool = typer.Option(False, "--tiny", help="Tiny sizes: a smoke run in seconds (numbers not worth quoting)."),
    questions: int | None = typer.Option(None, "--questions", help="Use at most this many eval questions."),
    synthetic: str | None = typer.Option(None, "--synthetic", help="Synthetic collection sizes, e.g. 10000,100000."),
    sessions: str | None = typer.Option(None, "--sessions", help="Concurrent HTTP sessions, e.g. 1,4,16."),
    messages: int | None = typer.Option(None, "--messages", help="Messages each HTTP session sends."),
    workers: str | None = typer.Option(None, "--workers", help="Server processes to load-test with, e.g. 1,2."),
    think: float | None = typer.Option(None, "--think", help="Mean seconds between messages in the paced HTTP run "
                                                             "(0 = skip it; default 1)."),
    cold_starts: int | None = typer.Option(None, "--cold-starts", help="How many times to cold-start the server."),
    skip: list[str] = typer.Option([], "--skip", help=f"Leave out a section: {', '.join(ALL_SECTIONS)} (repeatable)."),
    naive_embeddings: str = typer.Option("huggingface", "--naive-embeddings",
                                         help="huggingface (the real baseline) or hash (smoke tests only)."),
    embedder: str | None = typer.Option(None, "--embedder", help="GeneChat embedder: onnx, sentence-transformers, hash."),
    out: Path = typer.Option(Path(__file__).parent / "out", "--out", help="Folder for results.json and profiles."),
    keep_data: bool = typer.Option(False, "--keep-data", help="Keep the temp data dir (index, SQLite) afterwards."),
) -> None:
    """Measure latency vs a naive LangChain pipeline, HTTP load, cold start, index scale and memory."""
    unknown = sorted(set(skip) - set(ALL_SECTIONS))
    if unknown:
        raise ConfigError(f"unknown section(s) {unknown} for --skip; choose from {list(ALL_SECTIONS)}")
    overrides: dict[str, object] = {
        "sections": [s for s in ALL_SECTIONS if s not in skip], "naive_embeddings": naive_embeddings,
        "out_dir": out, "keep_data": keep_data,
    }
    if embedder:
        overrides["embedder"] = embedder
    for key, value in (("questions", questions), ("messages", messages), ("cold_starts", cold_starts),
                       ("think_s", think)):
        if value is not None:
            overrides[key] = value
    if synthetic is not None:
        overrides["synthetic_sizes"] = _ints(synthetic, "--synthetic")
    if sessions is not None:
        overrides["sessions"] = _ints(sessions, "--sessions")
    if workers is not None:
        overrides["workers"] = _ints(workers, "--workers")
    try:
        config = BenchConfig.tiny(**overrides) if tiny else BenchConfig(**overrides)
    except ValueError as exc:
        raise ConfigError(f"invalid bench options: {exc}") from None
    run_bench(config, echo=typer.echo)


def main() -> None:
    """Like `genechat`: a bad option is one clean line and exit 1, not a traceback."""
    try:
        app()
    except GeneChatError as exc:
        typer.secho(f"Error: {exc}", fg=typer.colors.RED, err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
