"""Run the eval suites (triage, retrieval, answers) against a target and score them.

Each suite returns a ``SuiteResult``: per-case records (with per-check pass/fail) and metrics.
An engine exception fails that case (recorded as ``error``) instead of stopping the run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from tqdm import tqdm

from bot.core.reply import Reply
from bot.evals import metrics as M
from bot.evals.backends import SearcherLike, Target, load_report
from bot.evals.cases import AnswerCase, LabeledExample, Located, RetrievalQuery, is_holdout, is_locked
from bot.evals.grounding import Grounder
from bot.evals.results import CaseResult, SuiteResult
from bot.evals.scoring import score_answer_case

log = logging.getLogger(__name__)
T = TypeVar("T")


def _progress(items: Sequence[T], desc: str, show: bool) -> Iterable[T]:
    return tqdm(items, desc=desc, unit="case", disable=not show, leave=False)


def _call(case: CaseResult, fn: Callable[[], Reply]) -> Reply | None:
    """Run one reply, timing it; an exception becomes the case's error instead of stopping the run."""
    start = time.perf_counter()
    try:
        reply = fn()
    except Exception as exc:  # noqa: BLE001 - a crash is a failing case, recorded with its type
        case.error = f"{type(exc).__name__}: {exc}"[:500]
        log.warning("eval case raised", extra={"suite": case.suite, "case": case.id, "error": type(exc).__name__})
        return None
    case.latency_ms = round((time.perf_counter() - start) * 1000, 2)
    case.action, case.reason, case.reply = reply.action, reply.reason, reply.text
    case.citations = [c.model_dump() for c in reply.citations]
    case.report_facts = [f.model_dump(exclude_none=True) for f in reply.report_facts]
    case.trace = [t.model_dump() for t in reply.trace]
    return reply


def run_triage(examples: Sequence[Located[LabeledExample]], target: Target, progress: bool = False) -> SuiteResult:
    """Each labeled utterance, alone and with no report."""
    cases: list[CaseResult] = []
    for loc in _progress(examples, "triage", progress):
        action = loc.item.action
        expected_action, expected_reason = (("escalate", loc.item.escalated_as) if loc.item.escalated_as
                                            else (action, loc.item.reason))
        case = CaseResult(
            suite="triage", id=f"{action}-{loc.index + 1}", text=loc.item.text, where=loc.where,
            accepted_actions=[expected_action], expected_reason=expected_reason, holdout=is_holdout(loc.index),
        )
        if _call(case, lambda t=loc.item.text: target.ask(t, None, ())) is not None:
            case.checks["action"] = case.action == expected_action
            if expected_action != "answer":  # answer sub-reasons depend on a report, which triage utterances lack
                case.checks["reason"] = case.reason == expected_reason
        else:
            case.checks["action"] = False
        cases.append(case)

    metrics = M.action_metrics(cases)
    metrics += [
        M.rate("holdout_action_accuracy", cases, lambda c: float(c.action == c.expected_action) if c.holdout else None,
               "Action accuracy on the hold-out split (every 5th example per file), unseen by the classifier."),
        M.rate("reason_accuracy", cases, lambda c: float(c.reason == c.expected_reason)
               if c.expected_action != "answer" else None, "Reason code matches (non-answer classes)."),
        M.rate("false_alarm_rate", cases, lambda c: float(c.action == "emergency")
               if c.expected_action != "emergency" else None,
               "Non-emergency utterances classified emergency.", higher=False),
        M.total("errors", cases, lambda c: float(c.error is not None), "Utterances where the engine raised."),
        *M.latency_metrics(cases),
    ]
    return SuiteResult(name="triage", metrics=M.by_name(metrics), cases=cases, confusion=M.confusion(cases))


def run_retrieval(queries: Sequence[Located[RetrievalQuery]], searcher: SearcherLike, k: int = 10,
                  progress: bool = False) -> SuiteResult:
    cases: list[CaseResult] = []
    for loc in _progress(queries, "retrieval", progress):
        q = loc.item
        case = CaseResult(suite="retrieval", id=f"q{loc.index + 1}", text=q.query, where=loc.where)
        start = time.perf_counter()
        try:
            passages = searcher.search(q.query, k=k)
        except Exception as exc:  # noqa: BLE001
            case.error = f"{type(exc).__name__}: {exc}"[:500]
            passages = []
        case.latency_ms = round((time.perf_counter() - start) * 1000, 2)
        case.retrieved = list(dict.fromkeys(p.doc_id for p in passages))
        rank = next((i + 1 for i, d in enumerate(case.retrieved) if d in q.expect), None)
        case.details = {"expect": q.expect, "rank": rank}
        case.checks["hit_at_3"] = rank is not None and rank <= 3
        cases.append(case)
    metrics = [
        M.rate("hit_at_3", cases, lambda c: float(c.checks["hit_at_3"]), "An expected doc is in the top 3 docs."),
        M.rate("mrr", cases, lambda c: 1 / c.details["rank"] if c.details["rank"] else 0.0,
               f"Mean reciprocal rank of the first expected doc (top {k} docs)."),
        *M.latency_metrics(cases),
    ]
    return SuiteResult(name="retrieval", metrics=M.by_name(metrics), cases=cases)


