"""Pick the vetted KB sentences that answer a question: whole sentences, verbatim, in their own order."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answering.draft import split_sentences
from bot.retrieval.models import Passage

_WORD = re.compile(r"[a-z0-9*]+")
_STOP = set(
    "a an the and or of to in on for is are was be it this that my me i you your what does do how why when which "
    "can could should would will with about mean means my am if at as by from have has had not no so than then "
    "there their they them what's whats tell explain please report result results".split()
)


def keywords(*texts: str) -> set[str]:
    words: set[str] = set()
    for text in texts:
        words |= {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}
    return words


def _score(sentence: str, keys: set[str], strong: set[str]) -> float:
    words = set(_WORD.findall(sentence.lower()))
    return len(words & keys) + 2.0 * len(words & strong)


def pick_sentences(
    passage: Passage, *, keys: set[str], strong: set[str], limit: int, simple: bool = False
) -> list[str]:
    """Up to ``limit`` sentences of one passage: the lead sentence plus the best-matching ones, in order."""
    sentences = split_sentences(passage.text)
    if not sentences:
        return []
    scored = [(i, _score(s, keys, strong)) for i, s in enumerate(sentences)]
    if simple:  # short sentences read more easily; prefer them when the reading grade was too high
        scored = [(i, sc - len(sentences[i].split()) / 25.0) for i, sc in scored]
    chosen = {0} if not simple or scored[0][1] >= max(sc for _, sc in scored) - 1 else set()
    for i, _ in sorted(scored, key=lambda x: -x[1]):
        if len(chosen) >= limit:
            break
        chosen.add(i)
    return [sentences[i] for i in sorted(chosen)][:limit]


def rank_passages(
    passages: Sequence[Passage], genes: Sequence[str], drugs: Sequence[str], hints: set[str] | None = None
) -> list[Passage]:
    """Search order, but passages about an asked medicine, then an asked gene, then the patient's result words go first."""
    wanted_g, wanted_d = set(genes), {d.lower() for d in drugs}
    hints = hints or set()

    def key(item: tuple[int, Passage]) -> tuple[int, int, int, int]:
        i, p = item
        drug_hit = len(wanted_d & {d.lower() for d in p.drugs})
        gene_hit = len(wanted_g & set(p.genes))
        hint_hit = len(hints & set(_WORD.findall(p.text.lower())))
        return (-min(drug_hit, 1), -min(gene_hit, 1), -min(hint_hit, 2), i)

    seen: set[str] = set()
    out: list[Passage] = []
    for _, p in sorted(enumerate(passages), key=key):
        if p.chunk_id not in seen:
            seen.add(p.chunk_id)
            out.append(p)
    return out
