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


def test_counselor_feedback_in_the_console_is_exported_by_the_cli(isolated_data_dir: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from bot.cli import app
    from bot.config import Settings
    from tests.support.api import ApiHarness

    with ApiHarness(Settings(data_dir=isolated_data_dir, rate_limit="1000/minute")) as api:
        patient = api.patient()
        api.upload(patient)
        body = api.ask(patient, "What dose should I take?")
        resp = api.client.post(f"/api/escalations/{body['escalation']['id']}/feedback", headers=api.counselor(),
                               json={"message_id": body["message_id"], "verdict": "wrong",
                                     "correct_action": "answer", "comment": "general education"})
        assert resp.status_code == 201, resp.text
    assert [r.verdict for r in load_store_feedback()] == ["wrong"]

    out = isolated_data_dir / "exports" / "feedback"  # the default: under the data dir, reached by deletion
    result = CliRunner().invoke(app, ["eval", "export-feedback"])
    assert result.exit_code == 0, result.output
    assert "wrote 1 case(s)" in result.output
    [case] = load_cases(out, out / "reports")
    assert (case.item.question, case.item.expect_action) == ("What dose should I take?", "answer")
    assert "general education" in (case.item.notes or "")
