"""Reports read from a PDF or HTML file, or typed in: shown to the patient, used only once confirmed.

``POST /sessions/{id}/report`` with a PDF/HTML file lands here (``pending_from_upload``): the rows read
are stored as a pending extraction, never as the report, and sent back with ``needs_confirmation``.
``POST /sessions/{id}/report/confirm`` turns the rows the patient checked (or typed) into the report.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from bot.api import views
from bot.api.deps import get_db, patient_session
from bot.api.errors import ApiError, responses
from bot.api.schemas import ConfirmIn, ExtractionPending, ReportUploaded, Suggestions
from bot.reports.extract import extract_document
from bot.reports.extract.confirm import confirmed_report, suggestions
from bot.reports.extract.models import Candidate
from bot.store import extractions
from bot.store import sessions as repo
from bot.store.medicines import list_medicines
from bot.store.models import PatientSession

router = APIRouter(prefix="/api", tags=["patient"])
PENDING_RESPONSE: dict[int | str, dict] = {
    200: {"model": ExtractionPending, "description": "A PDF/HTML report was read: confirm its rows."}}


async def pending_from_upload(db: Session, session: PatientSession, data: bytes) -> JSONResponse:
    """Read the document and keep its rows for confirmation; a bad file raises ``ReportError`` (4xx)."""
    extraction = await run_in_threadpool(extract_document, data)
    rows = [c.model_dump(mode="json") for c in extraction.candidates]

    def store() -> None:
        extractions.save_pending(db, session.id, source_format=extraction.source_format, rows=rows)
        db.commit()

    await run_in_threadpool(store)
    body = ExtractionPending(source_format=extraction.source_format, pages=extraction.pages,
                             rows=extraction.candidates)
    return JSONResponse(body.model_dump(mode="json"), status_code=200)


@router.get("/sessions/{session_id}/report/pending", response_model=ExtractionPending,
            responses=responses(401, 403, 404))
def get_pending(session: PatientSession = Depends(patient_session), db: Session = Depends(get_db)) -> ExtractionPending:
    """The rows read from the last PDF/HTML upload that the patient has not confirmed yet."""
    pending = extractions.get_pending(db, session.id)
    if pending is None:
        raise ApiError(404, "no_pending_extraction", "There are no results waiting to be confirmed.")
    return ExtractionPending(source_format=pending.source_format, pages=1 if pending.source_format == "html" else
                             max([r.get("page") or 1 for r in pending.rows] or [1]),
                             rows=[Candidate.model_validate(r) for r in pending.rows])


@router.post("/sessions/{session_id}/report/confirm", status_code=201, response_model=ReportUploaded,
             responses=responses(401, 403, 409))
def confirm_report(body: ConfirmIn, session: PatientSession = Depends(patient_session),
                   db: Session = Depends(get_db)) -> ReportUploaded:
    """Make the report from the rows the patient confirmed, each marked with where it came from."""
    pending = None if body.typed else extractions.get_pending(db, session.id)
    if not body.typed and pending is None:
        raise ApiError(409, "no_pending_extraction",
                       "There are no results read from a file to confirm. Upload the file again, or type them in.")
    source_format = "typed" if pending is None else pending.source_format
    report = confirmed_report(body.rows, typed=body.typed, source_format=source_format)
    warnings = [*report.warnings, *(f"{item.gene}: {w}" for item in [*report.pharmacogenomics, *report.variants]
                                    for w in item.warnings)]
    normalized = report.model_dump(mode="json")
    repo.save_report(db, session.id, source_format=source_format, data=normalized, warnings=warnings)
    extractions.delete_pending(db, session.id)
    db.commit()
    return ReportUploaded(report=normalized, warnings=warnings, cards=views.cards(report),
                          medicines=views.medicines(report, list_medicines(db, session.id)))


@router.get("/report-suggestions", response_model=Suggestions, responses=responses())
def get_suggestions(gene: str | None = Query(None, max_length=24)) -> Suggestions:
    """Genes GeneChat knows and, for one gene, its alleles and phenotypes (to type results in)."""
    return Suggestions(**suggestions(gene))
