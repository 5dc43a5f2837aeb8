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


# Sentences about the document itself make no sense in a chat reply.
_META = re.compile(r"\b(?:this|the) (?:page|document|article|guide|section|sheet)\b|\b(?:below|above)[.:]?$|"
                   r"\bread on\b|\bsee (?:the )?(?:next|following)\b", re.IGNORECASE)
_ANAPHOR = re.compile(r"^(?:in both|both|this|that|these|those|so|it|its|they|their|also|but|then|here|there|"
                      r"another|other|such|each|either|neither)\b", re.IGNORECASE)


def pick_sentences(
    passage: Passage, *, keys: set[str], strong: set[str], limit: int, simple: bool = False
) -> list[str]:
    """The best run of up to ``limit`` consecutive sentences of one passage.

    A run, not scattered picks: KB sentences lean on the one before ("In both, ...", "This can ..."),
    so a run never starts on such a sentence unless it is the passage's first.
    """
    sentences = [s for s in split_sentences(passage.text) if not _META.search(s)]
    if not sentences:
        return []
    scores = [_score(s, keys, strong) for s in sentences]
    if simple:  # short sentences read more easily; prefer them when the reading grade was too high
        scores = [sc - len(s.split()) / 25.0 for s, sc in zip(sentences, scores)]
    size = min(limit, len(sentences))
    best_start, best_score = 0, float("-inf")
    for start in range(len(sentences) - size + 1):
        if start > 0 and _ANAPHOR.match(sentences[start]):
            continue
        window = sum(scores[start:start + size]) + (0.5 if start == 0 else 0.0)
        if window > best_score:
            best_start, best_score = start, window
    chosen = sentences[best_start:best_start + size]
    while len(chosen) > 1 and _ANAPHOR.match(chosen[-1]) and scores[best_start + len(chosen) - 1] <= 0:
        chosen.pop()  # a trailing "This ..." that adds nothing asked about
    return chosen


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
