"""Read allele and diplotype notation: gene prefixes, PharmVar sub-alleles, copy numbers, tandems.

>>> normalize_diplotype("CYP2D6", "CYP2D6*7.001 / CYP2D6*1.001")
'*1/*7'
>>> split_diplotype("CYP2D6", "*36+*10/*4xN")
['*36+*10', '*4xN']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SUB_ALLELE = re.compile(r"^(\*\d+)\.\d{3}$")
_STAR = re.compile(r"^\*(\d+)")
_COPIES = re.compile(r"^(?P<allele>.+?)\s*[x×]\s*(?P<n>\d+|N|n|[≥>]=?\s*\d+)$")
_RS_GENOTYPE = re.compile(r"^(rs\d+)\s+([ACGT]+)\s*/\s*([ACGT]+)$", re.IGNORECASE)


def strip_gene(gene: str, text: str) -> str:
    """Drop a leading gene symbol (``CYP2D6*4``, ``CYP2C9 *2``, ``DPYD:c.1905+1G>A``) wherever an allele starts."""
    return re.sub(rf"(?i)(^|[/+\s(]){re.escape(gene)}(?=\s*\*|\s*:?\s*[cm]\.)\s*:?\s*", r"\1", text).strip()


def normalize_allele(name: str) -> str:
    """One allele name: whitespace trimmed, PharmVar sub-allele ``*7.001`` read as ``*7``."""
    name = " ".join(name.split())
    match = _SUB_ALLELE.match(name)
    return match.group(1) if match else name


def split_diplotype(gene: str, text: str) -> list[str] | None:
    """Two allele strings from ``A/B``; None when the text is not one diplotype."""
    text = strip_gene(gene, text)
    parts = [p.strip() for p in text.split("/")]
    if len(parts) != 2 or not all(parts):
        return None
    return parts


def rs_genotype(text: str) -> tuple[str, str, str] | None:
    """``rs9923231 C/T`` -> ("rs9923231", "C", "T"); None for any other notation."""
    match = _RS_GENOTYPE.match(text.strip())
    return (match.group(1).lower(), match.group(2).upper(), match.group(3).upper()) if match else None


def _star_key(allele: str) -> tuple[int, str]:
    match = _STAR.match(allele)
    return (int(match.group(1)), allele) if match else (10**9, allele)


def normalize_diplotype(gene: str, text: str) -> str:
    """Display form of a diplotype: no gene prefix, sub-alleles folded, star alleles in numeric order."""
    text = " ".join(text.split())
    parts = split_diplotype(gene, text)
    if parts is None:
        return strip_gene(gene, text)
    parts = [
        "+".join(normalize_allele(c) for c in p.split("+")) if _STAR.match(p) else normalize_allele(p)
        for p in parts
    ]
    if all(_STAR.match(p) for p in parts):
        parts.sort(key=_star_key)
    return "/".join(parts)


@dataclass(frozen=True)
class Component:
    """One gene copy pattern inside a haplotype: an allele and how many copies (None = 'xN', unknown)."""

    allele: str
    copies: int | None = 1


def parse_structural(side: str) -> list[Component] | None:
    """``*36+*10`` -> two components; ``*1x2`` -> one with 2 copies; ``*2xN`` -> copies unknown."""
    components: list[Component] = []
    for raw in side.split("+"):
        raw = raw.strip()
        if not raw:
            return None
        match = _COPIES.match(raw)
        if not match:
            components.append(Component(normalize_allele(raw)))
            continue
        count = match.group("n")
        copies = int(count) if count.isdigit() else None
        if copies is not None and not 1 <= copies <= 10:
            return None
        components.append(Component(normalize_allele(match.group("allele")), copies))
    return components
