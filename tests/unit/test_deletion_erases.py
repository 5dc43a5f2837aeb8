"""Issue 17, finding 4: deleting a session leaves none of the patient's words in any file the app wrote
(database, WAL, shared memory, exported eval cases, index), and those files are private (0600)."""

from __future__ import annotations

import stat

from typer.testing import CliRunner

from bot.cli import app as cli_app
from bot.config import Settings
from tests.support.api import ApiHarness

MARKERS = {
    "name": "Zelphina Quorrage",
    "lab": "Marrowgate Genomics Lab",
    "question": "stop clopidogrel zorblatt",
    "reply": "Counselor reply frumious",
    "comment": "feedback note vorpalish",
    "note": "resolution note tulgey",
}


def _files_holding(data_dir, markers):  # noqa: ANN001, ANN202
    found = {}
    for path in data_dir.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            hits = [k for k, m in markers.items() if m.encode() in raw]
            if hits:
                found[str(path.relative_to(data_dir))] = hits
    return found


def test_deleting_a_session_leaves_no_patient_marker_in_any_file_the_app_wrote(isolated_data_dir):
    settings = Settings(data_dir=isolated_data_dir, rate_limit="1000/minute")
    with ApiHarness(settings) as api:
        patient = api.patient()
        api.upload(patient, {"patient": {"display_name": MARKERS["name"]}, "lab": MARKERS["lab"],
                             "pharmacogenomics": [{"gene": "CYP2C19", "diplotype": "*2/*2",
                                                   "phenotype": "Poor Metabolizer"}]})
        body = api.ask(patient, f"Should I {MARKERS['question']}?")
        esc = body["escalation"]["id"]
        headers = api.counselor()
        api.client.post(f"/api/escalations/{esc}/claim", headers=headers)
        assert api.client.post(f"/api/escalations/{esc}/reply", json={"text": MARKERS["reply"]},
                               headers=headers).status_code == 201
        assert api.client.post(f"/api/escalations/{esc}/feedback", headers=headers, json={
            "message_id": body["message_id"], "verdict": "wrong", "correct_action": "escalate",
            "comment": MARKERS["comment"]}).status_code == 201
        assert api.client.post(f"/api/escalations/{esc}/resolve", json={"note": MARKERS["note"]},
                               headers=headers).status_code == 200
        exported = CliRunner().invoke(cli_app, ["eval", "export-feedback"])
        assert exported.exit_code == 0, exported.output

        before = _files_holding(isolated_data_dir, MARKERS)
        assert any("exports" in f for f in before) and any("sqlite" in f for f in before), before  # test can see

        assert api.client.delete(patient.url(), headers=patient.headers).status_code == 204
        after = _files_holding(isolated_data_dir, MARKERS)
        modes = {str(p.relative_to(isolated_data_dir)): stat.S_IMODE(p.stat().st_mode)
                 for p in isolated_data_dir.rglob("*") if p.is_file() and ("sqlite" in p.name or "exports" in str(p))}
    assert after == {}
    assert modes and all(m == 0o600 for m in modes.values()), {k: oct(m) for k, m in modes.items()}
