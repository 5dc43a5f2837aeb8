"""The questions every latency benchmark asks: the eval cases' questions, with their report fixtures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.config import PROJECT_ROOT
from bot.core.report import Report

EVALS_DIR = PROJECT_ROOT / "evals"


@dataclass
class BenchQuestion:
    id: str
    text: str
    report_file: Path | None = None
    history: list[str] = field(default_factory=list)
    report: Report | None = None


def _from_cases(folder: Path, reports_dir: Path) -> list[BenchQuestion]:
    from bot.evals.cases import load_cases

    out = []
    for located in load_cases(folder, reports_dir):
        case = located.item
        report_file = reports_dir / case.report if case.report else None
        out.append(BenchQuestion(case.id, case.question, report_file, list(case.history)))
    return out


def _from_triage(folder: Path) -> list[BenchQuestion]:
    from bot.evals.cases import load_triage

    return [BenchQuestion(f"triage-{i}", ex.item.text) for i, ex in enumerate(load_triage(folder))]


def load_questions(limit: int | None = None, evals_dir: Path = EVALS_DIR) -> tuple[str, list[BenchQuestion]]:
    """``(source, questions)``: eval answer cases if there are any, else the labeled triage utterances.

    Duplicated question texts are dropped (a cache would make the second one free). Report fixtures
    are parsed here, outside any timed section.
    """
    cases_dir, reports_dir = evals_dir / "cases", evals_dir / "reports"
    source, questions = "evals/cases", []
    if any(cases_dir.glob("*.y*ml")):
        questions = _from_cases(cases_dir, reports_dir)
    if not questions and (evals_dir / "triage").is_dir():
        source, questions = "evals/triage", _from_triage(evals_dir / "triage")
    seen: set[str] = set()
    unique = []
    for q in questions:
        key = q.text.strip().lower()
        if key not in seen:
            seen.add(key)
            unique.append(q)
    unique = unique[:limit] if limit else unique
    if unique and any(q.report_file for q in unique):
        from bot.evals.backends import load_report

        reports: dict[Path, Report] = {}
        for q in unique:
            if q.report_file is not None:
                if q.report_file not in reports:
                    reports[q.report_file] = load_report(q.report_file)
                q.report = reports[q.report_file]
    return source, unique
