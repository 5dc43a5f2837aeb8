"""HLA results are carrier statuses for the alleles CPIC guidelines name, not metabolizer phenotypes.

>>> hla_status("HLA-B", "*15:02/*57:01")
'*15:02 positive; *57:01 positive; *58:01 negative'
"""

from __future__ import annotations

import re

# Alleles with CPIC guidelines, in the order PharmCAT reports them.
RISK_ALLELES = {"HLA-A": ("*31:01",), "HLA-B": ("*15:02", "*57:01", "*58:01")}
_FIELDS = re.compile(r"^\*?(\d{2,3}):(\d{2,3})")


def _two_field(allele: str) -> str | None:
    match = _FIELDS.match(allele.strip().removeprefix("HLA-A").removeprefix("HLA-B").strip())
    return f"*{match.group(1)}:{match.group(2)}" if match else None


def hla_status(gene: str, diplotype: str) -> str | None:
    """'*57:01 positive; ...' for each CPIC allele; None when the alleles cannot be read."""
    wanted = RISK_ALLELES.get(gene.upper())
    if not wanted:
        return None
    alleles = [_two_field(a) for a in diplotype.split("/")]
    if len(alleles) != 2 or None in alleles:
        return None
    return "; ".join(f"{a} {'positive' if a in alleles else 'negative'}" for a in wanted)
