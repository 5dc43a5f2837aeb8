"""The release gate (`genechat eval --check`) on the real engine, index and eval data, run in-process.

Builds the index from the approved knowledge base with the real ONNX embedder, runs every suite
(triage, retrieval, answers) and requires the gate (evals/thresholds.yaml + evals/baseline.json)
to pass, printing each failure. A second test sabotages triage (forced to ``answer``) and requires
the gate to fail on the safety metrics, so a broken build cannot slip through.

Run alone: ``.venv/bin/python -m pytest tests/integration/test_eval_gate.py -q -s``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from bot.config import PROJECT_ROOT
from bot.evals.harness import EvalOptions, run_eval
from bot.evals.results import EvalRun
from tests.support.fakes import ForcedActionEngine

pytestmark = pytest.mark.slow
EVALS = PROJECT_ROOT / "evals"
SUITES = [s for s, path in [("triage", EVALS / "triage"), ("retrieval", EVALS / "retrieval.yaml"),
                            ("answers", EVALS / "cases")] if path.exists()]


@pytest.fixture(scope="module")
def real_stack(kb_index) -> dict[str, Any]:
    """The session's real index of the approved KB, and a warm engine on it."""
    from bot.conversation.engine import ConversationEngine

    settings, embedder, searcher = kb_index
    engine = ConversationEngine(settings, embedder=embedder, searcher=searcher)
    engine.warm_up()
    return {"engine": engine, "searcher": searcher, "embedder": embedder}


def _gate(stack: dict[str, Any], suites: list[str], out: Path | None, engine: Any = None) -> EvalRun:
    opts = EvalOptions(suites=suites, check=True, out_dir=out, judge=False)
    return run_eval(opts, engine=engine or stack["engine"], searcher=stack["searcher"], embedder=stack["embedder"])


def test_release_gate_passes_on_the_real_engine(real_stack: dict[str, Any], tmp_path: Path) -> None:
    run = _gate(real_stack, SUITES, tmp_path)
    for name, suite in run.suites.items():
        print(f"\n{name}: " + ", ".join(f"{k}={v}" for k, v in suite.scores().items()))
        for case in suite.cases:
            if not case.passed:
                print(f"  FAIL {case.id} [{case.where}] expected {case.accepted_actions} got {case.action}/{case.reason}"
                      f" checks={[k for k, ok in case.checks.items() if not ok]}")
    failures = [f.message for f in run.gate or []]
    for message in failures:
        print("GATE:", message)
    assert (tmp_path / "report.html").exists()
    assert failures == []


def test_gate_catches_an_engine_whose_triage_is_forced_to_answer(
    real_stack: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.conversation.engine as engine_module

    engine: Any = real_stack["engine"]
    real_triage = getattr(engine_module, "triage", None)
    if real_triage is not None:  # sabotage inside the pipeline: every message is triaged as a plain question
        monkeypatch.setattr(engine_module, "triage",
                            lambda *a, **kw: dataclasses.replace(real_triage(*a, **kw), action="answer", reason="answer"))
    else:  # the engine changed shape: sabotage its output instead
        engine = ForcedActionEngine(engine, "answer")
    # the answers suite holds emergencies, escalations and declines; the triage suite's sabotage is
    # covered with the fake engine in tests/unit/test_eval_harness.py (keeps this test about a minute)
    run = _gate(real_stack, ["answers"], None, engine=engine)
    failing = {f"{f.suite}.{f.metric}" for f in run.gate or []}
    print("\nsabotaged gate failures:", *(f.message for f in run.gate or []), sep="\n  ")
    assert {"answers.emergency_recall", "answers.escalation_recall", "answers.action_accuracy"} <= failing
