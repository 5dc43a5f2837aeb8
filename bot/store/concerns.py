"""Which case an escalating reply belongs to: one case per concern, not one per conversation.

The rule, applied in this order to the session's cases (most recently active first):

1. **Emergency** (urgent): joins an active urgent case touched in the last ``FOLLOW_UP_WINDOW`` (the patient
   is still describing the same emergency); otherwise it opens its own urgent case, so the emergency is a
   row of its own at the top of the queue and never hides inside an older, calmer case.
2. **Names a gene or medicine** the reply was about: joins the active case that shares one of them; else
   re-opens a case resolved within ``REOPEN_WINDOW`` that shares one; else joins the latest active case if
   it names none yet and was touched within ``FOLLOW_UP_WINDOW`` (the patient is saying what an earlier
   "what dose should I take?" was about); else a new case.
3. **Names none** ("and what about the dose?", "thanks, so I keep taking it?"): a follow-up of the case the
   patient last spoke to. It joins that case when it is active and was touched within ``FOLLOW_UP_WINDOW``
   or has the same reason; re-opens it when it was resolved within ``REOPEN_WINDOW``; else a new case.

A re-opened case is the same case (same id, same counselor), so the patient gets no new "we usually reply
within 1 business day" card.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.store.models import Escalation

FOLLOW_UP_WINDOW = timedelta(hours=2)
REOPEN_WINDOW = timedelta(hours=24)
ACTIVE = ("open", "claimed")

CaseEvent = Literal["opened", "joined", "reopened"]


@dataclass(frozen=True)
class Placement:
    case: Escalation | None  # None: open a new case
    event: CaseEvent


def topics(genes: Iterable[str], drugs: Iterable[str]) -> set[str]:
    return {t.strip().lower() for t in [*genes, *drugs] if t and t.strip()}


def last_touched(case: Escalation) -> datetime:
    return max(t for t in (case.last_activity_at, case.created_at, case.resolved_at) if t is not None)


def place(cases: Sequence[Escalation], *, priority: str, reason: str, genes: Sequence[str], drugs: Sequence[str],
          now: datetime) -> Placement:
    """Where a new escalation of this session goes; ``cases`` are the session's non-withdrawn cases."""
    ordered = sorted(cases, key=last_touched, reverse=True)
    active = [c for c in ordered if c.status in ACTIVE]
    recent = lambda c: now - last_touched(c) <= FOLLOW_UP_WINDOW  # noqa: E731
    reopenable = lambda c: c.status == "resolved" and c.resolved_at is not None and \
        now - c.resolved_at <= REOPEN_WINDOW  # noqa: E731

    if priority == "urgent":
        same = next((c for c in active if c.priority == "urgent" and recent(c)), None)
        return Placement(same, "joined") if same else Placement(None, "opened")

    wanted = topics(genes, drugs)
    if wanted:
        shares = lambda c: bool(wanted & topics(c.genes or [], c.drugs or []))  # noqa: E731
        if (case := next((c for c in active if shares(c)), None)) is not None:
            return Placement(case, "joined")
        if (case := next((c for c in ordered if reopenable(c) and shares(c)), None)) is not None:
            return Placement(case, "reopened")
        latest = active[0] if active else None
        if latest is not None and not topics(latest.genes or [], latest.drugs or []) and recent(latest):
            return Placement(latest, "joined")
        return Placement(None, "opened")

    latest = ordered[0] if ordered else None
    if latest is None:
        return Placement(None, "opened")
    if latest.status in ACTIVE and (recent(latest) or latest.reason == reason):
        return Placement(latest, "joined")
    if reopenable(latest):
        return Placement(latest, "reopened")
    return Placement(None, "opened")
