"""The release gate: thresholds (evals/thresholds.yaml) and regressions against evals/baseline.json.

``check(run, thresholds, baseline)`` returns one ``GateFailure`` per failing threshold or regression;
an empty list means the build may ship.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from bot.evals.results import EvalRun, GateFailure
from bot.evals.yamlio import EvalDataError, load_yaml


class Bound(BaseModel):
    model_config = {"extra": "forbid"}
    min: float | None = None
    max: float | None = None


class Thresholds(BaseModel):
    model_config = {"extra": "forbid"}
    tolerance: dict[str, float] = Field(
        default_factory=lambda: {"rate": 0.02, "count": 0.0, "value": 0.5},
        description="Allowed move in the bad direction from the baseline, by metric kind.",
    )
    tolerance_overrides: dict[str, float] = Field(default_factory=dict, description="Per metric name.")
    no_regression_check: list[str] = Field(
        default_factory=lambda: ["latency_p50_ms", "latency_p95_ms"],
        description="Metrics too machine-dependent to compare with a baseline from another machine.",
    )
    suites: dict[str, dict[str, Bound]] = Field(default_factory=dict)


def load_thresholds(path: Path) -> Thresholds:
    if not path.is_file():
        raise EvalDataError(f"thresholds file {path} not found")
    return load_yaml(path).validate(Thresholds)


def load_baseline(path: Path) -> dict[str, dict[str, float | None]]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise EvalDataError(f"{path}:{exc.lineno}: baseline is not valid JSON: {exc.msg}") from None
    return data.get("suites", {})


def write_baseline(run: EvalRun, path: Path, previous: dict[str, Any] | None = None) -> None:
    """Store this run's scores (suites that ran replace their old entries; others are kept)."""
    suites = dict(previous or {})
    suites.update(run.scores())
    body = {"generated_at": datetime.now(UTC).isoformat(timespec="seconds"), "target": run.target, "suites": suites}
    path.write_text(json.dumps(body, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4g}"


def check(run: EvalRun, thresholds: Thresholds, baseline: dict[str, dict[str, float | None]]) -> list[GateFailure]:
    failures: list[GateFailure] = []
    for suite_name, suite in run.suites.items():
        if suite.skipped:
            continue
        for metric, bound in thresholds.suites.get(suite_name, {}).items():
            result = suite.metrics.get(metric)
            score = result.score if result else None
            if score is None:
                failures.append(GateFailure(suite=suite_name, metric=metric, kind="missing",
                                            message=f"{suite_name}.{metric}: not measured (no applicable cases)"))
                continue
            if bound.min is not None and score < bound.min:
                failures.append(GateFailure(suite=suite_name, metric=metric, kind="threshold",
                                            message=f"{suite_name}.{metric} = {_fmt(score)} is below {bound.min}"))
            if bound.max is not None and score > bound.max:
                failures.append(GateFailure(suite=suite_name, metric=metric, kind="threshold",
                                            message=f"{suite_name}.{metric} = {_fmt(score)} is above {bound.max}"))
        for metric, result in suite.metrics.items():
            base = baseline.get(suite_name, {}).get(metric)
            if base is None or result.score is None or metric in thresholds.no_regression_check:
                continue
            tol = thresholds.tolerance_overrides.get(metric, thresholds.tolerance.get(result.kind, 0.0))
            worse = base - result.score if result.higher_is_better else result.score - base
            if worse > tol + 1e-9:
                failures.append(GateFailure(
                    suite=suite_name, metric=metric, kind="regression",
                    message=f"{suite_name}.{metric} regressed: {_fmt(result.score)} vs baseline {_fmt(base)} "
                            f"(tolerance {tol})",
                ))
    return failures
