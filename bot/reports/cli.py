"""`genechat report ...`: read a report file the way an upload is read, and show the result."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from bot.errors import ReportError
from bot.reports.models import Report
from bot.reports.parse import parse_report

report_app = typer.Typer(help="Read genetic test reports.", no_args_is_help=True)


@report_app.callback()
def _group() -> None:
    """Read genetic test reports the way an upload is read."""


_COLUMNS = ("gene", "result", "phenotype", "activity score", "source", "warnings")


@report_app.command("parse")
def parse_cmd(
    file: Path = typer.Argument(
        ..., help="Report file: native JSON, PharmCAT JSON/TSV, outside-call TSV, FHIR, CSV."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the normalized report as JSON."),
) -> None:
    """Parse FILE and print the normalized report (a table, or JSON with --json)."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ReportError(
            f"cannot read the file: {exc.strerror}", where=str(file), code="invalid_report"
        ) from exc
    report = parse_report(data, filename=file.name)
    if as_json:
        typer.echo(json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    typer.echo(render_table(report))


def _row(values: list[str]) -> list[str]:
    return [v if v else "-" for v in values]


def render_table(report: Report) -> str:
    """A fixed-width text table: one line per gene result, then variants and report warnings."""
    head = [f"format: {report.source_format}"] + [f"{k}: {v}" for k, v in report.provenance.items()]
    rows = [list(_COLUMNS)]
    for r in report.pharmacogenomics:
        if r.has_result:
            result = r.diplotype or ("; ".join(r.alternatives) if r.alternatives else "phenotype only")
        else:
            result = f"no result ({r.no_result_reason or 'not called'})"
        score = "" if r.activity_score is None else str(r.activity_score)
        source = r.phenotype_source if r.phenotype else ""
        rows.append(
            _row(
                [
                    r.gene,
                    (result or "") + (" (uncertain)" if r.uncertain else ""),
                    r.phenotype or "",
                    score,
                    source,
                    " | ".join(r.warnings),
                ]
            )
        )
    widths = [min(max(len(row[i]) for row in rows), 60) for i in range(len(_COLUMNS) - 1)]
    lines = [
        "  ".join(cell[:60].ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1]
        for row in rows
    ]
    for v in report.variants:
        lines.append(
            f"variant: {v.gene} {v.hgvs or ''} {v.protein or ''} {v.zygosity or ''} "
            f"{v.classification or ''} {v.condition or ''}".rstrip()
        )
    lines += [f"warning: {w}" for w in report.warnings]
    return "\n".join(head + lines)
