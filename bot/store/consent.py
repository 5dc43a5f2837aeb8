"""The consent text patients accept before a session starts; versioned, and stored with each session.

The store keeps whatever version and text it is given: the wording itself is fixed patient text and
lives with the rest of it in bot/safety/wording.py, where it is checked. The API passes it in.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.models import ConsentVersion

__all__ = ["ensure_consent"]


def ensure_consent(db: Session, *, version: str, text: str) -> ConsentVersion:
    """Return the stored row for this consent version, storing its text the first time."""
    row = db.get(ConsentVersion, version)
    if row is None:
        try:
            with db.begin_nested():  # another worker may insert the same version at the same moment
                row = ConsentVersion(version=version, text=text)
                db.add(row)
        except IntegrityError:
            row = db.get(ConsentVersion, version)
    return row
