"""HLA results are carrier statuses for the alleles CPIC guidelines name, not metabolizer phenotypes.

>>> hla_status("HLA-B", "*15:02/*57:01")
'*15:02 positive; *57:01 positive; *58:01 negative'
>>> hla_agrees("HLA-B", "*15:02/*40:01", "HLA-B*15:02 positive")
True
>>> hla_agrees("HLA-B", "*15:02/*40:01", "*15:02 negative")
False
"""

from __future__ import annotations

import re

# Alleles with CPIC guidelines, in the order PharmCAT reports them.
RISK_ALLELES = {"HLA-A": ("*31:01",), "HLA-B": ("*15:02", "*57:01", "*58:01")}
_FIELDS = re.compile(r"^\*?(\d{2,3}):(\d{2,3})")

# How reports word carrying (True) or not carrying (False) an allele; longer phrases first.
_CARRIES = {
    "not detected": False,
    "non-carrier": False,
    "noncarrier": False,
    "negative": False,
    "absent": False,
    "positive": True,
    "carrier": True,
    "detected": True,
    "present": True,
}
_WORD = "|".join(re.escape(w) for w in _CARRIES)
_ALLELE = r"(?:hla-[a-z0-9]+\s*)?\*?(\d{2,3}:\d{2,3})(?::\d{2,3})*"
_ALLELE_THEN_WORD = re.compile(rf"^{_ALLELE}\s*:?\s*({_WORD})$")
_WORD_THEN_ALLELE = re.compile(rf"^({_WORD})\s*(?:for\s+)?{_ALLELE}$")
_BARE_WORD = re.compile(rf"^(?:hla-[a-z0-9]+\s*)?({_WORD})$")


def _two_field(allele: str) -> str | None:
    match = _FIELDS.match(allele.strip().removeprefix("HLA-A").removeprefix("HLA-B").strip())
    return f"*{match.group(1)}:{match.group(2)}" if match else None


def _carried(diplotype: str) -> list[str] | None:
    alleles = [_two_field(a) for a in diplotype.split("/")]
    if len(alleles) != 2 or None in alleles:
        return None
    return [a for a in alleles if a]


def hla_status(gene: str, diplotype: str) -> str | None:
    """'*57:01 positive; ...' for each CPIC allele; None when the alleles cannot be read."""
    wanted = RISK_ALLELES.get(gene.upper())
    alleles = _carried(diplotype) if wanted else None
    if not wanted or alleles is None:
        return None
    return "; ".join(f"{a} {'positive' if a in alleles else 'negative'}" for a in wanted)


def _statement(part: str) -> tuple[str | None, bool] | None:
    """('*15:02', True) for '*15:02 positive'; (None, True) for a bare 'positive'; None when unreadable."""
    part = " ".join(part.lower().split())
    if match := _ALLELE_THEN_WORD.match(part):
        return f"*{match.group(1)}", _CARRIES[match.group(2)]
    if match := _WORD_THEN_ALLELE.match(part):
        return f"*{match.group(2)}", _CARRIES[match.group(1)]
    if match := _BARE_WORD.match(part):
        return None, _CARRIES[match.group(1)]
    return None


def hla_agrees(gene: str, diplotype: str, stated: str) -> bool | None:
    """Whether a stated HLA result fits the diplotype, statement by statement; None when unreadable.

    A report may name only some alleles ("*15:02 positive"), so an allele it leaves out is no conflict.
    A bare "positive"/"negative" is read as about the CPIC risk alleles.
    """
    wanted = RISK_ALLELES.get(gene.upper())
    carried = _carried(diplotype) if wanted else None
    if not wanted or carried is None:
        return None
    statements = [_statement(p) for p in re.split(r"[;,]", stated) if p.strip()]
    if not statements or None in statements:
        return None
    for allele, positive in (s for s in statements if s is not None):
        has = any(a in carried for a in wanted) if allele is None else allele in carried
        if has != positive:
            return False
    return True
