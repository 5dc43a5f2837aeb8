"""The vocabulary a message is read with: every gene and medicine name GeneChat knows (the built-in lists of
vocab.py, merged with the knowledge base's metadata and synonyms file), which genes each medicine is linked to, and
the condition short forms ("mh"); ``Vocabulary.detect`` finds them in a message.

>>> Vocabulary.builtin().detect("is plavix ok with my 2c19 result")
(['CYP2C19'], ['clopidogrel'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from bot.answering import vocab as V
from bot.core.protocols import Searcher
from bot.retrieval.terms import load_synonyms

# Short symbols that are also everyday words ("atm" = at the moment): matched only in capitals.
CASE_SENSITIVE = {"ATM", "APC", "RET", "F5", "F2", "COMT", "HBB"}
# "my warfarin gene": a medicine name followed by one of these names a result (``Vocabulary.named_as_genes``)
_GENE_AFTER = re.compile(r"\s*-?\s*(?:genes?|genetics?|genotypes?|dna)\b", re.IGNORECASE)


def _pattern(term: str, case_sensitive: bool = False) -> re.Pattern[str]:
    body = r"[\s\-]?".join(re.escape(p) for p in re.split(r"[\s\-]+", term.strip()))
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", 0 if case_sensitive else re.IGNORECASE)


def _gene_runs(gene: str) -> list[str]:
    """A gene symbol's runs of letters and of digits ("CYP2C9" -> CYP, 2, C, 9): patients put spaces, dots or hyphens
    between them ("cyp2c 9", "mlh-1", "cyp 2 d 6"; stop 39: these lost the patient's own result)."""
    return re.findall(r"[A-Za-z]+|[0-9]+|[^A-Za-z0-9]+", gene)


def _gene_pattern(gene: str) -> re.Pattern[str]:
    runs = [r for r in _gene_runs(gene) if r.strip(" -")]
    body = r"[\s.\-]?".join(re.escape(r) for r in runs)
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", re.IGNORECASE)


@dataclass
class Vocabulary:
    """Known genes and medicines, with synonyms, and which genes each medicine is linked to."""

    genes: set[str]
    drug_genes: dict[str, list[str]]
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    conditions: dict[str, list[str]] = field(default_factory=dict)  # other KB terms' short forms ("mh")
    # a medicine group the synonyms file names ("statins": "statin", "cholesterol pill") -> the genes of the KB's
    # document on that group (drug-statins); see ``groups_named``
    group_genes: dict[str, list[str]] = field(default_factory=dict)

    @cached_property
    def _group_patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        out = []
        for group in sorted(self.group_genes):
            words = sorted({group, *self.conditions.get(group, [])}, key=len, reverse=True)
            out.append((group, re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(w) for w in words) + r")s?(?![a-z0-9])",
                                          re.IGNORECASE)))
        return out

    def groups_named(self, text: str) -> list[str]:
        """The medicine groups a message names by a group word ("what about my statin", "the chemo pill"): a
        question about that group, not a follow-up of the last topic (stop 38).

        >>> v = Vocabulary.build(synonyms={"statins": ["statin", "cholesterol pill"]}, group_genes={"statins": ["SLCO1B1"]})
        >>> v.groups_named("what about my statin?"), v.groups_named("my cholesterol pills"), v.groups_named("status")
        (['statins'], ['statins'], [])
        """
        return [group for group, pattern in self._group_patterns if pattern.search(text)]

    @cached_property
    def short_forms(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        """One pattern for every condition short form (one search per message, built once), and form -> full name."""
        full = {f.lower(): term for term, forms in self.conditions.items() for f in forms}
        if not full:
            return None, full
        alternatives = "|".join(re.escape(f) for f in sorted(full, key=len, reverse=True))
        return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])"), full

    def __post_init__(self) -> None:
        pats: list[tuple[re.Pattern[str], str, str]] = []
        words: list[tuple[str, ...]] = []

        def add(written: str, kind: str, term: str, case_sensitive: bool = False) -> None:
            pats.append((_pattern(written, case_sensitive), kind, term))
            words.append(tuple(w.casefold() for w in re.split(r"[\s\-]+", written.strip()) if w))

        # longest first so "HLA-B" wins over "HLA"; ties by name so the order never depends on the hash seed
        for gene in sorted(self.genes, key=lambda g: (-len(g), g)):
            add(gene, "gene", gene, gene in CASE_SENSITIVE)
            if gene not in CASE_SENSITIVE and len(_gene_runs(gene)) > 1 and len(gene) >= 4:
                # ... and written with gaps between its runs: only its first run must occur as it is
                pats.append((_gene_pattern(gene), "gene", gene))
                words.append((_gene_runs(gene)[0].casefold(),))
        for gene, names in V.GENE_NICKNAMES.items():
            for n in names:
                add(n, "gene", gene)
        for group, members in V.GENE_GROUPS.items():
            for n in V.GROUP_NAMES[group]:
                for gene in members:
                    add(n, "gene", gene)
        for drug in sorted(self.drug_genes, key=lambda d: (-len(d), d)):
            add(drug, "drug", drug)
        for canonical, synonyms in self.synonyms.items():
            kind = "gene" if canonical.upper() in self.genes else "drug"
            target = canonical.upper() if kind == "gene" else canonical.lower()
            for w in synonyms:
                if w.strip():
                    add(w, kind, target)
        self._patterns = pats
        # A pattern can only match when each of its words occurs in the text. Patterns are filed under the
        # first three letters of their first word, so a message only visits the patterns filed under its own
        # three-letter pieces, then a substring test per word, and only then the regex.
        self._words = words
        self._by_trigram: dict[str, list[int]] = {}
        self._always: list[int] = []
        for i, ws in enumerate(words):
            if ws and len(ws[0]) >= 3:
                self._by_trigram.setdefault(ws[0][:3], []).append(i)
            else:
                self._always.append(i)

    @classmethod
    def builtin(cls) -> Vocabulary:
        return cls(set(V.PGX_GENES + V.HEREDITARY_GENES), dict(V.PGX_DRUG_GENES), dict(V.BRAND_NAMES))

    @classmethod
    def build(cls, *, kb_genes: Iterable[str] = (), kb_drug_genes: dict[str, set[str]] | None = None,
              synonyms: dict[str, list[str]] | None = None,
              group_genes: dict[str, list[str]] | None = None) -> Vocabulary:
        """Built-in lists merged with the knowledge base's own metadata and synonyms file. ``group_genes``: medicine
        group -> genes (``kb_vocabulary`` reads them from the group's document)."""
        drug_genes = {d: list(g) for d, g in V.PGX_DRUG_GENES.items()}
        for drug, genes in (kb_drug_genes or {}).items():
            # built-in CPIC links win: broad KB docs name many genes and medicines side by side
            drug_genes.setdefault(drug.lower(), sorted(g.upper() for g in genes))
        gene_set = set(V.PGX_GENES + V.HEREDITARY_GENES) | {g.upper() for g in kb_genes}
        syn = {k: list(v) for k, v in V.BRAND_NAMES.items()}
        other: dict[str, list[str]] = {}
        for canonical, words in (synonyms or {}).items():
            key = canonical.upper() if canonical.upper() in gene_set else canonical.lower()
            if key in gene_set or key in drug_genes:
                syn.setdefault(key, []).extend(words)
            else:  # a condition or term: only used to find the report result it names ("do i have MH")
                other.setdefault(key, []).extend(words)
        groups = {g: list(genes) for g, genes in (group_genes or {}).items() if g in other and genes}
        return cls(gene_set, drug_genes, syn, other, groups)

    def named_as_genes(self, text: str, drugs: Sequence[str]) -> list[str]:
        """The medicines among ``drugs`` that the text names only as the name of a gene ("my warfarin gene", "the
        blood thinner genes"): a question about a result, not about taking the medicine. A medicine also written
        without "gene" after it ("is my warfarin gene why warfarin failed") is a medicine.

        >>> Vocabulary.builtin().named_as_genes("is my warfarin gene bad", ["warfarin"])
        ['warfarin']
        >>> Vocabulary.builtin().named_as_genes("is my warfarin gene why warfarin failed", ["warfarin"])
        []
        """
        ends: dict[str, list[int]] = {}
        for pat, kind, term in self._patterns:
            if kind == "drug" and term in drugs:
                ends.setdefault(term, []).extend(m.end() for m in pat.finditer(text))
        return [d for d, at in ends.items() if at and all(_GENE_AFTER.match(text, end) for end in at)]

    def without_names(self, text: str) -> str:
        """The text with every gene and medicine name it holds blanked out ("and what about plavix?" -> "and what
        about  ?")."""
        for pat, _, _ in self._patterns:
            text = pat.sub(" ", text)
        return re.sub(r"(?<![a-z0-9])brca(?![0-9a-z])", " ", text, flags=re.IGNORECASE)

    def detect(self, text: str) -> tuple[list[str], list[str]]:
        genes: list[str] = []
        drugs: list[str] = []
        folded = text.casefold()
        candidates = set(self._always)
        for gram in {folded[i : i + 3] for i in range(len(folded) - 2)}:
            candidates.update(self._by_trigram.get(gram, ()))
        for i in sorted(candidates):  # pattern order decides the order genes and medicines are listed in
            pat, kind, term = self._patterns[i]
            if not all(w in folded for w in self._words[i]):
                continue
            bucket = genes if kind == "gene" else drugs
            if term not in bucket and pat.search(text):
                bucket.append(term)
        # "brca" alone, or "the breast cancer gene", means one of the two BRCA genes
        if re.search(r"(?<![a-z0-9])brca(?![0-9a-z])|\bbreast[- ]cancer genes?\b", text, re.IGNORECASE):
            genes += [g for g in ("BRCA1", "BRCA2") if g not in genes]
        return genes, drugs


