"""Read one report result as CPIC result entries, the way a lab may have written it.

Order of trust: the phenotype the report states; then, when the report states none, the genotype
itself (VKORC1 ``rs9923231 C/T``, HLA ``*15:02/*57:01``, MT-RNR1 ``1555A>G``) through the CPIC
rules of ``bot.reports.phenotype``. Nothing is guessed: a result that matches no entry gives none.
HLA results are read allele by allele ("*15:02 positive; *57:01 negative" gives two entries).

>>> from bot.core.report import PgxResult
>>> m = match_result(PgxResult(gene="MT-RNR1", diplotype="1555A>G"))
>>> (m.entries[0].level, m.by_rules)
('important', True)
>>> [e.result for e in match_result(PgxResult(gene="HLA-B", phenotype="*15:02 positive; *57:01 negative")).entries]
['*15:02 positive', '*57:01 negative']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.report import PgxResult
from bot.pgx.cpic import ResultEntry, lookup_result
from bot.reports.phenotype import INDETERMINATE, derive_phenotype
from bot.reports.phenotype.hla import hla_status

_HLA_STATUS = re.compile(
    r"\*?(\d{2,3}:\d{2,3})[^;,/]*?\b(positive|negative|not detected|detected|present|absent|non-?carrier|carrier)\b",
    re.IGNORECASE,
)
_POSITIVE = {"positive", "detected", "present", "carrier"}


@dataclass(frozen=True)
class Match:
    """The entries one result reads as; ``by_rules`` when they come from the genotype, not a stated phenotype."""

    entries: tuple[ResultEntry, ...] = ()
    by_rules: bool = False


def hla_statuses(text: str) -> list[str]:
    """'*57:01 positive' style statuses found in free text, in order, one per allele.

    >>> hla_statuses("HLA-B*57:01 detected, *58:01: not detected")
    ['*57:01 positive', '*58:01 negative']
    """
    found: dict[str, str] = {}
    for allele, status in _HLA_STATUS.findall(text):
        word = status.lower().replace("-", "")
        found.setdefault(allele, "positive" if word in _POSITIVE else "negative")
    return [f"*{allele} {status}" for allele, status in found.items()]


def _lookup_all(gene: str, names: list[str]) -> tuple[ResultEntry, ...] | None:
    entries = [lookup_result(gene, n) for n in names]
    return tuple(e for e in entries if e) if names and all(entries) else None


def _from_text(gene: str, text: str) -> tuple[ResultEntry, ...] | None:
    if gene.startswith("HLA-"):
        return _lookup_all(gene, hla_statuses(text))
    return _lookup_all(gene, [text])


def _from_genotype(gene: str, diplotype: str) -> tuple[ResultEntry, ...] | None:
    direct = _from_text(gene, diplotype)  # an alias such as VKORC1 "C/T" or CYP4F2 "*1/*3"
    if direct:
        return direct
    status = hla_status(gene, diplotype)
    if status:
        return _from_text(gene, status)
    derivation = derive_phenotype(gene, diplotype)
    if derivation is None or derivation.phenotype == INDETERMINATE:
        return None
    return _from_text(gene, derivation.phenotype)


def match_result(result: PgxResult) -> Match:
    """Entries for a called result; empty when it has no call or nothing matches."""
    gene = result.gene.upper()
    if not result.has_result:
        return Match()
    if result.phenotype:
        stated = _from_text(gene, result.phenotype)
        if stated is None and gene.startswith("HLA-") and result.diplotype:
            stated = _from_text(gene, f"{result.diplotype} {result.phenotype}")
        if stated:
            return Match(stated)
    # A stated phenotype that matches nothing is not overruled by the genotype: the card says it is unclear.
    if result.diplotype and not result.phenotype and not result.uncertain:
        derived = _from_genotype(gene, result.diplotype)
        if derived:
            return Match(derived, by_rules=True)
    return Match()
