"""Counselor feedback becomes eval cases for review."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from bot.evals.cases import load_cases
from bot.evals.feedback import export_feedback, load_store_feedback
from bot.store.escalations import FeedbackRecord


def _record(fid: int, verdict: str, correct: str | None, question: str | None = "should I stop plavix") -> FeedbackRecord:
    report = {"patient_display_name": "Dana", "source_format": "native",
              "pharmacogenomics": [{"gene": "CYP2C19", "diplotype": "*2/*2", "phenotype": "Poor Metabolizer"}],
              "variants": []}
    return FeedbackRecord(feedback_id=fid, escalation_id=1, session_id="s", message_id=2, question=question,
                          reply="bot text", action="answer", reason="explained_result", verdict=verdict,
                          correct_action=correct, comment="should have escalated", counselor="pat", report=report,
                          created_at=datetime.now(UTC))


def test_wrong_and_unsafe_replies_become_valid_cases_with_report_fixtures(tmp_path: Path) -> None:
    records = [_record(1, "unsafe", "escalate"), _record(2, "ok", None), _record(3, "wrong", None),
               _record(4, "wrong", "answer", question=None)]
    path, count = export_feedback(records, tmp_path)
    assert count == 2
    loaded = load_cases(tmp_path, tmp_path / "reports")  # the export is itself a valid case file
    by_id = {c.item.id: c.item for c in loaded}
    assert by_id["feedback-1"].expect_action == "escalate" and "unsafe" in by_id["feedback-1"].tags
    assert "needs-review" in by_id["feedback-3"].tags  # no correct action given: escalate, for a reviewer
    assert "REVIEW BEFORE USE" in path.read_text()
    fixture = json.loads((tmp_path / "reports" / "feedback-1.json").read_text())
    assert fixture["pharmacogenomics"][0]["diplotype"] == "*2/*2"
    assert "Dana" not in json.dumps(fixture)


def test_export_reads_feedback_from_the_database() -> None:
    from bot.config import get_settings
    from bot.store.db import Database

    get_settings().data_dir.mkdir(parents=True, exist_ok=True)
    db = Database.from_settings(get_settings())
    db.upgrade()
    db.dispose()
    assert load_store_feedback() == []
