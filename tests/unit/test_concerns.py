"""The case rule (bot/store/concerns.py) rule by rule, on unsaved cases: which case a new escalation joins."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.store.concerns import FOLLOW_UP_WINDOW, REOPEN_WINDOW, place
from bot.store.models import Escalation

NOW = datetime(2026, 5, 4, 12, 0)


def case(id_: int, *, ago: timedelta, status: str = "open", priority: str = "normal", reason: str = "dosing",
         genes: tuple[str, ...] = (), drugs: tuple[str, ...] = (), resolved_ago: timedelta | None = None) -> Escalation:
    return Escalation(id=id_, status=status, priority=priority, reason=reason, genes=list(genes), drugs=list(drugs),
                      created_at=NOW - ago, last_activity_at=NOW - ago,
                      resolved_at=NOW - resolved_ago if resolved_ago is not None else None)


def where(cases, *, priority="normal", reason="dosing", genes=(), drugs=()):  # noqa: ANN001, ANN201
    p = place(cases, priority=priority, reason=reason, genes=genes, drugs=drugs, now=NOW)
    return (p.case.id if p.case else None), p.event


MINUTES = timedelta(minutes=10)


def test_an_emergency_joins_a_recent_urgent_case_but_never_a_calm_one():
    calm = case(1, ago=MINUTES, drugs=("codeine",))
    assert where([calm], priority="urgent", reason="emergency_symptoms") == (None, "opened")
    urgent = case(2, ago=MINUTES, priority="urgent", reason="emergency_symptoms")
    assert where([calm, urgent], priority="urgent", reason="emergency_symptoms") == (2, "joined")


def test_an_emergency_after_the_follow_up_window_is_a_new_urgent_case():
    old = case(2, ago=FOLLOW_UP_WINDOW + MINUTES, priority="urgent", reason="emergency_symptoms")
    assert where([old], priority="urgent", reason="emergency_symptoms") == (None, "opened")


def test_a_question_about_a_medicine_joins_the_case_about_that_medicine_not_the_latest():
    codeine = case(1, ago=timedelta(hours=1), drugs=("codeine",))
    plavix = case(2, ago=MINUTES, drugs=("clopidogrel",))
    assert where([codeine, plavix], drugs=("Codeine",)) == (1, "joined")
    assert where([codeine, plavix], drugs=("warfarin",)) == (None, "opened")


def test_a_named_concern_reopens_its_recently_resolved_case_but_not_an_old_one():
    done = case(1, ago=timedelta(hours=5), status="resolved", genes=("CYP2C19",), resolved_ago=timedelta(hours=3))
    assert where([done], genes=("CYP2C19",)) == (1, "reopened")
    long_done = case(1, ago=timedelta(days=3), status="resolved", genes=("CYP2C19",),
                     resolved_ago=REOPEN_WINDOW + MINUTES)
    assert where([long_done], genes=("CYP2C19",)) == (None, "opened")


def test_naming_the_medicine_of_a_recent_case_that_named_none_joins_it():
    vague = case(1, ago=MINUTES)
    assert where([vague], drugs=("codeine",)) == (1, "joined")
    assert where([case(1, ago=FOLLOW_UP_WINDOW + MINUTES)], drugs=("codeine",)) == (None, "opened")


def test_a_follow_up_naming_nothing_joins_the_case_last_spoken_to():
    codeine = case(1, ago=timedelta(hours=1), drugs=("codeine",))
    plavix = case(2, ago=MINUTES, drugs=("clopidogrel",))
    assert where([codeine, plavix], reason="medication_change") == (2, "joined")


def test_a_follow_up_naming_nothing_joins_an_old_active_case_only_with_the_same_reason():
    old = case(1, ago=FOLLOW_UP_WINDOW + MINUTES, reason="dosing")
    assert where([old], reason="dosing") == (1, "joined")
    assert where([old], reason="pregnancy_decision") == (None, "opened")


def test_thanks_after_a_recent_resolution_reopens_the_same_case_later_it_opens_a_new_one():
    done = case(1, ago=timedelta(hours=2), status="resolved", resolved_ago=timedelta(hours=1))
    assert where([done], reason="medication_change") == (1, "reopened")
    done.resolved_at = NOW - REOPEN_WINDOW - MINUTES
    assert where([done], reason="medication_change") == (None, "opened")
