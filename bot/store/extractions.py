"""Rows read from a patient's PDF/HTML report, kept until they confirm them; erased with the session.

A pending extraction is not a report: nothing reads it except the confirm screen. Confirming (or a new
upload) replaces it; deleting the session erases it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.store import audit
from bot.store.models import PendingExtraction


def save_pending(db: Session, session_id: str, *, source_format: str, rows: list[dict[str, Any]]) -> None:
    """Keep the rows read from an upload (replacing any earlier ones) until the patient confirms them."""
    delete_pending(db, session_id)
    db.add(PendingExtraction(session_id=session_id, source_format=source_format, rows=rows))
    db.flush()
    audit.record(db, actor_type="patient", actor=session_id, action="report.extract", target_type="session",
                 target_id=session_id, detail={"source_format": source_format, "rows": len(rows)})


def get_pending(db: Session, session_id: str) -> PendingExtraction | None:
    return db.scalar(select(PendingExtraction).where(PendingExtraction.session_id == session_id)
                     .order_by(PendingExtraction.id.desc()).limit(1))


def delete_pending(db: Session, session_id: str) -> None:
    db.execute(delete(PendingExtraction).where(PendingExtraction.session_id == session_id))
