"""One call runs the chosen suites, the optional judge and the gate, and writes the reports.

``run_eval(EvalOptions(suites=["triage"]), engine=FakeEngine())`` runs with fakes (tests/unit/test_eval_harness.py).
A misspelt suite fails before any case file is read or model loaded:

>>> run_eval(EvalOptions(suites=["vibes"]))
Traceback (most recent call last):
    ...
bot.evals.yamlio.EvalDataError: unknown suite(s) ['vibes']; choose from ['triage', 'retrieval', 'answers', 'patient', 'consistency', 'extraction', 'languages'] or 'all'
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.config import PROJECT_ROOT, get_settings
from bot.conversation.engine import get_engine
from bot.evals import cases as C
from bot.evals import gate, render, runner
from bot.evals.backends import EngineLike, HttpTarget, InProcessTarget, SearcherLike, Target
from bot.evals.cases import SUITES
from bot.evals.consistency import load_groups, run_consistency
from bot.evals.extraction import CONFIRMATION_NOTE as EXTRACTION_NOTE
from bot.evals.extraction import run_extraction
from bot.evals.grounding import Grounder, fixed_wording, load_kb_texts
from bot.evals.judge import judge_model_from_settings, run_judge
from bot.evals.languages import load_language_cases, run_languages
from bot.evals.results import EvalRun, SuiteResult
from bot.retrieval.embedders import Embedder, embedder_for
from bot.retrieval.search import get_searcher

log = logging.getLogger(__name__)


@dataclass
class EvalOptions:
    suites: list[str] = field(default_factory=lambda: list(SUITES))
    evals_dir: Path = PROJECT_ROOT / "evals"
    out_dir: Path | None = None
    url: str | None = None
    check: bool = False
    update_baseline: bool = False
    progress: bool = False
    judge: bool = True

    @property
    def thresholds_path(self) -> Path:
        return self.evals_dir / "thresholds.yaml"

    @property
    def baseline_path(self) -> Path:
        return self.evals_dir / "baseline.json"


def _real_engine() -> EngineLike:
    engine = get_engine()
    engine.wait_until_settled()  # scores are for the settled engine (models loading in the background are done)
    return engine


def _real_searcher() -> SearcherLike:
    return get_searcher()


def _kb_doc_ids() -> set[str] | None:
    kb_dir = get_settings().kb_dir
    return set(load_kb_texts(kb_dir)) if kb_dir.is_dir() else None


def _grounder(embedder: Embedder | None) -> Grounder:
    settings = get_settings()
    if embedder is None:
        embedder = embedder_for(settings)
    docs = load_kb_texts(settings.kb_dir) if settings.kb_dir.is_dir() else {}
    return Grounder(docs, fixed=fixed_wording(), embedder=embedder)


def run_eval(
    opts: EvalOptions,
    engine: EngineLike | None = None,
    searcher: SearcherLike | None = None,
    embedder: Embedder | None = None,
    judge_model: Any | None = None,
) -> EvalRun:
    """Run suites; engine/searcher/embedder default to the real ones (inject fakes in tests)."""
    unknown = set(opts.suites) - set(SUITES)
    if unknown:
        raise C.EvalDataError(f"unknown suite(s) {sorted(unknown)}; choose from {list(SUITES)} or 'all'")
    thresholds = gate.load_thresholds(opts.thresholds_path)
    baseline = gate.load_baseline(opts.baseline_path)
    d = opts.evals_dir
    # validate every case file first: a typo should fail in a second, not after the models load
    examples = C.load_triage(d / "triage") if "triage" in opts.suites else []
    queries = C.load_retrieval(d / "retrieval.yaml", _kb_doc_ids()) if "retrieval" in opts.suites else []
    specs = C.load_cases(d / "cases", d / "reports") if "answers" in opts.suites else []
    # patients' own wording, split into a dev half and a locked half (evals/patient/cases.yaml)
    patient_specs = C.load_cases(d / "patient", d / "reports") if "patient" in opts.suites else []
    # the same question reworded must get the same action (evals/consistency/*.yaml)
    with_groups = "consistency" in opts.suites and (d / "consistency").is_dir()
    groups = load_groups(d / "consistency", d / "reports") if with_groups else []

    # (an evals folder without language cases, e.g. a test's, simply has no languages suite)
    with_languages = "languages" in opts.suites and (d / "cases" / "languages").is_dir()
    language_cases = load_language_cases(d / "cases" / "languages") if with_languages else []

    target: Target | None = None
    if examples or specs or patient_specs or groups or language_cases:
        target = HttpTarget(opts.url) if opts.url else InProcessTarget(engine or _real_engine())
    run = EvalRun(generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
                  target=target.name if target else "in-process")
    if examples and target is not None:
        run.suites["triage"] = runner.run_triage(examples, target, opts.progress)
    if queries:
        if opts.url:
            run.notes.append("retrieval runs in-process: the HTTP API has no search endpoint")
        run.suites["retrieval"] = runner.run_retrieval(queries, searcher or _real_searcher(), progress=opts.progress)
    if specs and target is not None:
        suite: SuiteResult = runner.run_answers(specs, target, d / "reports", _grounder(embedder), opts.progress)
        run.suites["answers"] = suite
        if opts.judge:
            model = judge_model if judge_model is not None else judge_model_from_settings(get_settings())
            run.judge = run_judge(model, specs, suite.cases)
            if "skipped" in run.judge:
                run.notes.append(run.judge["skipped"])

    if patient_specs and target is not None:
        run.suites["patient"] = runner.run_answers(patient_specs, target, d / "reports", _grounder(embedder),
                                                   opts.progress, suite="patient", split=True)
    if groups and target is not None:
        run.suites["consistency"] = run_consistency(groups, target, d / "reports", opts.progress)
    if "extraction" in opts.suites:
        run.suites["extraction"] = run_extraction(opts.progress)
        run.notes.append(EXTRACTION_NOTE)

    if language_cases and target is not None:
        run.suites["languages"] = run_languages(language_cases, target, opts.progress)

    if isinstance(target, HttpTarget):
        target.client.close()
    if opts.check:
        run.gate = gate.check(run, thresholds, baseline)
    if opts.out_dir is not None:
        render.write_json(run, opts.out_dir)
        render.write_html(run, opts.out_dir, thresholds, baseline)
    if opts.update_baseline:
        gate.write_baseline(run, opts.baseline_path, previous=baseline)
    log.info("eval finished", extra={"suites": list(run.suites), "gate_failures": len(run.gate or [])})
    return run
