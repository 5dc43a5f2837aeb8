"""CPIC phenotype engine: allele tables as YAML data plus the rules that combine them."""

from bot.reports.phenotype.engine import INDETERMINATE, Derivation, derive_phenotype
from bot.reports.phenotype.tables import covered_genes, table_for

__all__ = ["INDETERMINATE", "Derivation", "covered_genes", "derive_phenotype", "table_for"]
