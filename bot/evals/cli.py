"""`genechat eval`: run the eval suites, write report.json/report.html, and gate releases (--check)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from bot.config import PROJECT_ROOT, get_settings
from bot.errors import GeneChatError
from bot.evals.cases import SUITES
from bot.evals.feedback import export_feedback, load_store_feedback
from bot.store.exports import exports_dir

if TYPE_CHECKING:  # the results model is ~0.1 s to import, and every `genechat` start (serve too) imports this file
    from bot.evals.results import EvalRun

eval_app = typer.Typer(help="Run eval suites, write reports, and check the release gate.")


def _suites(value: str) -> list[str]:
    parts = [p.strip() for p in value.split(",") if p.strip()]
    return list(SUITES) if not parts or "all" in parts else parts


def _print_summary(run: EvalRun) -> None:
    for name, suite in run.suites.items():
        typer.secho(f"\n{name}", bold=True)
        if suite.skipped:
            typer.echo(f"  skipped: {suite.skipped}")
            continue
        for metric, m in suite.metrics.items():
            score = "n/a" if m.score is None else f"{m.score:.4g}"
            typer.echo(f"  {metric:<26} {score:>10}   (n={m.n})")
        failing = sum(1 for c in suite.cases if not c.passed)
        typer.echo(f"  failing cases: {failing} of {len(suite.cases)}")
    if run.judge:
        typer.echo(f"\njudge: {run.judge.get('skipped') or run.judge.get('score')}")


@eval_app.callback(invoke_without_command=True)
def evaluate(
    ctx: typer.Context,
    suite: str = typer.Option("all", help="triage, retrieval, answers, patient, languages, all (or a comma-separated list)."),
    url: str = typer.Option("", help="Run against a server's HTTP API (http://HOST:PORT) instead of in-process."),
    out: Path = typer.Option(PROJECT_ROOT / "evals" / "out", help="Folder for report.json and report.html."),
    evals_dir: Path = typer.Option(PROJECT_ROOT / "evals", help="Folder holding the eval data and gate files."),
    check: bool = typer.Option(False, "--check", help="Exit non-zero if a threshold fails or a metric regresses."),
    update_baseline: bool = typer.Option(False, "--update-baseline", help="Write this run's scores to baseline.json."),
    progress: bool = typer.Option(True, help="Show a progress bar."),
) -> None:
    """Run the suites (default: all) and write the reports."""
    if ctx.invoked_subcommand is not None:
        return
    # imported here: the harness pulls in matplotlib, which `genechat serve` should not pay for
    from bot.evals.harness import EvalOptions, run_eval

    opts = EvalOptions(suites=_suites(suite), evals_dir=evals_dir, out_dir=out, url=url or None, check=check,
                       update_baseline=update_baseline, progress=progress)
    run = run_eval(opts)
    _print_summary(run)
    typer.echo(f"\nreport: {out / 'report.html'}  (json: {out / 'report.json'})")
    if update_baseline:
        typer.echo(f"baseline updated: {opts.baseline_path}")
    if check:
        if run.gate:
            typer.secho(f"\nGATE FAILED ({len(run.gate)}):", fg=typer.colors.RED, err=True)
            for failure in run.gate:
                typer.secho(f"  - {failure.message}", fg=typer.colors.RED, err=True)
            raise typer.Exit(1)
        typer.secho("\nGate passed.", fg=typer.colors.GREEN)


@eval_app.command("export-feedback")
def export_feedback_cmd(
    out: Path | None = typer.Option(None, help="Folder for the exported cases, inside the data dir "
                                               "(default <data_dir>/exports/feedback)."),
) -> None:
    """Write counselor feedback (wrong/unsafe replies) as new eval cases for review.

    They hold patient questions, so they stay under the data dir, private, where deleting a session reaches them.
    """
    data_dir = get_settings().data_dir.resolve()
    out = (out or exports_dir(data_dir, "feedback")).resolve()
    if not out.is_relative_to(data_dir):
        raise GeneChatError(f"--out must be inside the data dir ({data_dir}): deleting a session must reach "
                            "what was exported from it.")
    path, count = export_feedback(load_store_feedback(), out)
    typer.echo(f"wrote {count} case(s) to {path}; review them, then move them into evals/cases/")
