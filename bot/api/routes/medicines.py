""""My medicines": the patient's list of medicines, read against their report (facts only, never advice)."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from bot.api import views
from bot.api.deps import get_db, patient_session
from bot.api.errors import ApiError, responses
from bot.api.schemas import MedicinesIn, MedicinesOut
from bot.pgx.medicines import MAX_MEDICINES, read_medicine_list, split_medicine_list
from bot.store import medicines as repo
from bot.store.models import PatientSession
from bot.store.sessions import latest_report

router = APIRouter(prefix="/api", tags=["patient"])


def _overview(db: Session, session_id: str) -> MedicinesOut:
    report = latest_report(db, session_id)
    return MedicinesOut(medicines=views.medicines(report.data if report else None, repo.list_medicines(db, session_id)))


@router.get("/sessions/{session_id}/medicines", response_model=MedicinesOut, responses=responses(401, 403))
def get_medicines(session: PatientSession = Depends(patient_session), db: Session = Depends(get_db)) -> MedicinesOut:
    """The patient's medicines, each with the results that concern it."""
    return _overview(db, session.id)


@router.put("/sessions/{session_id}/medicines", response_model=MedicinesOut, responses=responses(401, 403))
def put_medicines(body: MedicinesIn, session: PatientSession = Depends(patient_session),
                  db: Session = Depends(get_db)) -> MedicinesOut:
    """Replace the list with what the patient typed (brand names and small misspellings are understood)."""
    names = [n for item in body.medicines for n in split_medicine_list(item)]
    if len(names) > MAX_MEDICINES:
        raise ApiError(422, "too_many_medicines", f"List at most {MAX_MEDICINES} medicines.")
    repo.replace_medicines(db, session.id, [m.typed for m in read_medicine_list("\n".join(names))])
    db.commit()
    return _overview(db, session.id)
