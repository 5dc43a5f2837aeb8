"""What counts as a result: known genes, known alleles and the phenotype phrases each gene can have.

Built from GeneChat's own CPIC allele tables (``bot/reports/phenotype/tables``) and the genes it knows
without a table, so that a word that looks like a gene or an allele is taken only when it is one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.reports.derive import KNOWN_PGX_GENES
from bot.reports.phenotype import covered_genes, table_for
from bot.reports.phenotype.alleles import normalize_allele, split_diplotype, strip_gene
from bot.reports.phenotype.hla import RISK_ALLELES

# Genes of hereditary (germline) findings that lab reports commonly list: the ACMG secondary-findings
# genes most often reported (ACMG SF v3.2, Miller et al. 2023) plus common panel genes.
HEREDITARY_GENES = frozenset({
    "APC", "ATM", "ATP7B", "BARD1", "BMPR1A", "BRCA1", "BRCA2", "BRIP1", "CDH1", "CDKN2A", "CHEK2", "DSC2",
    "DSG2", "DSP", "EPCAM", "FBN1", "GLA", "HFE", "KCNH2", "KCNQ1", "LDLR", "APOB", "PCSK9", "LMNA", "MEN1",
    "MLH1", "MSH2", "MSH6", "MUTYH", "MYBPC3", "MYH7", "NF2", "OTC", "PALB2", "PKP2", "PMS2", "PTEN",
    "RAD51C", "RAD51D", "RB1", "RET", "SCN5A", "SDHB", "SDHD", "SMAD4", "STK11", "TMEM43", "TNNI3",
    "TNNT2", "TP53", "TPM1", "TSC1", "TSC2", "TTR", "VHL", "WT1", "CFTR", "RYR1", "CACNA1S",
})

# Phenotype words CPIC uses across genes; each gene's own table adds its specific terms.
_METABOLIZER = ["Ultrarapid", "Rapid", "Normal", "Intermediate", "Poor"]
_GENERIC_PHENOTYPES = (
    [f"{w} Metabolizer" for w in _METABOLIZER]
    + [f"{h} {w} Metabolizer" for h in ("Likely", "Possible") for w in ("Intermediate", "Poor")]
    + ["Normal Function", "Decreased Function", "Poor Function", "Increased Function",
       "Possible Decreased Function", "Likely Decreased Function"]
)
_GENE_PHENOTYPES = {
    "G6PD": ["Deficient with CNSHA", "Deficient", "Variable", "Normal"],
    "RYR1": ["Malignant Hyperthermia Susceptibility", "Uncertain Susceptibility"],
    "IFNL3": ["Favorable Response Genotype", "Unfavorable Response Genotype"],
    "NAT2": ["Slow Acetylator", "Intermediate Acetylator", "Rapid Acetylator"],
}


def pgx_genes() -> frozenset[str]:
    return frozenset(covered_genes()) | frozenset(KNOWN_PGX_GENES)


def known_gene(symbol: str) -> bool:
    return symbol.upper() in pgx_genes() or symbol.upper() in HEREDITARY_GENES


@lru_cache
def phenotypes_for(gene: str) -> tuple[str, ...]:
    """Every phenotype phrase this gene's results can have, longest first (so the longest match wins)."""
    gene = gene.upper()
    table = table_for(gene)
    found = set(_GENE_PHENOTYPES.get(gene, []))
    if table is not None:
        found |= set(table.rules.values()) | {b.phenotype for b in table.bins}
        if table.method == "activity_score" or any("Metabolizer" in p for p in found):
            found |= {p for p in _GENERIC_PHENOTYPES if "Metabolizer" in p}
        if any("Function" in p for p in found):
            found |= {p for p in _GENERIC_PHENOTYPES if "Function" in p}
    elif gene not in RISK_ALLELES and gene in KNOWN_PGX_GENES:
        found |= set(_GENERIC_PHENOTYPES)
    found.discard("Indeterminate")
    return tuple(sorted(found, key=lambda p: (-len(p), p)))


def alleles_for(gene: str) -> tuple[str, ...]:
    """The allele names GeneChat's table for this gene knows (star alleles first, in number order)."""
    table = table_for(gene)
    if table is None:
        return tuple(RISK_ALLELES.get(gene.upper(), ()))

    def order(name: str) -> tuple[int, int, str]:
        match = re.match(r"^\*(\d+)", name)
        return (0, int(match.group(1)), name) if match else (1, 0, name)

    return tuple(sorted(table.functions, key=order))


def known_diplotype(gene: str, text: str) -> bool:
    """True when every allele of ``text`` is one GeneChat's table for ``gene`` knows (copy numbers allowed)."""
    table = table_for(gene)
    parts = split_diplotype(gene, strip_gene(gene, text))
    if table is None or parts is None:
        return False
    for part in parts:
        # "*36+*10" is two gene copies; the "+" in "c.1905+1G>A" is part of one name.
        for piece in re.split(r"\+(?=\*)| \+ ", part):
            name = re.sub(r"\s*[x×]\s*(\d+|N)$", "", piece.strip(), flags=re.IGNORECASE)
            if table.lookup(normalize_allele(name)) is None:
                return False
    return True


def rs_gene(rsid: str) -> str | None:
    """The gene whose table names this rs number (VKORC1 rs9923231, ABCG2 rs2231142)."""
    for gene in covered_genes():
        table = table_for(gene)
        if table and any(name.lower().startswith(rsid.lower() + " ") for name in table.functions):
            return gene
    return None
