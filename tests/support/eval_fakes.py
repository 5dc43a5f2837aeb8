"""Deterministic fakes for testing the harness without the real engine or index.

``FakeEngine`` is a tiny keyword engine that is right on easy cases; ``ForcedActionEngine`` wraps any
engine and forces one action (the sabotage used to prove the gate catches a broken build).

>>> FakeEngine().reply("I have chest pain").action
'emergency'
>>> ForcedActionEngine(FakeEngine(), "answer").reply("I have chest pain").action
'answer'
"""

from __future__ import annotations

from bot.answering.facts import fact_sentences
from bot.core.passage import Passage
from bot.core.reply import Action, Citation, EscalationRequest, Reply, TraceStep, Turn
from bot.core.report import Report
from tests.support.engine import FakeSearcher as EngineFakeSearcher

FAKE_DOCS: dict[str, tuple[str, list[str], list[str], str]] = {
    "cyp2c19": (
        "CYP2C19",
        ["CYP2C19"],
        ["clopidogrel"],
        "CYP2C19 helps the body process some medicines. A poor metabolizer breaks them down slowly.",
    ),
    "cyp2d6": (
        "CYP2D6",
        ["CYP2D6"],
        ["codeine"],
        "CYP2D6 turns codeine into its active form. Other medicines can change how CYP2D6 works.",
    ),
    "metabolizer-terms": ("Metabolizer terms", [], [], "Metabolizer words describe how fast a gene works."),
}
_RULES: list[tuple[Action, str, tuple[str, ...]]] = [
    ("emergency", "emergency_symptoms", ("chest pain", "can't breathe", "overdose", "swelling")),
    ("emergency", "self_harm", ("kill myself", "suicid", "end my life")),
    ("decline", "prompt_injection", ("ignore your", "system prompt", "pretend you")),
    ("decline", "out_of_scope", ("weather", "homework", "python")),
    ("escalate", "medication_change", ("stop", "switch", "quit")),
    ("escalate", "dosing", ("dose", "how much")),
    ("escalate", "wants_human", ("talk to someone", "a person")),
]
_FIXED = {
    "emergency": "Please call your local emergency number now. In the US, call 911, or 988 for suicidal thoughts.",
    "escalate": "This is a decision for you and your care team. I have asked a genetic counselor to follow up.",
    "decline": "I can only help with questions about your genetic test report.",
}


class FakeEngine:
    """Keyword triage plus a templated answer from ``FAKE_DOCS``; enough to exercise every metric."""

    def reply(self, text: str, *, report: Report | None = None, history: list[Turn] | None = None) -> Reply:
        low = text.lower()
        for action, reason, words in _RULES:
            if any(w in low for w in words):
                escalation = None if action in ("answer", "decline") else EscalationRequest(
                    priority="urgent" if action == "emergency" else "normal", reason=reason, summary=reason)
                return Reply(text=_FIXED[action], action=action, reason=reason, escalation=escalation,
                             trace=[TraceStep(step="triage", outcome=action)])
        topic = next((k for k, (_, genes, drugs, _) in FAKE_DOCS.items() if any(
            w.lower() in low for w in genes + drugs)), "metabolizer-terms")
        title, genes, drugs, body = FAKE_DOCS[topic]
        sentences, facts = [], []
        result = report.result_for(genes[0]) if report and genes else None
        if result:  # the real fact templates, so a fake reply states a result exactly as the engine would
            own = fact_sentences(report, [result.gene])[0]
            sentences += own.sentences
            facts.append(own.fact)
        sentences.append(body)
        return Reply(
            text=" ".join(sentences),
            action="answer",
            reason="explained_result" if result else ("no_report" if report is None else "general_education"),
            citations=[Citation(doc_id=topic, title=title, genes=genes, drugs=drugs)],
            report_facts=facts,
            trace=[TraceStep(step="triage", outcome="answer"), TraceStep(step="compose", outcome="local")],
            genes=genes,
            drugs=drugs,
        )


class ForcedActionEngine:
    """Sabotage: whatever the wrapped engine decides, report ``action`` (e.g. triage forced to 'answer')."""

    def __init__(self, inner: object, action: Action = "answer"):
        self.inner = inner
        self.action = action

    def reply(self, text: str, *, report: Report | None = None, history: list[Turn] | None = None) -> Reply:
        reply: Reply = self.inner.reply(text, report=report, history=history)  # type: ignore[attr-defined]
        return reply.model_copy(update={"action": self.action})


def FakeSearcher() -> EngineFakeSearcher:  # noqa: N802 - reads like the class it stands for
    """The one fake searcher, over ``FAKE_DOCS``."""
    return EngineFakeSearcher([
        Passage(chunk_id=f"{doc_id}#0", doc_id=doc_id, title=t, section="", text=body, genes=g, drugs=d)
        for doc_id, (t, g, d, body) in FAKE_DOCS.items()
    ])
