"""Reviewer approvals: `knowledge_base/approvals.yaml` maps doc id -> content hash, reviewer, date.

A document is approved only while its file still has the hash the reviewer approved, so any edit
un-approves it until someone approves it again. The indexer refuses unapproved documents.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from pydantic import BaseModel

from bot.errors import KnowledgeBaseError
from bot.knowledge.models import Document

APPROVALS_FILE = "approvals.yaml"


class Approval(BaseModel):
    hash: str
    reviewer: str
    date: dt.date


def load_approvals(kb_dir: Path) -> dict[str, Approval]:
    path = kb_dir / APPROVALS_FILE
    if not path.exists():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(f"{path}: must map document ids to approvals")
    return {doc_id: Approval.model_validate(entry) for doc_id, entry in raw.items()}


def save_approvals(kb_dir: Path, approvals: dict[str, Approval]) -> None:
    data = {k: v.model_dump(mode="json") for k, v in sorted(approvals.items())}
    header = "# Written by `genechat kb approve ID --reviewer NAME`. Editing a document un-approves it.\n"
    (kb_dir / APPROVALS_FILE).write_text(header + yaml.safe_dump(data, sort_keys=True), encoding="utf-8")


def approve(kb_dir: Path, doc: Document, reviewer: str, on: dt.date | None = None) -> Approval:
    if not reviewer.strip():
        raise KnowledgeBaseError("A reviewer name is required: --reviewer 'Name'")
    approvals = load_approvals(kb_dir)
    approvals[doc.id] = Approval(hash=doc.content_hash, reviewer=reviewer.strip(), date=on or dt.date.today())
    save_approvals(kb_dir, approvals)
    return approvals[doc.id]


def is_approved(doc: Document, approvals: dict[str, Approval]) -> bool:
    entry = approvals.get(doc.id)
    return entry is not None and entry.hash == doc.content_hash


def unapproved(docs: list[Document], approvals: dict[str, Approval]) -> list[Document]:
    return [d for d in docs if not is_approved(d, approvals)]


def require_approved(docs: list[Document], kb_dir: Path) -> None:
    """Raise naming every document whose current content is not approved."""
    missing = unapproved(docs, load_approvals(kb_dir))
    if missing:
        names = ", ".join(f"{d.id} ({d.path.name})" for d in missing)
        raise KnowledgeBaseError(
            f"{len(missing)} document(s) are not approved in their current form: {names}. "
            "Review them, then run `genechat kb approve ID --reviewer NAME`."
        )
