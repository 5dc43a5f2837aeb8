"""The medicine names a patient lists under "My medicines": replaced as a whole, erased with the session."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.store import audit
from bot.store.models import ListedMedicine


def replace_medicines(db: Session, session_id: str, typed: Sequence[str]) -> list[str]:
    """Store the patient's list (what they typed, in their order), replacing the previous one."""
    db.execute(delete(ListedMedicine).where(ListedMedicine.session_id == session_id))
    db.add_all(ListedMedicine(session_id=session_id, position=i, typed=name) for i, name in enumerate(typed))
    db.flush()
    # The count only: medicine names are health data and stay out of the audit trail.
    audit.record(db, actor_type="patient", actor=session_id, action="medicines.update", target_type="session",
                 target_id=session_id, detail={"count": len(typed)})
    return list(typed)


def list_medicines(db: Session, session_id: str) -> list[str]:
    """The names as typed, in the patient's order."""
    rows = db.scalars(select(ListedMedicine.typed).where(ListedMedicine.session_id == session_id)
                      .order_by(ListedMedicine.position))
    return list(rows)


def delete_medicines(db: Session, session_id: str) -> None:
    db.execute(delete(ListedMedicine).where(ListedMedicine.session_id == session_id))
