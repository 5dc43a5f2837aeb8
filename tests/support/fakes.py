"""One fake per contract in ``bot/core/protocols.py``; tests/unit/test_contracts.py runs the same checks on each
fake and on the real implementation, so a fake cannot drift from what the product does.

- ``FakeEngine`` (Engine): keyword triage plus a templated answer over ``FAKE_DOCS``; records calls, can queue
  replies or fail. Serves the API tests, the eval-harness tests and the load benchmark.
- ``FakeSearcher`` (Searcher): word overlap plus gene/medicine boosts over a few hand-written passages.
- ``native_json_parser`` (ReportParser): only the native JSON layout.
- ``FakeEmbedder`` (Embedder): the hashed bag of words, counting what it encodes.

``ForcedActionEngine`` is not a fake but sabotage: it wraps any engine and forces one action.

>>> engine = FakeEngine()
>>> engine.reply("I have chest pain").action
'emergency'
>>> engine.reply("what does CYP2C19 mean?").action
'answer'
>>> ForcedActionEngine(FakeEngine(), "answer").reply("I have chest pain").action
'answer'
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import Any

import numpy as np

from bot.answering.facts import fact_sentences
from bot.conversation.engine import ENGINE_COMPONENTS
from bot.core.passage import Passage
from bot.core.reply import Action, Citation, EscalationRequest, Reply, ReportFact, TraceStep, Turn
from bot.core.report import Report
from bot.errors import ReportError
from bot.retrieval.embedders import HashEmbedder
from bot.retrieval.embedders.model import EMBEDDING_DIM

# ---- Engine ---------------------------------------------------------------------------------------

# doc id -> (title, genes, medicines, text): the fake engine cites these, and eval tests index them as a KB
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
FAKE_PROMPT_VERSION = "fake-1"


class FakeEngine:
    """Keyword triage (``_RULES``) plus a templated answer citing one of ``FAKE_DOCS``; right on easy cases.

    ``queue(...)`` replies to return them in order instead; set ``fail_with`` to make ``reply`` raise.
    Every call is recorded in ``calls`` as (text, report, history).
    """

    def __init__(self) -> None:
        self.calls: list[tuple[str, Report | None, list[Turn]]] = []
        self.medicines_seen: list[list[str]] = []  # the "My medicines" list each call was given
        self.queued: list[Reply] = []
        self.fail_with: type[Exception] | None = None
        self.warmed = False

    def warm_up(self) -> None:
        self.warmed = True

    def wait_until_settled(self) -> None:
        pass

    def readiness(self) -> dict[str, bool]:
        return dict.fromkeys(ENGINE_COMPONENTS, self.warmed)

    def queue(self, *replies: Reply) -> None:
        self.queued.extend(replies)

    def reply(self, text: str, *, report: Report | None = None, history: Sequence[Turn] | None = (),
              medicines: Sequence[str] = ()) -> Reply:
        self.calls.append((text, report, list(history or [])))
        self.medicines_seen.append(list(medicines))
        if self.fail_with is not None:
            raise self.fail_with("engine exploded")
        if self.queued:
            return self.queued.pop(0)
        low = text.lower()
        for action, reason, words in _RULES:
            if any(w in low for w in words):
                escalation = None if action == "decline" else EscalationRequest(
                    priority="urgent" if action == "emergency" else "normal", reason=reason, summary=reason)
                # like the engine, an escalating reply names the genes and medicines the question did
                genes = [g for _, gs, _, _ in FAKE_DOCS.values() for g in gs if g.lower() in low]
                drugs = [d for _, _, ds, _ in FAKE_DOCS.values() for d in ds if d.lower() in low]
                return Reply(text=_FIXED[action], action=action, reason=reason, escalation=escalation,
                             trace=[TraceStep(step="triage", outcome=action)], genes=genes, drugs=drugs)
        return self._answer(low, report)

    def _answer(self, low: str, report: Report | None) -> Reply:
        topic = next((k for k, (_, genes, drugs, _) in FAKE_DOCS.items() if any(
            w.lower() in low for w in genes + drugs)), "metabolizer-terms")
        title, genes, drugs, body = FAKE_DOCS[topic]
        sentences: list[str] = []
        facts: list[ReportFact] = []
        result = report.result_for(genes[0]) if report and genes else None
        if result:  # the real fact templates, so a fake reply states a result exactly as the engine would
            own = fact_sentences(report, [result.gene])[0]
            sentences += own.sentences
            facts.append(own.fact)
        sentences.append(body)
        return Reply(
            text=" ".join(sentences), action="answer",
            reason="explained_result" if result else ("no_report" if report is None else "general_education"),
            citations=[Citation(doc_id=topic, title=title, genes=genes, drugs=drugs)], report_facts=facts,
            trace=[TraceStep(step="triage", outcome="answer"), TraceStep(step="compose", outcome="local")],
            genes=genes, drugs=drugs, prompt_version=FAKE_PROMPT_VERSION,
        )


class ForcedActionEngine:
    """Sabotage: whatever the wrapped engine decides, report ``action`` (e.g. triage forced to 'answer')."""

    def __init__(self, inner: Any, action: Action = "answer"):
        self.inner = inner
        self.action = action

    def reply(self, text: str, *, report: Report | None = None, history: Sequence[Turn] | None = (),
              medicines: Sequence[str] = ()) -> Reply:
        reply: Reply = self.inner.reply(text, report=report, history=history, medicines=medicines)
        return reply.model_copy(update={"action": self.action})  # unvalidated on purpose: a broken build


# ---- Searcher -------------------------------------------------------------------------------------

SAMPLE_PASSAGES = [
    Passage(chunk_id="gene-cyp2c19#0", doc_id="gene-cyp2c19", title="The CYP2C19 gene and your medicines",
            section="Overview", genes=["CYP2C19"], drugs=["clopidogrel", "omeprazole"],
            source_urls=["https://medlineplus.gov/genetics/gene/cyp2c19/"],
            text="CYP2C19 is a gene that makes a liver enzyme. This enzyme helps break down many common medicines. "
                 "CYP2C19*2 and *3 do not work. A CYP2C19 poor metabolizer has two copies that do not work."),
    Passage(chunk_id="drug-clopidogrel#0", doc_id="drug-clopidogrel", title="Clopidogrel (Plavix) and CYP2C19",
            section="Overview", genes=["CYP2C19"], drugs=["clopidogrel"],
            source_urls=["https://cpicpgx.org/guidelines/guideline-for-clopidogrel-and-cyp2c19/"],
            text="Clopidogrel needs the CYP2C19 enzyme to start working. In poor metabolizers, less of the active "
                 "drug is made. Do not stop taking clopidogrel on your own."),
    Passage(chunk_id="gene-cyp2d6#0", doc_id="gene-cyp2d6", title="The CYP2D6 gene and your medicines",
            section="Overview", genes=["CYP2D6"], drugs=["codeine", "tramadol"],
            source_urls=["https://medlineplus.gov/genetics/gene/cyp2d6/"],
            text="CYP2D6 is a gene that makes a liver enzyme. It turns codeine and tramadol into their active forms. "
                 "An ultrarapid metabolizer makes the active form faster than usual."),
    Passage(chunk_id="variant-classification#0", doc_id="variant-classification", title="How to read a variant",
            section="Overview", conditions=["hereditary cancer"], source_urls=["https://www.ncbi.nlm.nih.gov/books/"],
            text="Labs sort variants into five groups. A pathogenic variant is known to raise the chance of a "
                 "health condition. A variant of uncertain significance is not yet understood."),
    Passage(chunk_id="what-is-pharmacogenomics#0", doc_id="what-is-pharmacogenomics", title="What is pharmacogenomics",
            section="Overview", source_urls=["https://www.genome.gov/"],
            text="Pharmacogenomics is the study of how your genes affect the way your body handles medicines. "
                 "A gene test can help your care team choose medicines that suit you."),
]
# ``FAKE_DOCS`` as passages: what the fake engine cites, searchable (the eval-harness tests)
FAKE_DOC_PASSAGES = [
    Passage(chunk_id=f"{doc_id}#0", doc_id=doc_id, title=t, section="", text=body, genes=g, drugs=d)
    for doc_id, (t, g, d, body) in FAKE_DOCS.items()
]


class FakeSearcher:
    """In-memory searcher with the ``HybridSearcher.search`` signature: word overlap plus gene/drug boosts."""

    def __init__(self, passages: Sequence[Passage] = SAMPLE_PASSAGES):
        self.passages = list(passages)
        self.chunks = {p.chunk_id: p for p in self.passages}
        self.calls: list[dict[str, Any]] = []

    def search(self, query: str, *, genes: Sequence[str] = (), drugs: Sequence[str] = (), k: int = 5,
               query_vector: np.ndarray | None = None, only_matching: bool = False,
               language: str = "en", documents: Collection[str] | None = None) -> list[Passage]:
        self.calls.append({"query": query, "genes": list(genes), "drugs": list(drugs), "vector": query_vector is not None})
        words = set(query.lower().split())

        def matches(p: Passage) -> int:
            return len(set(genes) & set(p.genes)) + len({d.lower() for d in drugs} & set(p.drugs))

        def score(p: Passage) -> float:
            return len(words & set(p.text.lower().split())) + 3 * matches(p)

        passages = [p for p in self.passages if p.language == language
                    and (documents is None or p.doc_id in documents)]
        pool = [p for p in passages if matches(p)] if only_matching and (genes or drugs) else passages
        ranked = sorted(pool, key=score, reverse=True)
        return [p.model_copy(update={"score": float(score(p))}) for p in ranked[:k]]

    def expand(self, query: str) -> str:
        return query

    def indexed_topics(self) -> list[tuple[list[str], list[str]]]:
        return [(list(p.genes), list(p.drugs)) for p in self.passages if p.language == "en"]

    def document_genes(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for p in self.passages:
            if p.language == "en":
                out.setdefault(p.doc_id, set()).update(p.genes)
        return out


# ---- ReportParser ---------------------------------------------------------------------------------


def native_json_parser(data: bytes, *, filename: str | None = "report.json", max_bytes: int | None = 5_000_000,
                       max_rows: int | None = 1000) -> Report:
    """A minimal stand-in for ``bot.reports.parse.parse_report`` accepting only the native JSON layout."""
    if max_bytes is not None and len(data) > max_bytes:
        raise ReportError("too large", code="too_large")
    if not (filename or "").endswith(".json"):
        raise ReportError("unsupported", code="unsupported_format")
    try:
        raw = json.loads(data)
    except ValueError as exc:
        raise ReportError("not JSON", code="invalid_report") from exc
    if not isinstance(raw, dict) or "pharmacogenomics" not in raw:
        raise ReportError("not a native report", code="unsupported_format")
    if not isinstance(raw["pharmacogenomics"], list):
        raise ReportError("'pharmacogenomics' must be a list", code="invalid_report")
    rows = raw["pharmacogenomics"]
    if max_rows is not None and len(rows) > max_rows:
        raise ReportError("too many rows", code="too_large")
    return Report(source_format="native", lab=raw.get("lab"), pharmacogenomics=rows)


# ---- Embedder -------------------------------------------------------------------------------------


class FakeEmbedder(HashEmbedder):
    """The hashed bag of words (fast, no model), recording every batch it is asked to encode."""

    name = "fake"

    def __init__(self, dim: int = EMBEDDING_DIM) -> None:
        super().__init__(dim)
        self.calls: list[list[str]] = []

    @property
    def encoded(self) -> int:
        """How many texts were encoded in all."""
        return sum(len(batch) for batch in self.calls)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return super().encode(texts)


class WordAlarmModel:
    """A triage classifier that reads the text itself (tests pass ``vector=text, embed=lambda t: t``): the
    emergency probability is ``hot`` when ``words`` is in it, else ``cold``; ``reason`` names the emergency kind."""

    def __init__(self, words: str = r"$^", hot: float = 0.0, cold: float = 0.0, reason: str = "self_harm"):
        import re

        self.words, self.hot, self.cold, self.reason = re.compile(words, re.IGNORECASE), hot, cold, reason

    def predict_vector(self, text: str):
        from bot.safety.classifier import Prediction

        p = self.hot if self.words.search(text) else self.cold
        probs = {"answer": 1 - p, "escalate": 0.0, "emergency": p, "decline": 0.0}
        action = "emergency" if p > 0.5 else "answer"
        return Prediction(action, self.reason if action == "emergency" else "answer", probs,
                          {"answer": 1 - p, self.reason: p})
