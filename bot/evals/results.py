"""Result models for an eval run: one shape for every metric (score + individual scores), per-case records."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

MetricKind = Literal["rate", "count", "value"]
# Checks shown in the failure list that do not fail a case on their own (judged as suite-level rates).
SOFT_CHECKS = ("groundedness", "reading_grade", "citation_precision")


class MetricResult(BaseModel):
    """A metric over a suite. ``individual_scores`` align with the suite's cases (None = not applicable)."""

    name: str
    score: float | None
    individual_scores: list[float | None] = Field(default_factory=list)
    higher_is_better: bool = True
    kind: MetricKind = "rate"
    description: str = ""
    n: int = 0


class CaseResult(BaseModel):
    """One case as run: input, what came back, and per-check pass/fail."""

    suite: str
    id: str
    text: str
    where: str = ""
    accepted_actions: list[str] = Field(default_factory=list)
    expected_reason: str | None = None
    action: str | None = None
    reason: str | None = None
    reply: str | None = None
    citations: list[dict[str, Any]] = Field(default_factory=list)
    report_facts: list[dict[str, Any]] = Field(default_factory=list)
    trace: list[dict[str, Any]] = Field(default_factory=list)
    retrieved: list[str] = Field(default_factory=list)
    latency_ms: float | None = None
    holdout: bool = False
    error: str | None = None
    details: dict[str, Any] = Field(default_factory=dict)
    checks: dict[str, bool] = Field(default_factory=dict)
    judge: dict[str, Any] | None = None

    @property
    def expected_action(self) -> str | None:
        return self.accepted_actions[0] if self.accepted_actions else None

    @property
    def passed(self) -> bool:
        return self.error is None and all(ok for name, ok in self.checks.items() if name not in SOFT_CHECKS)


class SuiteResult(BaseModel):
    name: str
    metrics: dict[str, MetricResult] = Field(default_factory=dict)
    cases: list[CaseResult] = Field(default_factory=list)
    confusion: dict[str, dict[str, int]] | None = None
    skipped: str | None = None

    def scores(self) -> dict[str, float | None]:
        return {name: m.score for name, m in self.metrics.items()}


class GateFailure(BaseModel):
    suite: str
    metric: str
    kind: Literal["threshold", "regression", "missing"]
    message: str


class EvalRun(BaseModel):
    generated_at: str
    target: str = Field(description="'in-process' or the server URL")
    suites: dict[str, SuiteResult] = Field(default_factory=dict)
    gate: list[GateFailure] | None = None
    judge: dict[str, Any] | None = None
    notes: list[str] = Field(default_factory=list)

    def scores(self) -> dict[str, dict[str, float | None]]:
        return {name: s.scores() for name, s in self.suites.items() if not s.skipped}
