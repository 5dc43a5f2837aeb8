"""Audit trail: who read or changed what, and when. Callers pass ids and codes, never patient content."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import AuditEvent


def record(
    db: Session,
    *,
    actor_type: str,
    actor: str,
    action: str,
    target_type: str,
    target_id: str | int,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    event = AuditEvent(
        actor_type=actor_type,
        actor=actor,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        detail=detail or {},
    )
    db.add(event)
    return event


def iter_events(db: Session, *, since: datetime | None = None) -> Iterator[dict[str, Any]]:
    """Every audit event in time order, as plain dicts ready for JSON lines."""
    query = select(AuditEvent).order_by(AuditEvent.at, AuditEvent.id)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    for ev in db.scalars(query):
        yield {
            "id": ev.id,
            "at": ev.at.isoformat() + "Z",
            "actor_type": ev.actor_type,
            "actor": ev.actor,
            "action": ev.action,
            "target_type": ev.target_type,
            "target_id": ev.target_id,
            "detail": ev.detail,
        }


def list_events(db: Session, *, target_type: str | None = None, target_id: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.at, AuditEvent.id)
    if target_type:
        query = query.where(AuditEvent.target_type == target_type)
    if target_id:
        query = query.where(AuditEvent.target_id == str(target_id))
    return list(db.scalars(query))
