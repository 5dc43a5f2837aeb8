"""Whether a report's phenotype wording means the same result as CPIC's, so only real conflicts warn.

Reports differ from CPIC in case, spelling ("metaboliser", "ultra-rapid"), abbreviations ("PM"),
retired names ("extensive metabolizer", CPIC 2017 standard terms) and gene-specific names (NAT2
"acetylator"; SLCO1B1's pre-2022 "intermediate"/"low function"). Anything else is compared as written.

>>> same_phenotype("CYP2C19", "poor metaboliser (PM)", "Poor Metabolizer")
True
>>> same_phenotype("NAT2", "Slow acetylator", "Poor Metabolizer")
True
>>> same_phenotype("CYP2C19", "Rapid Metabolizer", "Poor Metabolizer")
False
"""

from __future__ import annotations

import re

from bot.reports.phenotype.hla import hla_agrees

_ABBREVIATIONS = {
    "pm": "poor metabolizer",
    "im": "intermediate metabolizer",
    "nm": "normal metabolizer",
    "em": "normal metabolizer",
    "rm": "rapid metabolizer",
    "um": "ultrarapid metabolizer",
}
_RETIRED = {"extensive metabolizer": "normal metabolizer", "ultra rapid metabolizer": "ultrarapid metabolizer"}
_GENE_NAMES = {
    # CPIC's NAT2 phenotypes are metabolizer terms; labs and papers call the same groups acetylators.
    "NAT2": {
        "slow acetylator": "poor metabolizer",
        "intermediate acetylator": "intermediate metabolizer",
        "rapid acetylator": "rapid metabolizer",
        "fast acetylator": "rapid metabolizer",
    },
    # CPIC's 2022 SLCO1B1 update renamed the 2014 function groups.
    "SLCO1B1": {"intermediate function": "decreased function", "low function": "poor function"},
}
_ABBREVIATION_NOTE = re.compile(r"\s*\((?:pm|im|nm|em|rm|um)\)$")


def _one(gene: str, text: str) -> str:
    text = " ".join(text.lower().split()).rstrip(".").strip()
    text = re.sub(rf"^{re.escape(gene.lower())}\s*:?\s+", "", text)
    text = _ABBREVIATION_NOTE.sub("", text)
    text = text.replace("metaboliser", "metabolizer").replace("ultra-rapid", "ultrarapid")
    text = _ABBREVIATIONS.get(text, text)
    text = _RETIRED.get(text, text)
    return _GENE_NAMES.get(gene.upper(), {}).get(text, text)


def canonical_phenotype(gene: str, text: str) -> frozenset[str]:
    """The statements a phenotype text makes, each in one canonical spelling (';' separates statements)."""
    return frozenset(_one(gene, part) for part in text.split(";") if part.strip())


def same_phenotype(gene: str, stated: str, expected: str, diplotype: str | None = None) -> bool:
    """True when ``stated`` means ``expected``; HLA carrier statuses are compared allele by allele."""
    if diplotype is not None:
        hla = hla_agrees(gene, diplotype, stated)
        if hla is not None:
            return hla
    return canonical_phenotype(gene, stated) == canonical_phenotype(gene, expected)
