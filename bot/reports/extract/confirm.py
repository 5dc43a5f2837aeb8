"""Rows the patient confirmed (read from their file, or typed in) become their report; nothing else does.

Every row is checked first, so an impossible result never reaches the report: a gene GeneChat does not
know, an allele not in the gene's CPIC table, a phenotype the gene cannot have, or a diplotype and a
phenotype that CPIC rules say cannot go together. Each error names the row and says what to check.
"""

from __future__ import annotations

import re

from bot.core.report import ORIGIN_EXTRACTED, ORIGIN_TYPED, PgxResult, Report, Variant
from bot.errors import ReportError
from bot.reports.derive import complete_report
from bot.reports.extract.models import Candidate
from bot.reports.extract.recognise import CLASSES, HGVS, PROTEIN, ZYGOSITY
from bot.reports.extract.vocab import (
    HEREDITARY_GENES,
    alleles_for,
    known_diplotype,
    known_gene,
    pgx_genes,
    phenotypes_for,
)
from bot.reports.phenotype import INDETERMINATE, derive_phenotype, table_for
from bot.reports.phenotype.alleles import rs_genotype
from bot.reports.phenotype.hla import RISK_ALLELES, hla_agrees, hla_status
from bot.reports.phenotype.wording import same_phenotype
from bot.reports.sanitize import clean_text

MAX_ROWS = 60
_HLA_STATEMENT = re.compile(r"^\*?(\d{2,3}:\d{2,3})\s+(positive|negative)$", re.IGNORECASE)


def confirmed_report(rows: list[Candidate], *, typed: bool, source_format: str) -> Report:
    """The report made of the confirmed rows, each marked with its origin; ``ReportError`` on a bad row."""
    if not rows:
        raise ReportError("Add at least one result before you confirm.", code="no_rows")
    if len(rows) > MAX_ROWS:
        raise ReportError(f"A report can have at most {MAX_ROWS} rows.", code="too_large")
    report = Report(source_format=source_format,
                    provenance={"origin": ORIGIN_TYPED if typed else ORIGIN_EXTRACTED})
    for number, row in enumerate(rows, start=1):
        # A row the patient added on the confirm screen has no place in the file: it was typed in.
        origin = ORIGIN_TYPED if typed or row.where is None else ORIGIN_EXTRACTED
        row = _tidy(row)
        check_row(row, number)
        if row.kind == "variant":
            report.variants.append(Variant(gene=row.gene, hgvs=row.hgvs, protein=row.protein,
                                           zygosity=row.zygosity, classification=row.classification,
                                           condition=row.condition, origin=origin))
        else:
            report.pharmacogenomics.append(PgxResult(gene=row.gene, diplotype=row.diplotype,
                                                     phenotype=row.phenotype, call_source="patient",
                                                     origin=origin))
    return complete_report(report)


def _tidy(row: Candidate) -> Candidate:
    # Typed or edited text is report text: plain, inert, no markup (as every upload is made).
    data = {k: (clean_text(v) or None) if isinstance(v, str) else v for k, v in row.model_dump().items()}
    data["gene"] = (data["gene"] or "").upper()
    return Candidate.model_validate(data)


def _bad(number: int, message: str) -> ReportError:
    return ReportError(message, where=f"row {number}", code="impossible_result")


def check_row(row: Candidate, number: int = 1) -> None:
    """Raise ``ReportError`` (code ``impossible_result``) when the row cannot be a real result."""
    gene = row.gene
    if not gene or not known_gene(gene):
        raise _bad(number, f"'{gene}' is not a gene GeneChat knows. Check the spelling on your report "
                           "(for example CYP2C19 or BRCA2).")
    if row.kind == "variant":
        _check_variant(row, number)
        return
    if gene not in pgx_genes():
        raise _bad(number, f"{gene} results are variants: enter the variant name (for example c.68_69delAG).")
    if not row.diplotype and not row.phenotype:
        raise _bad(number, f"Enter the {gene} result (for example *1/*2) or the phenotype your report gives.")
    if row.diplotype:
        _check_diplotype(gene, row.diplotype, number)
    if row.phenotype:
        _check_phenotype(gene, row.phenotype, number)
    if row.diplotype and row.phenotype:
        _check_pair(gene, row.diplotype, row.phenotype, number)