def run_answers(cases_in: Sequence[Located[AnswerCase]], target: Target, reports_dir: Path, grounder: Grounder,
                progress: bool = False, *, suite: str = "answers", split: bool = False) -> SuiteResult:
    """Every case through the target; with ``split``, the locked half (``is_locked``) is scored apart."""
    cases: list[CaseResult] = []
    for loc in _progress(cases_in, suite, progress):
        spec = loc.item
        case = CaseResult(
            suite=suite, id=spec.id, text=spec.question, where=loc.where,
            accepted_actions=spec.accepted, expected_reason=spec.expect_reason,
            holdout=split and is_locked(spec.id),
        )
        report_file = reports_dir / spec.report if spec.report else None
        reply = _call(case, lambda s=spec, rf=report_file: target.ask(s.question, rf, s.history))
        report = None
        if report_file is not None and hasattr(target, "report"):
            report = target.report(report_file)  # type: ignore[attr-defined]
        elif report_file is not None:
            report = load_report(report_file)
        score_answer_case(case, spec, reply, report, grounder)
        cases.append(case)
    metrics = answer_metrics(cases) + (split_metrics(cases) if split else [])
    return SuiteResult(name=suite, metrics=M.by_name(metrics), cases=cases, confusion=M.confusion(cases))


def split_metrics(cases: Sequence[CaseResult]) -> list[M.MetricResult]:
    """Cases passing every check, dev half and locked half side by side; the locked one is the honest number."""
    d = lambda key: (lambda c: c.details.get(key))  # noqa: E731 - tiny per-key accessor
    return [
        M.rate("locked_pass_rate", cases, lambda c: float(c.passed) if c.holdout else None,
               "Locked half (never read while changing the engine): cases passing every check."),
        M.rate("dev_pass_rate", cases, lambda c: None if c.holdout else float(c.passed),
               "Dev half (may be read while changing the engine): cases passing every check."),
        M.rate("locked_action_accuracy", cases, lambda c: float(c.action in c.accepted_actions) if c.holdout
               else None, "Locked half: reply action is an accepted one."),
        M.rate("own_result_rate", cases, d("own_result_rate"), "The patient's own result is stated, where asked."),
        M.rate("unrelated_citation_rate", cases, d("unrelated_citation"),
               "Replies citing a document about another gene, medicine or condition.", higher=False),
    ]


def answer_metrics(cases: Sequence[CaseResult]) -> list[M.MetricResult]:
    d = lambda key: (lambda c: c.details.get(key))  # noqa: E731 - tiny per-key accessor
    return [
        *M.action_metrics(cases),
        M.rate("reason_accuracy", cases, lambda c: float(c.reason == c.expected_reason)
               if c.expected_reason else None, "Reason code matches, where the case names one."),
        M.rate("citation_coverage", cases, d("citation_coverage"), "Expected genes/drugs covered by a cited doc."),
        M.rate("citation_precision", cases, d("citation_precision"), "Cited docs that are about the case's topic."),
        M.rate("must_mention_rate", cases, d("must_mention_rate"), "Required phrases present in the reply."),
        M.rate("must_not_hit_rate", cases, d("must_not_hit"), "Replies containing a forbidden phrase.", higher=False),
        M.total("invented_genotypes", cases, d("invented_count"), "Genotype claims not in the report (count)."),
        M.total("dose_advice", cases, d("dose_advice_count"), "Dose amounts or start/stop/change advice (count)."),
        M.rate("groundedness", cases, d("groundedness"), "Answer sentences supported by cited docs or the report."),
        M.percentile("reading_grade_median", cases, d("reading_grade"), 50, "Median Flesch-Kincaid grade."),
        M.rate("reading_grade_over_8", cases, lambda c: None if c.details.get("reading_grade") is None
               else float(c.details["reading_grade"] > 8), "Replies above grade 8.", higher=False),
        M.total("errors", cases, lambda c: float(c.error is not None), "Cases where the engine raised."),
        *M.latency_metrics(cases),
    ]
