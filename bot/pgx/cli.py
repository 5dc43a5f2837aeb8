"""`genechat data ...`: rebuild the CPIC-derived data GeneChat ships (``bot/pgx/data``)."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.pgx.build import DATA_DIR, REFERENCE_CPIC, BuildError, build_tables, write_tables

data_app = typer.Typer(no_args_is_help=True)


@data_app.callback()
def _group() -> None:
    """Rebuild data derived from reference tables."""


@data_app.command("build-cpic")
def build_cpic(
    cpic_dir: Path = typer.Option(REFERENCE_CPIC, "--cpic-dir", help="Folder with the PyPGx CPIC tables."),
    check: bool = typer.Option(False, "--check", help="Only check that bot/pgx/data is up to date (exit 1 if not)."),
) -> None:
    """Build bot/pgx/data (results, drugs, recommendations, NOTICE) from the CPIC tables and bot/pgx/sources."""
    if check:
        stale = [name for name, text in build_tables(cpic_dir).items()
                 if not (DATA_DIR / name).is_file() or (DATA_DIR / name).read_text(encoding="utf-8") != text]
        if stale:
            raise BuildError(f"bot/pgx/data is out of date ({', '.join(stale)}): run `genechat data build-cpic`.")
        typer.echo("bot/pgx/data is up to date.")
        return
    changed = write_tables(cpic_dir)
    for path in changed:
        typer.echo(f"wrote {path}")
    typer.echo(f"{len(changed)} file(s) changed.")
