"""Coming back and being told: resume codes, one-time email links, and the reply-notification address.

The code and the secret travel only in JSON bodies (never in a URL, so never in an access log); the emailed
link carries its one-time token after ``#``, which browsers do not send to any server.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from bot.api.deps import AppState, app_state, get_db, patient_session
from bot.api.errors import ApiError, responses
from bot.api.schemas import (
    ComeBackOut,
    NotifyIn,
    ResumeCodeIn,
    ResumeCodeOut,
    ResumedOut,
    ResumeIn,
    ResumeLinkIn,
)
from bot.store import contacts, resume
from bot.store.models import PatientSession

router = APIRouter(prefix="/api", tags=["patient"])


@router.get("/sessions/{session_id}/come-back", response_model=ComeBackOut, responses=responses(401, 403))
def come_back_options(session: PatientSession = Depends(patient_session), db: Session = Depends(get_db)) -> ComeBackOut:
    """Whether a resume code and a notification address are set (never the code or the address itself)."""
    return ComeBackOut(has_code=resume.has_code(db, session.id), has_email=contacts.has_email(db, session.id))


@router.post("/sessions/{session_id}/resume-code", status_code=201, response_model=ResumeCodeOut,
             responses=responses(401, 403))
def new_resume_code(body: ResumeCodeIn, session: PatientSession = Depends(patient_session),
                    db: Session = Depends(get_db)) -> ResumeCodeOut:
    """A resume code for this session (any earlier code stops working). Shown once: only its hash is kept."""
    code = resume.issue_code(db, session.id, body.secret)
    db.commit()
    return ResumeCodeOut(code=code)


@router.delete("/sessions/{session_id}/resume-code", status_code=204, responses=responses(401, 403))
def revoke_resume_code(session: PatientSession = Depends(patient_session), db: Session = Depends(get_db)) -> Response:
    """Stop the resume code and any emailed link from working."""
    resume.revoke_codes(db, session.id)
    db.commit()
    return Response(status_code=204)


def _resumed(found: resume.Resumed | None, db: Session) -> ResumedOut:
    db.commit()  # a failed attempt is counted too
    if found is None:
        raise ApiError(401, "invalid_resume", "That code and secret do not match a conversation, or the code "
                                              "was stopped. Check them and try again.")
    return ResumedOut(session_id=found.session_id, token=found.token)


@router.post("/resume", response_model=ResumedOut, responses=responses(401))
def resume_with_code(body: ResumeIn, db: Session = Depends(get_db)) -> ResumedOut:
    """Come back with the resume code and secret: returns the session and a new token for this device."""
    return _resumed(resume.redeem_code(db, body.code, body.secret), db)


@router.post("/resume/link", response_model=ResumedOut, responses=responses(401))
def resume_with_link(body: ResumeLinkIn, db: Session = Depends(get_db)) -> ResumedOut:
    """Come back with the one-time token of an emailed link (it works once)."""
    return _resumed(resume.redeem_link(db, body.token), db)


@router.post("/sessions/{session_id}/notify", status_code=204, responses=responses(401, 403))
def save_notify_email(body: NotifyIn, session: PatientSession = Depends(patient_session),
                      db: Session = Depends(get_db), state: AppState = Depends(app_state)) -> Response:
    """Email me when a counselor replies (the email says only that a reply is waiting)."""
    contacts.save_email(db, session.id, body.email, key=contacts.load_key(state.settings))
    db.commit()
    return Response(status_code=204)


@router.delete("/sessions/{session_id}/notify", status_code=204, responses=responses(401, 403))
def delete_notify_email(session: PatientSession = Depends(patient_session), db: Session = Depends(get_db)) -> Response:
    """Forget the notification address."""
    contacts.delete_email(db, session.id)
    db.commit()
    return Response(status_code=204)
