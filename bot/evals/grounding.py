"""Groundedness: the share of reply sentences supported by the cited KB documents or the patient's report.

A sentence counts as supported when (1) its normalized text is contained in a cited document or in
the engine's fixed safety wording, (2) it states report facts and every genotype token in it is in
the report, or (3) its embedding is at least ``threshold`` cosine-similar to a sentence of a cited
document (catches light paraphrase by the optional LLM composer).

>>> g = Grounder(docs={"d1": "A poor metabolizer breaks down some medicines slowly."})
>>> g.score("A poor metabolizer breaks down some medicines slowly. Cats can fly.", ["d1"], None)
(0.5, ['Cats can fly.'])
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import yaml

from bot.core.report import Report
from bot.evals import textchecks
from bot.pgx.cards import pgx_card, variant_card
from bot.retrieval.embedders import Embedder
from bot.safety import wording

# Modules that may hold the engine's fixed wording as string constants (whichever exist are used).
# The result cards' meaning lines (bot.pgx.cards) are fixed product text too: replies quote them after a result.
_WORDING_MODULES = ("bot.safety.wording", "bot.answering.wording", "bot.safety.templates", "bot.pgx.cards")


def _strings(value: object) -> list[object]:
    """A constant's strings: itself, a dict's values, or the items of (nested) lists and tuples."""
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    return [value]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9*/:.+\- ]", " ", text.lower())).strip(" .")


def load_kb_texts(kb_dir: Path) -> dict[str, str]:
    """doc id -> body text (front matter stripped) for every markdown doc in the KB folder."""
    docs: dict[str, str] = {}
    for path in sorted(kb_dir.rglob("*.md")):
        raw = path.read_text(encoding="utf-8")
        meta, body = {}, raw
        if raw.startswith("---"):
            parts = raw.split("---", 2)
            if len(parts) == 3:
                try:
                    meta = yaml.safe_load(parts[1]) or {}
                except yaml.YAMLError:
                    meta = {}
                body = parts[2]
        doc_id = str(meta.get("id") or path.stem) if isinstance(meta, dict) else path.stem
        docs[doc_id] = body
    return docs


def fixed_wording() -> list[str]:
    """String constants from the engine's wording modules (fixed safety text counts as vetted).

    Templates with a ``{gene}`` slot are expanded for every gene the KB covers.
    """
    texts: list[str] = []
    for name in _WORDING_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for value in vars(module).values():
            for text in _strings(value):
                if not isinstance(text, str) or len(text) < 20:
                    continue
                if "{gene}" in text:
                    texts += [text.replace("{gene}", g) for g in sorted(textchecks.KNOWN_GENES)]
                elif "{" not in text:
                    texts.append(text)
    return texts


def _is_card_line(sentence: str, report: Report) -> bool:
    """A line of one of the report's result cards (bot/pgx/cards.py): its meaning, or the medicines it concerns in
    the fixed "It can matter for ..." / "This gene affects ..." wording. Cards are vetted product text built from
    the report, so a reply that quotes them after a result is grounded in it."""
    cards = [pgx_card(r) for r in report.pharmacogenomics] + [variant_card(v) for v in report.variants]
    norm = _norm(sentence)
    for card in cards:
        if any(norm == _norm(part) for part in textchecks.sentences(card.meaning)):
            return True
        for template in (wording.RESULT_MATTERS_FOR, wording.RESULT_CONCERNS):
            head = template.split("{", 1)[0]
            if sentence.startswith(head):
                named = sentence[len(head):].rstrip(".").split("; ")
                if all(m in card.matters_for for m in named):
                    return True
    return False


def _is_report_detail(sentence: str, report: Report) -> bool:
    """A sentence giving the report's own lab name or date (bot/answering/report_details.py), as the report writes it."""
    details = [d.strip().rstrip(".") for d in (report.lab, report.report_date) if d and d.strip()]
    return any(d in sentence for d in details) and sentence.startswith("Your report ")


class Grounder:
    """Scores groundedness of replies against KB docs; give an embedder to accept close paraphrase."""

    def __init__(
        self,
        docs: dict[str, str],
        fixed: Sequence[str] = (),
        embedder: Embedder | None = None,
        threshold: float = 0.8,
    ):
        self.docs = {k: _norm(v) for k, v in docs.items()}
        self._raw = docs
        self.fixed = " | ".join(_norm(t) for t in fixed)
        self.embedder = embedder
        self.threshold = threshold
        self._doc_vecs: dict[str, tuple[np.ndarray, list[str]]] = {}

    def _doc_sentence_vectors(self, doc_id: str) -> np.ndarray | None:
        if self.embedder is None or doc_id not in self._raw:
            return None
        if doc_id not in self._doc_vecs:
            sents = textchecks.sentences(re.sub(r"^#+\s.*$", "", self._raw[doc_id], flags=re.M))
            self._doc_vecs[doc_id] = (self.embedder.encode(sents or [""]), sents)
        return self._doc_vecs[doc_id][0]

    def is_fixed(self, sentence: str) -> bool:
        norm = _norm(sentence)
        return bool(norm) and bool(self.fixed) and norm in self.fixed

    def in_cited(self, sentence: str, cited: Sequence[str]) -> bool:
        norm = _norm(sentence)
        return bool(norm) and any(norm in self.docs.get(d, "") for d in cited)

    def supported(self, sentence: str, cited: Sequence[str], report: Report | None) -> bool:
        if not _norm(sentence):
            return True
        if self.in_cited(sentence, cited) or self.is_fixed(sentence):
            return True
        if report is not None and (self._is_report_fact(sentence, report) or _is_card_line(sentence, report)
                                   or _is_report_detail(sentence, report)):
            return True
        if self.embedder is not None:
            vec = self.embedder.encode([sentence])[0]
            for d in cited:
                mat = self._doc_sentence_vectors(d)
                if mat is not None and float((mat @ vec).max()) >= self.threshold:
                    return True
        return False

    @staticmethod
    def _is_report_fact(sentence: str, report: Report) -> bool:
        genes = {g.upper() for g in textchecks._GENE.findall(sentence)} & set(report.genes)
        claim = textchecks._CLAIM.search(sentence) is not None
        return claim and bool(genes) and not textchecks.find_invented_genotypes(sentence, report)

    def score(self, text: str, cited: Sequence[str], report: Report | None) -> tuple[float | None, list[str]]:
        """(share of supported sentences, unsupported sentences); None when the reply has no sentences."""
        sents = textchecks.sentences(text)
        if not sents:
            return None, []
        missing = [s for s in sents if not self.supported(s, cited, report)]
        return round(1 - len(missing) / len(sents), 4), missing
