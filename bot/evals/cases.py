"""Eval case files (formats in evals/README.md), validated with pydantic; errors name file and line.

>>> TriageFile.model_validate({"action": "decline", "examples": [{"text": "weather?", "reason": "out_of_scope"}]}).action
'decline'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.core.reply import ACTIONS, Action
from bot.core.splits import is_holdout, is_locked  # noqa: F401 - re-exported: the harness's split functions
from bot.evals.yamlio import EvalDataError, YamlDoc, load_yaml

REASONS_BY_ACTION: dict[str, tuple[str, ...]] = {
    "answer": ("explained_result", "general_education", "result_not_in_report", "no_report"),
    "escalate": (
        "medication_change",
        "dosing",
        "diagnosis_or_risk_decision",
        "family_testing_decision",
        "pregnancy_decision",
        "disagrees_with_report",
        "wants_human",
    ),
    "emergency": ("emergency_symptoms", "self_harm"),
    "decline": ("out_of_scope", "prompt_injection"),
}
# The eval suites, in run order (here, not in harness.py, so the CLI can list them without loading models).
SUITES = ("triage", "retrieval", "answers", "patient", "consistency", "extraction", "languages")
# Reasons that only a rule gives, never the classifier (so no triage example may carry them): the check-in tier
# (bot/safety/check_in.py). Answer cases may still expect them.
RULE_ONLY_REASONS: dict[str, tuple[str, ...]] = {"escalate": ("check_in", "someone_elses_report",
                                                              "someone_elses_medicine", "relatives_medicine")}
ALL_REASONS = tuple(r for by_action in (REASONS_BY_ACTION, RULE_ONLY_REASONS) for reasons in by_action.values()
                    for r in reasons)
T = TypeVar("T")
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TriageExample(StrictModel):
    text: str = Field(min_length=1)
    reason: str
    note: str | None = None
    # The classifier learns ``reason`` (what the message is); a rule then escalates it with this rule-only reason
    # (someone_elses_report), and the triage suite expects that escalation.
    escalated_as: str | None = None


class LabeledExample(TriageExample):
    """A triage example with the action of the file it came from."""

    action: Action


class TriageFile(StrictModel):
    action: Action
    examples: list[TriageExample] = Field(min_length=1)


class RubricItem(StrictModel):
    """HealthBench-style rubric item: points are earned when the judge says the reply meets the criterion."""

    criterion: str = Field(min_length=3)
    points: int = Field(ge=-10, le=10)


class Expected(StrictModel):
    """An id and the action(s) it must get: shared by answer cases and paraphrase groups."""

    id: str
    expect_action: Action | None = None
    accept_actions: list[Action] | None = None

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("id must be lower-case letters, digits, '.', '_' or '-'")
        return value

    @model_validator(mode="after")
    def _one_expectation(self) -> Expected:
        if (self.expect_action is None) == (not self.accept_actions):
            raise ValueError("give exactly one of expect_action or accept_actions")
        return self

    @property
    def accepted(self) -> list[str]:
        return [self.expect_action] if self.expect_action else list(self.accept_actions or [])

    @property
    def primary(self) -> str:
        """The action a case is filed under in the confusion matrix (first accepted one)."""
        return self.accepted[0]


class AnswerCase(Expected):
    report: str | None = None
    history: list[str] = Field(default_factory=list)
    question: str = Field(min_length=1)
    expect_reason: str | None = None
    cite_genes: list[str] = Field(default_factory=list)
    cite_drugs: list[str] = Field(default_factory=list)
    must_mention: list[str] = Field(default_factory=list)
    must_not: list[str] = Field(default_factory=list)
    rubric: list[RubricItem] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    notes: str | None = None
    own_result: list[str] = Field(default_factory=list, description="Genes whose result (as the report gives it) "
                                                                     "the reply must state.")
    topics: list[str] | None = Field(None, description="What cited documents may be about (genes, medicines, "
                                                       "conditions); [] allows only general explainers; None: "
                                                       "not checked.")

    @field_validator("expect_reason")
    @classmethod
    def _known_reason(cls, value: str | None) -> str | None:
        if value is not None and value not in ALL_REASONS:
            raise ValueError(f"unknown reason {value!r}; use one of {list(ALL_REASONS)}")
        return value


class CasesFile(StrictModel):
    cases: list[AnswerCase] = Field(min_length=1)


class RetrievalQuery(StrictModel):
    query: str = Field(min_length=1)
    expect: list[str] = Field(min_length=1)
    notes: str | None = None


class RetrievalFile(StrictModel):
    queries: list[RetrievalQuery] = Field(min_length=1)


@dataclass
class Located(Generic[T]):
    """A validated item plus where it came from (``file:line``)."""

    item: T
    where: str
    index: int = 0
    split: str | None = None  # a file-level split ("dev") that overrides the hash split (``is_locked``)


def load_triage(folder: Path) -> list[Located[LabeledExample]]:
    """All labeled utterances; ``index`` counts within each action file (the hold-out split uses it)."""
    out: list[Located[LabeledExample]] = []
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise EvalDataError(f"no triage files (*.yaml) in {folder}")
    for path in files:
        doc = load_yaml(path)
        parsed: TriageFile = doc.validate(TriageFile)
        if path.stem in ACTIONS and path.stem != parsed.action:
            raise EvalDataError(f"{doc.where(('action',))}: file {path.name} holds action {parsed.action!r}")
        allowed = REASONS_BY_ACTION[parsed.action]
        for i, ex in enumerate(parsed.examples):
            if ex.reason not in allowed:
                raise EvalDataError(f"{doc.where(('examples', i, 'reason'))}: reason {ex.reason!r} is not a "
                                    f"{parsed.action} reason; use one of {list(allowed)}")
            if ex.escalated_as is not None and ex.escalated_as not in RULE_ONLY_REASONS["escalate"]:
                raise EvalDataError(f"{doc.where(('examples', i, 'escalated_as'))}: {ex.escalated_as!r} is not a "
                                    f"rule-only escalate reason; use one of {list(RULE_ONLY_REASONS['escalate'])}")
            labeled = LabeledExample(action=parsed.action, **ex.model_dump())
            out.append(Located(labeled, doc.where(("examples", i)), i))
    return out



def load_cases(folder: Path, reports_dir: Path | None = None) -> list[Located[AnswerCase]]:
    """All answer cases; checks unique ids and that each report fixture exists."""
    return load_expected(folder, CasesFile, "cases", reports_dir)


E = TypeVar("E", bound=Expected)


def load_expected(folder: Path, file_model: type[BaseModel], key: str,
                  reports_dir: Path | None = None) -> list[Located[E]]:
    """Every item under ``key`` in the folder's YAML files, parsed with ``file_model``: ids unique across files,
    each named report fixture present in ``reports_dir``."""
    out: list[Located[E]] = []
    seen: dict[str, str] = {}
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    if not files:
        raise EvalDataError(f"no {key} files (*.yaml) in {folder}")
    for path in files:
        doc = load_yaml(path)
        parsed = doc.validate(file_model)
        for i, item in enumerate(getattr(parsed, key)):
            where = doc.where((key, i))
            if item.id in seen:
                raise EvalDataError(f"{where}: duplicate id {item.id!r} (first at {seen[item.id]})")
            seen[item.id] = where
            report = getattr(item, "report", None)
            if reports_dir is not None and report and not (reports_dir / report).is_file():
                raise EvalDataError(
                    f"{doc.where((key, i, 'report'))}: report fixture {report!r} not found in {reports_dir}"
                )
            out.append(Located(item, where, i, getattr(parsed, "split", None)))
    return out


def load_retrieval(path: Path, known_docs: set[str] | None = None) -> list[Located[RetrievalQuery]]:
    """Retrieval queries; with ``known_docs``, every expected doc id must exist in the knowledge base."""
    if not path.is_file():
        raise EvalDataError(f"retrieval queries file {path} not found")
    doc: YamlDoc = load_yaml(path)
    parsed: RetrievalFile = doc.validate(RetrievalFile)
    if known_docs is not None:
        for i, q in enumerate(parsed.queries):
            unknown = [d for d in q.expect if d not in known_docs]
            if unknown:
                raise EvalDataError(f"{doc.where(('queries', i, 'expect'))}: no knowledge-base document {unknown}")
    return [Located(q, doc.where(("queries", i)), i) for i, q in enumerate(parsed.queries)]
