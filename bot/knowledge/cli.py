"""`genechat kb ...`: list, approve (and lint) knowledge-base documents."""

from __future__ import annotations

import typer

from bot.config import get_settings
from bot.errors import KnowledgeBaseError
from bot.knowledge.approval import approve as approve_doc
from bot.knowledge.approval import is_approved, load_approvals
from bot.knowledge.lint import lint_kb
from bot.knowledge.loader import load_kb

kb_app = typer.Typer(no_args_is_help=True)


@kb_app.command("list")
def list_docs() -> None:
    """List every document with its approval state."""
    kb_dir = get_settings().kb_dir
    docs, approvals = load_kb(kb_dir), load_approvals(kb_dir)
    for doc in docs:
        state = "approved" if is_approved(doc, approvals) else "NOT APPROVED"
        typer.echo(f"{doc.id:45} {state:13} {doc.meta.title}")
    typer.echo(f"{len(docs)} documents, {sum(is_approved(d, approvals) for d in docs)} approved")


@kb_app.command("approve")
def approve(
    doc_ids: list[str] = typer.Argument(..., help="Document id(s) to approve, or 'all'."),
    reviewer: str = typer.Option(..., "--reviewer", help="Name of the person who reviewed the text."),
) -> None:
    """Record that REVIEWER approved the current content of each document."""
    kb_dir = get_settings().kb_dir
    docs = {d.id: d for d in load_kb(kb_dir)}
    wanted = list(docs) if doc_ids == ["all"] else doc_ids
    unknown = [i for i in wanted if i not in docs]
    if unknown:
        raise KnowledgeBaseError(f"No document with id {', '.join(unknown)}; see `genechat kb list`.")
    for doc_id in wanted:
        approve_doc(kb_dir, docs[doc_id], reviewer)
        typer.echo(f"approved {doc_id} (reviewer: {reviewer})")


@kb_app.command("lint")
def lint() -> None:
    """Check every document (front matter, grade <= 8, sources, no doses or advice); exit 1 on findings."""
    kb_dir = get_settings().kb_dir
    findings = lint_kb(kb_dir)
    for finding in findings:
        typer.echo(str(finding))
    if findings:
        typer.secho(f"{len(findings)} finding(s) in {kb_dir}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1)
    typer.echo(f"knowledge base is clean ({kb_dir})")
