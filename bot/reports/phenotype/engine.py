"""Derive a phenotype from a diplotype by CPIC rules, using only the gene's allele table.

Unknown alleles or combinations give "Indeterminate" with the reason; nothing is guessed.

>>> derive_phenotype("CYP2C19", "*1/*17").phenotype
'Rapid Metabolizer'
>>> d = derive_phenotype("CYP2D6", "*1/*2x2"); (d.phenotype, d.activity_score)
('Ultrarapid Metabolizer', 3.0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.reports.phenotype.alleles import (
    Component,
    normalize_allele,
    parse_structural,
    rs_genotype,
    split_diplotype,
)
from bot.reports.phenotype.tables import GeneTable, table_for

INDETERMINATE = "Indeterminate"


@dataclass(frozen=True)
class Derivation:
    """A derived phenotype, its activity score (activity-score genes only) and why it may be limited."""

    gene: str
    phenotype: str
    activity_score: float | None = None
    warnings: tuple[str, ...] = ()
    table_version: str = ""


class _Unresolved(Exception):
    """Internal: the diplotype cannot be scored; the message says why."""


def derive_phenotype(gene: str, diplotype: str) -> Derivation | None:
    """CPIC phenotype for ``diplotype``; None when GeneChat has no table for ``gene``."""
    table = table_for(gene)
    if table is None:
        return None
    try:
        haplotypes = _haplotypes(table, diplotype)
        if table.method == "activity_score":
            return _by_activity(table, haplotypes)
        return _by_function(table, haplotypes)
    except _Unresolved as why:
        return Derivation(table.gene, INDETERMINATE, None, (str(why),), table.version)


def _resolve(table: GeneTable, name: str) -> str:
    name = normalize_allele(name)
    found = table.lookup(name) or table.lookup(f"m.{name}")
    if found:
        return found
    raise _Unresolved(
        f"The allele {name} is not in GeneChat's {table.gene} table, so no phenotype can be derived."
    )


def _haplotypes(table: GeneTable, diplotype: str) -> list[list[Component]]:
    text = " ".join(diplotype.split())
    if table.ploidy == 1:
        return [[Component(_resolve(table, text))]]
    rs = rs_genotype(text)
    parts = _rs_alleles(table, *rs) if rs else split_diplotype(table.gene, text)
    if parts is None and table.gene == "DPYD":
        unphased = _dpyd_unphased(table, text)
        if unphased:
            return unphased
    if parts is None:
        raise _Unresolved(f"'{text}' is not a {table.gene} diplotype of the form allele/allele.")
    sides: list[list[Component]] = []
    for part in parts:
        if table.knows(part) or not table.structural:
            sides.append(_plain_side(table, part))
            continue
        components = parse_structural(part)
        if components is None:
            raise _Unresolved(f"The {table.gene} allele '{part}' could not be read.")
        sides.append([Component(_resolve(table, c.allele), c.copies) for c in components])
    return sides


def _dpyd_unphased(table: GeneTable, text: str) -> list[list[Component]] | None:
    """CPIC: for unphased DPYD variants ("a; b; c"), score the two lowest activity values."""
    names = [n for n in re.split(r"\s*;\s*", text) if n]
    if len(names) < 2:
        return None
    resolved = [_resolve(table, n) for n in names]
    if any(table.activity.get(n) is None for n in resolved):
        raise _Unresolved("CPIC assigns no activity value to one of the DPYD variants.")
    lowest = sorted(resolved, key=lambda n: table.activity[n])[:2]
    return [[Component(n)] for n in lowest]


def _plain_side(table: GeneTable, part: str) -> list[Component]:
    # A DPYD haplotype may list several variants ("a + b"); CPIC then uses the lowest value.
    names = [p for p in part.split(" + ")] if table.gene == "DPYD" and " + " in part else [part]
    return [Component(_resolve(table, n)) for n in names]


def _rs_alleles(table: GeneTable, rsid: str, base1: str, base2: str) -> list[str]:
    found = []
    for base in (base1, base2):
        names = [n for n in table.functions if n.lower().startswith(rsid) and n.endswith(f"({base})")]
        if not names:
            raise _Unresolved(f"{rsid} {base} is not an allele in GeneChat's {table.gene} table.")
        found.append(names[0])
    return found


def _by_function(table: GeneTable, sides: list[list[Component]]) -> Derivation:
    if any(len(side) != 1 or side[0].copies != 1 for side in sides):
        raise _Unresolved(f"Copy-number or tandem notation is not defined for {table.gene}.")
    functions = tuple(sorted(table.functions[side[0].allele] for side in sides))
    phenotype = table.rules.get(functions)
    if phenotype is None:
        raise _Unresolved(
            f"CPIC gives no {table.gene} phenotype for the combination {' + '.join(functions)}."
        )
    return Derivation(table.gene, phenotype, None, (), table.version)


def _side_value(table: GeneTable, side: list[Component], copies_if_unknown: int) -> float:
    values = []
    for comp in side:
        value = table.activity.get(comp.allele)
        if value is None:
            raise _Unresolved(f"CPIC assigns no activity value to {table.gene} {comp.allele}.")
        values.append(value * (comp.copies if comp.copies is not None else copies_if_unknown))
    if table.gene == "DPYD":
        return min(values)
    return sum(values)


def _phenotype_for(table: GeneTable, score: float) -> str:
    return next((b.phenotype for b in table.bins if b.holds(score)), INDETERMINATE)


def _by_activity(table: GeneTable, sides: list[list[Component]]) -> Derivation:
    score = sum(_side_value(table, side, 2) for side in sides)
    phenotype = _phenotype_for(table, score)
    if all(c.copies is not None for side in sides for c in side):
        return Derivation(table.gene, phenotype, round(score, 4), (), table.version)
    # "xN" means at least two copies: say the phenotype only when more copies cannot change it.
    higher = sum(_side_value(table, side, 3) for side in sides)
    if _phenotype_for(table, higher) != phenotype:
        raise _Unresolved(
            f"The number of {table.gene} gene copies is not given (xN): the activity score is at least "
            f"{score:g}, which does not settle the phenotype."
        )
    note = (
        f"The number of {table.gene} gene copies is not given (xN); the activity score is at least {score:g}."
    )
    return Derivation(table.gene, phenotype, None, (note,), table.version)