def _check_diplotype(gene: str, diplotype: str, number: int) -> None:
    if gene in RISK_ALLELES:
        if hla_status(gene, diplotype) is None:
            raise _bad(number, f"'{diplotype}' is not an {gene} result GeneChat can read (for example *15:02/*40:01).")
        return
    table = table_for(gene)
    if table is None:
        return
    rs = rs_genotype(diplotype)
    readable = derive_phenotype(gene, diplotype) if rs else None
    if rs and readable is not None and readable.phenotype != INDETERMINATE:
        return
    if not known_diplotype(gene, diplotype):
        examples = ", ".join(alleles_for(gene)[:4])
        raise _bad(number, f"'{diplotype}' is not a {gene} result GeneChat knows. A result has two alleles "
                           f"joined by '/', and {gene} alleles look like {examples}.")


def _check_phenotype(gene: str, phenotype: str, number: int) -> None:
    if gene in RISK_ALLELES:
        parts = [p.strip() for p in phenotype.split(";") if p.strip()]
        for part in parts:
            match = _HLA_STATEMENT.match(part)
            if not match or f"*{match.group(1)}" not in RISK_ALLELES[gene]:
                alleles = " or ".join(RISK_ALLELES[gene])
                raise _bad(number, f"For {gene}, write the result as an allele and positive or negative, "
                                   f"for example '{alleles.split(' or ')[0]} positive' (alleles: {alleles}).")
        return
    known = phenotypes_for(gene)
    if known and not any(same_phenotype(gene, phenotype, p) for p in known):
        raise _bad(number, f"'{phenotype}' is not a {gene} phenotype. {gene} phenotypes are: "
                           f"{', '.join(sorted(known)[:8])}.")


def _check_pair(gene: str, diplotype: str, phenotype: str, number: int) -> None:
    if gene in RISK_ALLELES:
        if hla_agrees(gene, diplotype, phenotype) is False:
            raise _bad(number, f"{gene} {diplotype} and '{phenotype}' cannot both be right. "
                               "Check both against your report.")
        return
    derived = derive_phenotype(gene, diplotype)
    if derived is None or derived.phenotype == INDETERMINATE:
        return
    if not same_phenotype(gene, phenotype, derived.phenotype, diplotype):
        raise _bad(number, f"By CPIC rules {gene} {diplotype} means '{derived.phenotype}', not '{phenotype}'. "
                           "Check both against your report.")


def _check_variant(row: Candidate, number: int) -> None:
    if row.gene not in HEREDITARY_GENES:
        raise _bad(number, f"{row.gene} is a medicine-response gene: enter its result (for example *1/*2).")
    if not row.hgvs and not row.protein:
        raise _bad(number, "Enter the variant name from your report (for example c.68_69delAG).")
    if row.hgvs and not HGVS.fullmatch(row.hgvs):
        raise _bad(number, f"'{row.hgvs}' is not a variant name GeneChat can read (it starts with 'c.', for "
                           "example c.68_69delAG).")
    if row.protein and not PROTEIN.fullmatch(row.protein):
        raise _bad(number, f"'{row.protein}' is not a protein change GeneChat can read (for example p.Glu23fs).")
    if row.zygosity and not ZYGOSITY.fullmatch(row.zygosity):
        raise _bad(number, "Zygosity is heterozygous, homozygous or hemizygous.")
    if row.classification and row.classification.lower() not in CLASSES:
        raise _bad(number, "The classification is one of: Pathogenic, Likely pathogenic, Uncertain "
                           "significance, Likely benign, Benign.")


def suggestions(gene: str | None = None) -> dict[str, list[str]]:
    """Genes GeneChat knows; for one gene, its alleles and the phenotypes it can have (for typing in)."""
    out: dict[str, list[str]] = {"pgx_genes": sorted(pgx_genes()), "variant_genes": sorted(HEREDITARY_GENES),
                                 "alleles": [], "phenotypes": [], "classifications": sorted(set(CLASSES.values()))}
    if gene and known_gene(gene):
        gene = gene.upper()
        out["alleles"] = list(alleles_for(gene))
        out["phenotypes"] = ([f"{a} {w}" for a in RISK_ALLELES[gene] for w in ("positive", "negative")]
                             if gene in RISK_ALLELES else sorted(phenotypes_for(gene)))
    return out
