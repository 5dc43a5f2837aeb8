"""Load the per-gene allele tables (YAML data in ``tables/``), one file per gene, with source and version."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml

Method = Literal["function", "activity_score"]

# "c.1905+1G>A (*2A)": an HGVS name with PharmCAT's label; labs often write the name alone.
_LABELLED = re.compile(r"^(?P<base>.+?) \((?P<label>[^()]+)\)$")


@dataclass(frozen=True)
class Bin:
    """One activity-score range; ``max`` is inclusive, ``below`` exclusive, neither = open-ended."""

    phenotype: str
    max: float | None = None
    below: float | None = None

    def holds(self, score: float) -> bool:
        if self.max is not None:
            return score <= self.max + 1e-9
        if self.below is not None:
            return score < self.below - 1e-9
        return True


@dataclass(frozen=True)
class GeneTable:
    """What the engine needs for one gene: allele functions/values and how they combine."""

    gene: str
    source: str
    version: str
    method: Method
    ploidy: int
    functions: dict[str, str]
    activity: dict[str, float | None] = field(default_factory=dict)
    rules: dict[tuple[str, ...], str] = field(default_factory=dict)
    bins: tuple[Bin, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)
    structural: bool = False
    folded: dict[str, str] = field(default_factory=dict)

    def knows(self, allele: str) -> bool:
        return allele in self.functions

    def lookup(self, name: str) -> str | None:
        """The table's allele for a name, an alias, or either in other letter case; None when unknown."""
        name = self.aliases.get(name, name)
        if self.knows(name):
            return name
        return self.folded.get(name.casefold())


def _label_aliases(names: list[str]) -> dict[str, str]:
    """'c.1905+1G>A' -> 'c.1905+1G>A (*2A)' for every labelled name whose bare form is not itself an allele."""
    aliases = {}
    for name in names:
        match = _LABELLED.match(name)
        if match and match.group("base") not in names:
            aliases[match.group("base")] = name
    return aliases


def _folded(functions: dict[str, str], aliases: dict[str, str]) -> dict[str, str]:
    """Lower-cased names and aliases -> allele, leaving out any that two alleles would share."""
    folded: dict[str, str | None] = {}
    for name, allele in [(n, n) for n in functions] + list(aliases.items()):
        key = name.casefold()
        folded[key] = allele if folded.get(key, allele) == allele else None
    return {k: v for k, v in folded.items() if v is not None}


def _table_from_doc(doc: dict) -> GeneTable:
    alleles = doc["alleles"]
    if doc["method"] == "activity_score":
        functions = {name: spec["function"] for name, spec in alleles.items()}
        activity = {
            name: (None if spec["activity"] is None else float(spec["activity"]))
            for name, spec in alleles.items()
        }
    else:
        functions, activity = dict(alleles), {}
    rules = {tuple(sorted(r["functions"])): r["phenotype"] for r in doc.get("rules", [])}
    aliases = {**_label_aliases(list(functions)), **doc.get("aliases", {})}
    bins = tuple(
        Bin(phenotype=b["phenotype"], max=b.get("max"), below=b.get("below")) for b in doc.get("bins", [])
    )
    return GeneTable(
        gene=doc["gene"],
        source=str(doc["source"]),
        version=str(doc["version"]),
        method=doc["method"],
        ploidy=int(doc.get("ploidy", 2)),
        functions=functions,
        activity=activity,
        rules=rules,
        bins=bins,
        aliases=aliases,
        structural=bool(doc.get("structural", False)),
        folded=_folded(functions, aliases),
    )


@lru_cache
def all_tables() -> dict[str, GeneTable]:
    """Every gene table shipped with GeneChat, keyed by upper-case gene symbol."""
    folder = resources.files("bot.reports.phenotype") / "tables"
    tables: dict[str, GeneTable] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            doc = yaml.load(
                entry.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            )
            table = _table_from_doc(doc)
            tables[table.gene.upper()] = table
    return tables


def table_for(gene: str) -> GeneTable | None:
    return all_tables().get(gene.upper())


def covered_genes() -> list[str]:
    return sorted(all_tables())
