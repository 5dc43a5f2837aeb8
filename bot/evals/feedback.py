"""Turn counselor feedback ("this reply was wrong/unsafe; it should have been X") into eval cases for review.

The cases are written outside ``evals/cases`` on purpose: a person reviews them (removing anything
personal, checking the expected action) and then moves them in. Report fixtures are written in the
native upload format without the patient's name.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from bot.config import get_settings
from bot.core.reply import ACTIONS
from bot.evals.cases import AnswerCase
from bot.store.db import Database
from bot.store.escalations import list_feedback
from bot.store.exports import private_write, record_export

log = logging.getLogger(__name__)

HEADER = """# Cases exported from counselor feedback by `genechat eval export-feedback`.
# REVIEW BEFORE USE: remove anything personal from questions and reports, check expect_action
# (cases tagged needs-review had no correct action given), then move this file to evals/cases/
# and the report fixtures to evals/reports/.
"""


def _native_report(data: dict[str, Any]) -> dict[str, Any]:
    """Native upload JSON from a stored report (normalized or native), without the patient's name."""
    pgx = [
        {k: r.get(k) for k in ("gene", "diplotype", "phenotype", "activity_score") if r.get(k) is not None}
        for r in data.get("pharmacogenomics", [])
    ]
    fields = ("gene", "hgvs", "protein", "zygosity", "classification", "condition")
    variants = [{k: v[k] for k in fields if v.get(k) is not None} for v in data.get("variants", [])]
    return {"lab": data.get("lab"), "report_date": data.get("report_date"),
            "pharmacogenomics": pgx, "variants": variants}


def _get(record: Any, name: str) -> Any:
    return record.get(name) if isinstance(record, dict) else getattr(record, name, None)


def feedback_to_case(record: Any, report_name: str | None) -> AnswerCase | None:
    """One case from one feedback record; None for 'ok' verdicts and records without a question."""
    verdict, question = _get(record, "verdict"), _get(record, "question")
    if verdict == "ok" or not question:
        return None
    correct = _get(record, "correct_action")
    tags = ["feedback", str(verdict)]
    if correct not in ACTIONS:
        correct = "escalate"  # when in doubt, escalate; a reviewer confirms
        tags.append("needs-review")
    note = (f"counselor {_get(record, 'counselor') or '?'} marked the reply {verdict}: {_get(record, 'comment') or ''}"
            f" | bot said {_get(record, 'action')}/{_get(record, 'reason')}")
    return AnswerCase(id=f"feedback-{_get(record, 'feedback_id')}", report=report_name, question=question,
                      expect_action=correct, tags=tags, notes=note.strip())


def export_feedback(records: Iterable[Any], out_dir: Path) -> tuple[Path, int]:
    """Write ``feedback_cases.yaml`` (+ ``reports/feedback-N.json``) into ``out_dir``; return (path, count).

    Files are private (0600) and listed per session in a manifest (bot/store/exports.py), so deleting a
    session deletes its exported cases too.
    """
    out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    cases: list[dict[str, Any]] = []
    path = out_dir / "feedback_cases.yaml"
    for record in records:
        report = _get(record, "report")
        name = f"feedback-{_get(record, 'feedback_id')}.json" if report else None
        case = feedback_to_case(record, name)
        if case is None:
            continue
        if report and name:
            private_write(out_dir / "reports" / name, json.dumps(_native_report(report), indent=2))
        cases.append(case.model_dump(exclude_defaults=True, exclude_none=True))
        if session_id := _get(record, "session_id"):
            record_export(out_dir, session_id, case_file=path.name, case_ids=[case.id],
                          files=[f"reports/{name}"] if report and name else [])
    body = yaml.safe_dump({"cases": cases}, sort_keys=False, allow_unicode=True, width=110) if cases else "cases: []\n"
    private_write(path, HEADER + body)
    log.info("feedback exported", extra={"cases": len(cases)})
    return path, len(cases)


def load_store_feedback() -> list[Any]:
    """Feedback records from the configured database (SQLite by default, or DATABASE_URL)."""
    db = Database.from_settings(get_settings())
    try:
        with db.session() as session:
            return list(list_feedback(session))
    finally:
        db.dispose()
