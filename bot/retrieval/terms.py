"""Find the genes and medicines a question is about, and expand lay and brand words to canonical terms.

Known terms come from the knowledge base itself (each chunk's genes and drugs) plus
``knowledge_base/synonyms.yaml`` (canonical term -> lay and brand synonyms), so
"is Plavix affected" is searched as "... clopidogrel" and detected as the drug clopidogrel.

>>> idx = TermIndex(genes={"CYP2C19"}, drugs={"clopidogrel"}, synonyms={"clopidogrel": ["plavix"]})
>>> idx.detect("is my plavix ok with cyp2c19?")
DetectedTerms(genes=['CYP2C19'], drugs=['clopidogrel'])
>>> idx.expand("is plavix ok")
'is plavix ok clopidogrel'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from bot.errors import KnowledgeBaseError

SYNONYMS_FILE = "synonyms.yaml"


def load_synonyms(kb_dir: Path) -> dict[str, list[str]]:
    path = kb_dir / SYNONYMS_FILE
    if not path.exists():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise KnowledgeBaseError(f"{path}: must map each canonical term to a list of synonyms")
    return {str(k): [str(s) for s in v] for k, v in raw.items()}


@lru_cache(maxsize=4096)
def _pattern(term: str) -> re.Pattern[str]:
    # letters/digits glued to the term must not count ("cyp2c19" inside "cyp2c191" is not a match)
    body = r"[\s\-]?".join(re.escape(part) for part in re.split(r"[\s\-]+", term.strip()))
    return re.compile(rf"(?<![a-z0-9]){body}(?![a-z0-9])", re.IGNORECASE)


def _parts(term: str) -> tuple[str, ...]:
    return tuple(p.casefold() for p in re.split(r"[\s\-]+", term.strip()) if p)


@dataclass
class DetectedTerms:
    genes: list[str] = field(default_factory=list)
    drugs: list[str] = field(default_factory=list)


class TermIndex:
    def __init__(self, genes: Iterable[str], drugs: Iterable[str], synonyms: dict[str, list[str]] | None = None):
        self.genes = {g.upper() for g in genes}
        self.drugs = {d.lower() for d in drugs}
        self.synonyms = synonyms or {}
        # (term, canonical, lower-cased words); regexes are compiled on first need: most never are
        self._terms: list[tuple[str, str, tuple[str, ...]]] = []
        pairs = [(g, g) for g in sorted(self.genes)] + [(d, d) for d in sorted(self.drugs)]
        pairs += [(word, canonical) for canonical, words in self.synonyms.items() for word in words]
        for term, canonical in pairs:
            if _parts(term):
                self._terms.append((term, canonical, _parts(term)))
        # each term filed under the first two letters of its first word: a message visits only the terms filed
        # under the letter pairs it contains (a term whose first word is absent is skipped below anyway)
        self._by_pair: dict[str, list[int]] = {}
        self._single: list[int] = []  # first word of one letter: always visited
        for i, (_, _, parts) in enumerate(self._terms):
            if len(parts[0]) < 2:
                self._single.append(i)
            else:
                self._by_pair.setdefault(parts[0][:2], []).append(i)
        # the engine expands a message and the searcher expands it again: remember recent answers
        self._hits = lru_cache(maxsize=512)(self._canonical_hits_uncached)

    def _canonical_hits(self, text: str) -> tuple[str, ...]:
        return self._hits(text)

    def _canonical_hits_uncached(self, text: str) -> tuple[str, ...]:
        folded = text.casefold()
        hits: list[str] = []
        visit = set(self._single)
        for pair in {folded[i : i + 2] for i in range(len(folded) - 1)}:
            visit.update(self._by_pair.get(pair, ()))
        for i in sorted(visit):  # the terms' own order, as when every term was visited
            term, canonical, parts = self._terms[i]
            # a pattern can only match if each of its words occurs in the text: a substring test is
            # ~50x cheaper than the regex, and most of the ~400 terms are absent from any one message
            if parts[0] not in folded or (len(parts) > 1 and not all(p in folded for p in parts[1:])):
                continue
            if canonical not in hits and _pattern(term).search(text):
                hits.append(canonical)
        return tuple(hits)

    def detect(self, text: str) -> DetectedTerms:
        found = DetectedTerms()
        for term in self._canonical_hits(text):
            if term.upper() in self.genes and term.upper() not in found.genes:
                found.genes.append(term.upper())
            elif term.lower() in self.drugs and term.lower() not in found.drugs:
                found.drugs.append(term.lower())
        return found

    def expand(self, query: str) -> str:
        """Append canonical terms for synonyms found in the query (the query itself is kept)."""
        lowered = query.lower()
        extra = [c for c in self._canonical_hits(query) if c.lower() not in lowered]
        return " ".join([query, *extra]) if extra else query
