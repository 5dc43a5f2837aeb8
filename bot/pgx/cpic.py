"""The CPIC-derived tables GeneChat ships (``data/*.csv``), loaded once, and the key every result is matched by.

``results.csv``         gene x result -> CPIC priority, card level, plain one-liner, medicines, source.
``drugs.csv``           every CPIC gene-drug pair with its level and guideline.
``recommendations.csv`` drug x result(s) -> category of CPIC's recommendation (never its text).

>>> entry = lookup_result("CYP3A5", "normal metabolizer")
>>> (entry.level, entry.priority)
('important', 'Abnormal/Priority/High Risk')
>>> lookup_result("G6PD", "Deficient").result
'G6PD Deficient'
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from bot.pgx.categories import Category
from bot.pgx.levels import Level

DATA_PACKAGE = "bot.pgx"
LIST_SEPARATOR = " | "
# CPIC level A/B pairs with a published guideline are the ones a card names.
CARD_LEVELS = frozenset({"A", "A/B", "B"})


def result_key(gene: str, text: str) -> str:
    """Compare results loosely: case, spaces, a leading gene symbol and spelling variants do not count.

    >>> result_key("G6PD", "G6PD  Deficient") == result_key("G6PD", "deficient")
    True
    >>> result_key("CYP2D6", "Ultra-rapid Metaboliser")
    'ultrarapidmetabolizer'
    """
    low = " ".join(text.lower().split())
    symbol = gene.lower()
    if symbol and low.startswith(symbol) and low != symbol:
        low = low[len(symbol):]
    low = low.replace("metaboliser", "metabolizer").replace("ultra-rapid", "ultrarapid")
    return re.sub(r"[\s_]+", "", low).strip(".;,:")


def drug_key(name: str) -> str:
    """Medicine names compare by lower case and single spaces ("Peginterferon  Alfa-2a" = "peginterferon alfa-2a")."""
    return " ".join(name.lower().split())


def split_list(cell: str) -> tuple[str, ...]:
    return tuple(p for p in (s.strip() for s in cell.split(LIST_SEPARATOR.strip())) if p)


@dataclass(frozen=True)
class ResultEntry:
    """One gene result: how much it matters, what it means in plain words, which medicines it concerns."""

    gene: str
    result: str
    aliases: tuple[str, ...]
    priority: str
    level: Level
    meaning: str
    medicines: tuple[str, ...]
    matters_for: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class DrugPair:
    gene: str
    drug: str
    cpic_level: str
    status: str
    guideline: str

    @property
    def has_guideline(self) -> bool:
        """A published CPIC guideline with recommendations (level A/B, final), not a provisional listing."""
        return self.cpic_level in CARD_LEVELS and self.status == "Final" and bool(self.guideline)


@dataclass(frozen=True)
class Recommendation:
    """One CPIC recommendation row, by category. ``None`` as a phenotype means that gene was not tested."""

    drug: str
    gene1: str
    phenotype1: str
    gene2: str
    phenotype2: str
    category: Category
    source: str

    def genes(self) -> dict[str, str]:
        pairs = {self.gene1: self.phenotype1, self.gene2: self.phenotype2}
        return {g: p for g, p in pairs.items() if g and g != "None"}


def _read(name: str) -> list[dict[str, str]]:
    text = (resources.files(DATA_PACKAGE) / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@lru_cache
def result_entries() -> tuple[ResultEntry, ...]:
    return tuple(
        ResultEntry(
            gene=r["gene"], result=r["result"], aliases=split_list(r["aliases"]), priority=r["priority"],
            level=r["level"], meaning=r["meaning"], medicines=split_list(r["medicines"]),  # type: ignore[arg-type]
            matters_for=split_list(r["matters_for"]), source=r["source"],
        )
        for r in _read("results.csv")
    )


@lru_cache
def _by_key() -> dict[tuple[str, str], ResultEntry]:
    index: dict[tuple[str, str], ResultEntry] = {}
    for entry in result_entries():
        for name in (entry.result, *entry.aliases):
            index.setdefault((entry.gene, result_key(entry.gene, name)), entry)
    return index


def lookup_result(gene: str, text: str) -> ResultEntry | None:
    """The entry for a gene's result (its CPIC name or a known alias); None when GeneChat has none."""
    symbol = gene.upper()
    return _by_key().get((symbol, result_key(symbol, text)))


def entries_for_gene(gene: str) -> list[ResultEntry]:
    symbol = gene.upper()
    return [e for e in result_entries() if e.gene == symbol]


def gene_medicines(gene: str) -> tuple[list[str], list[str]]:
    """(medicines, card groups) for a gene as a whole: for cards whose result matches no entry."""
    entries = entries_for_gene(gene)
    medicines = list(dict.fromkeys(m for e in entries for m in e.medicines))
    groups = list(dict.fromkeys(t for e in entries for t in e.matters_for))
    return medicines, groups


@lru_cache
def known_genes() -> frozenset[str]:
    """Genes with result entries or CPIC medicines."""
    return frozenset({e.gene for e in result_entries()} | {p.gene for p in drug_pairs()})


@lru_cache
def drug_pairs() -> tuple[DrugPair, ...]:
    return tuple(
        DrugPair(gene=r["gene"], drug=r["drug"], cpic_level=r["cpic_level"], status=r["status"],
                 guideline=r["guideline"])
        for r in _read("drugs.csv")
    )


def pairs_for_drug(drug: str) -> list[DrugPair]:
    wanted = drug_key(drug)
    return [p for p in drug_pairs() if drug_key(p.drug) == wanted]


def cpic_drug_names() -> list[str]:
    """Every medicine CPIC lists with a gene (any level), sorted."""
    return sorted({p.drug for p in drug_pairs()})


@lru_cache
def recommendations() -> tuple[Recommendation, ...]:
    return tuple(
        Recommendation(drug=r["drug"], gene1=r["gene1"], phenotype1=r["phenotype1"], gene2=r["gene2"],
                       phenotype2=r["phenotype2"], category=r["category"], source=r["source"])  # type: ignore[arg-type]
        for r in _read("recommendations.csv")
    )


def recommendations_for_drug(drug: str) -> list[Recommendation]:
    wanted = drug_key(drug)
    return [r for r in recommendations() if drug_key(r.drug) == wanted]


def alleles_for_drug(drug: str) -> list[str]:
    """The HLA alleles a medicine's CPIC recommendations are about ("allopurinol" -> ["HLA-B*58:01"]), in table order.

    >>> alleles_for_drug("allopurinol"), alleles_for_drug("codeine")
    (['HLA-B*58:01'], [])
    """
    found: list[str] = []
    for r in recommendations_for_drug(drug):
        for gene, pheno in r.genes().items():
            allele = pheno.split()[0] if gene.startswith("HLA-") and pheno.startswith("*") else ""
            if allele and f"{gene}{allele}" not in found:
                found.append(f"{gene}{allele}")
    return found
