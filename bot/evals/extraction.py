"""The ``extraction`` suite: how well PDF/HTML lab reports are read, per field, over the generated set.

Each document (``bot.evals.report_documents``: every result set in every layout) is read by
``bot.reports.extract``; its rows are compared with the rows the document holds. Per field (gene,
diplotype, phenotype, HGVS, protein, zygosity, classification, condition, page):

- precision = values read that are right / values read (pooled over all documents),
- recall = values the documents hold that were read / values they hold.

Whatever these numbers are, no extracted row is ever used without the patient's confirmation: the only
way from a PDF/HTML file to a report is the confirm step. ``reports_made_without_confirmation`` checks
that on every document: the upload parser that makes a report at once must refuse it.
"""

from __future__ import annotations

import time

from bot.errors import ReportError
from bot.evals import metrics as M
from bot.evals.results import CaseResult, MetricResult, SuiteResult
from bot.reports.extract import extract_document
from bot.reports.extract.models import Candidate
from bot.reports.parse import parse_report

FIELDS = ("gene", "diplotype", "phenotype", "hgvs", "protein", "zygosity", "classification", "condition", "page")
CONFIRMATION_NOTE = ("Every extracted row needs the patient's confirmation before it is used, whatever its "
                     "precision here: a PDF/HTML file never becomes a report without the confirm step.")

Fact = tuple[object, ...]


def facts(rows: list[Candidate] | tuple[Candidate, ...], field: str) -> set[Fact]:
    """The (row, field value) pairs a set of rows states, keyed so a value counts only for its own row."""
    out: set[Fact] = set()
    for row in rows:
        key = (row.kind, row.gene, row.hgvs if row.kind == "variant" and field != "hgvs" else None)
        if field == "gene":
            out.add(key)
            continue
        value = getattr(row, field)
        if value is not None:
            out.add((*key, value))
    return out


def _used_without_confirmation(data: bytes) -> bool:
    try:
        parse_report(data)
    except ReportError:
        return False
    return True


def run_extraction(progress: bool = False) -> SuiteResult:  # noqa: ARG001 - the suite takes seconds
    # reportlab (a development dependency) draws the documents: loaded only when this suite runs.
    from bot.evals.report_documents import generated_documents

    cases: list[CaseResult] = []
    for doc in generated_documents():
        case = CaseResult(suite="extraction", id=doc.name, text=f"{doc.layout} ({doc.format})")
        start = time.perf_counter()
        try:
            got = extract_document(doc.data).candidates
        except ReportError as exc:
            case.error = f"{exc.code}: {exc}"[:500]
            got = []
        case.latency_ms = round((time.perf_counter() - start) * 1000, 2)
        per_field = {}
        for field in FIELDS:
            want, read = facts(doc.expected, field), facts(got, field)
            per_field[field] = {"read": len(read), "right": len(read & want), "held": len(want)}
        case.details = {"fields": per_field, "used_without_confirmation": _used_without_confirmation(doc.data)}
        case.checks["all_rows_read_exactly"] = all(f["read"] == f["right"] == f["held"] for f in per_field.values())
        case.checks["needs_confirmation"] = not case.details["used_without_confirmation"]
        cases.append(case)
    found: list[MetricResult] = []
    for field in FIELDS:
        found += [_pooled(cases, field, "precision"), _pooled(cases, field, "recall")]
    found.append(M.total("reports_made_without_confirmation", cases,
                         lambda c: float(c.details["used_without_confirmation"]),
                         "Documents that became a report without the confirm step (must be 0). " + CONFIRMATION_NOTE))
    found.append(M.total("errors", cases, lambda c: float(c.error is not None), "Documents that could not be read."))
    found += M.latency_metrics(cases)
    return SuiteResult(name="extraction", metrics=M.by_name(found), cases=cases)


def _pooled(cases: list[CaseResult], field: str, which: str) -> MetricResult:
    """Precision or recall of one field, pooled over every document; per-document values alongside."""
    part = "read" if which == "precision" else "held"

    def one(c: CaseResult) -> float | None:
        f = c.details["fields"][field]
        return f["right"] / f[part] if f[part] else None

    right = sum(c.details["fields"][field]["right"] for c in cases)
    total = sum(c.details["fields"][field][part] for c in cases)
    what = ("values read that are right" if which == "precision" else "values in the documents that were read")
    return MetricResult(name=f"{field}_{which}", score=round(right / total, 4) if total else None,
                        individual_scores=[one(c) for c in cases], description=f"{field}: {what}.", n=total)