def kb_vocabulary(searcher: Searcher, kb_dir: Path) -> Vocabulary:
    """Vocabulary from the searcher's indexed passages plus the KB synonyms file."""
    kb_genes: set[str] = set()
    drug_genes: dict[str, set[str]] = {}
    for genes, drugs in searcher.indexed_topics():
        kb_genes |= {g.upper() for g in genes}
        if len(genes) > 2:
            continue
        for drug in drugs:
            drug_genes.setdefault(drug.lower(), set()).update(g.upper() for g in genes)
    try:
        synonyms = load_synonyms(kb_dir)
    except Exception:  # a malformed synonyms file must not take the engine down; the linter reports it
        synonyms = {}
    return Vocabulary.build(kb_genes=kb_genes, kb_drug_genes=drug_genes, synonyms=synonyms,
                            group_genes=medicine_group_genes(synonyms, searcher.document_genes()))


# A group whose pages are named otherwise (stop 47, twelfth pass R6: "what about antidepressants" found no group, so the
# reply had no own result and a passage about ultrarapid metabolizers for a poor metabolizer)
_GROUP_PAGES = {"antidepressants": ("ssris", "tricyclics")}


def medicine_group_genes(synonyms: dict[str, list[str]], documents: dict[str, set[str]]) -> dict[str, list[str]]:
    """Each synonyms term that names a KB medicine document ("statins" -> drug-statins, "opioids" ->
    drug-other-opioids, "proton pump inhibitors" -> drug-proton-pump-inhibitors) and that document's genes.

    >>> medicine_group_genes({"statins": ["statin"], "gina": []}, {"drug-statins": {"SLCO1B1"}, "gina-and-insurance": set()})
    {'statins': ['SLCO1B1']}
    """
    out: dict[str, list[str]] = {}
    for term in synonyms:
        slug = re.sub(r"\s+", "-", term.strip().lower())
        slugs = [slug, *_GROUP_PAGES.get(slug, ())]
        docs = [d for d in documents if d.startswith("drug-")
                and any(re.search(rf"(?:^|-){re.escape(s)}(?:-|$)", d) for s in slugs)]
        genes = sorted({g.upper() for d in docs for g in documents[d]})
        if genes:
            out[term.lower()] = genes
    return out
