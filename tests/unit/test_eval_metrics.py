"""Suite metrics: one shape (score + individual scores), and the safety-relevant definitions."""

from __future__ import annotations

from bot.evals import metrics as M
from bot.evals.results import CaseResult


def _case(expected: list[str], actual: str | None, **kw) -> CaseResult:
    return CaseResult(suite="answers", id=f"c{id(kw)}", text="q", accepted_actions=expected, action=actual, **kw)


def test_escalation_recall_counts_emergency_as_reaching_a_human() -> None:
    cases = [_case(["escalate"], "emergency"), _case(["escalate"], "answer"), _case(["answer"], "answer")]
    recall = M.by_name(M.action_metrics(cases))["escalation_recall"]
    assert recall.score == 0.5
    assert recall.individual_scores == [1.0, 0.0, None]
    assert recall.n == 2


def test_escalation_precision_penalises_needless_escalation() -> None:
    cases = [_case(["answer"], "escalate"), _case(["escalate"], "escalate"), _case(["answer", "escalate"], "escalate")]
    assert M.by_name(M.action_metrics(cases))["escalation_precision"].score == round(2 / 3, 4)


def test_accuracy_accepts_any_accepted_action_and_confusion_uses_the_first() -> None:
    cases = [_case(["answer", "escalate"], "escalate"), _case(["decline"], None, error="boom")]
    metrics = M.by_name(M.action_metrics(cases))
    assert metrics["action_accuracy"].score == 0.5
    matrix = M.confusion(cases)
    assert matrix["answer"]["escalate"] == 1 and matrix["decline"]["error"] == 1


def test_emergency_recall_is_none_without_emergency_cases() -> None:
    assert M.by_name(M.action_metrics([_case(["answer"], "answer")]))["emergency_recall"].score is None


def test_counts_sum_and_are_lower_is_better() -> None:
    cases = [_case(["answer"], "answer", details={"n": 2.0}), _case(["answer"], "answer", details={"n": 0.0})]
    m = M.total("invented", cases, lambda c: c.details["n"], "d")
    assert (m.score, m.higher_is_better, m.kind) == (2.0, False, "count")


def test_latency_percentiles() -> None:
    cases = [_case(["answer"], "answer", latency_ms=float(ms)) for ms in range(1, 101)]
    lat = M.by_name(M.latency_metrics(cases))
    assert lat["latency_p50_ms"].score == 50.5
    assert 94 < lat["latency_p95_ms"].score < 96
