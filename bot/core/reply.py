"""What the engine returns for one patient message: a typed reply, never a bare string.

This is the contract between ``conversation/engine.py`` and its callers (API, CLI, evals).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

Action = Literal["answer", "escalate", "emergency", "decline"]
ACTIONS: tuple[Action, ...] = ("answer", "escalate", "emergency", "decline")


class Citation(BaseModel):
    doc_id: str
    title: str
    genes: list[str] = Field(default_factory=list)
    drugs: list[str] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)
    source_urls: list[str] = Field(default_factory=list)


class ReportFact(BaseModel):
    """A fact read from the patient's own report: a PGx result or a variant (unused fields are None)."""

    gene: str
    diplotype: str | None = None
    phenotype: str | None = None
    activity_score: float | None = None
    hgvs: str | None = None
    protein: str | None = None
    zygosity: str | None = None
    classification: str | None = None
    condition: str | None = None


class TraceStep(BaseModel):
    """One step of the decision trace, shown to counselors and scored by evals."""

    step: str = Field(description="triage | understand | retrieve | compose | guard | ...")
    outcome: str
    detail: dict[str, Any] = Field(default_factory=dict)


class EscalationRequest(BaseModel):
    priority: Literal["urgent", "normal"]
    reason: str
    summary: str = Field(description="One line for the counselor queue; no more patient text than needed.")


class Turn(BaseModel):
    """A previous message in the conversation, for follow-ups ("what about tramadol?")."""

    role: Literal["user", "bot", "counselor"]
    text: str
    action: Action | None = None
    genes: list[str] = Field(default_factory=list)
    drugs: list[str] = Field(default_factory=list)


def last_bot_turn(history: Sequence[Turn]) -> Turn | None:
    """The assistant's latest turn in the conversation, if any."""
    return next((t for t in reversed(history) if t.role == "bot"), None)


class Reply(BaseModel):
    text: str
    action: Action
    reason: str
    citations: list[Citation] = Field(default_factory=list)
    report_facts: list[ReportFact] = Field(default_factory=list)
    escalation: EscalationRequest | None = None
    trace: list[TraceStep] = Field(default_factory=list)
    composer: str = "local"
    prompt_version: str | None = None
    genes: list[str] = Field(default_factory=list, description="Genes this reply was about (for follow-ups).")
    drugs: list[str] = Field(default_factory=list, description="Medicines this reply was about (for follow-ups).")

    @model_validator(mode="after")
    def _escalation_matches_action(self) -> Reply:
        """A counselor is asked exactly when the action says so, and an emergency is always urgent: the store
        and the API act on ``escalation`` alone, without deciding again."""
        if (self.action in ("escalate", "emergency")) != (self.escalation is not None):
            raise ValueError(f"a reply with action {self.action!r} must "
                             f"{'' if self.action in ('escalate', 'emergency') else 'not '}request an escalation")
        if self.action == "emergency" and self.escalation is not None and self.escalation.priority != "urgent":
            raise ValueError("an emergency reply must request an urgent escalation")
        return self
