"""Which results of the report a question names without naming the gene: a variant or allele written as the report
writes it ("what is c.5946delT", "positive for 15:02"), a phrase of its result or condition ("hearing loss", "do I
have MH"), a result type ("my report says poor"), and alleles asked about that the report does not list.

>>> from bot.core.report import PgxResult, Report
>>> report = Report(source_format="native", pharmacogenomics=[PgxResult(gene="CYP2C19", diplotype="*2/*2",
...                                                                    phenotype="Poor Metabolizer")])
>>> genes_with_result(report, ["poor"]), genes_with_result(report, ["rapid"])
(['CYP2C19'], [])
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from bot.answering.vocabulary import Vocabulary
from bot.core.report import Report

_GENE_ALLELE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]{1,6}(?:-[A-Za-z0-9]{1,4})?)\s*(\*\d+[A-Za-z]?(?::\d+)?)"
                          r"(?:\s*/\s*(\*\d+[A-Za-z]?))?")
_TOKEN = re.compile(r"\brs\d{3,}\b|\b[cp]\.[A-Za-z0-9_>*+\-]+\w|\b[A-Za-z]{0,3}\d{3,}[A-Za-z]{2,}\w*|\*\d+[A-Z]?(?::\d+)?|"
                    r"(?<![\d:])\d{2}:\d{2}(?![\d:])",  # an HLA allele written without its star ("positive for 15:02")
                    re.IGNORECASE)


_ALLELE_NAMES = Path(__file__).with_name("allele_names.yaml")

PHENO_ALIASES = {"vus": "uncertain", "uncertain significance": "uncertain", "carrier": "heterozygous",
                 "ultra rapid": "ultrarapid"}


def genes_with_result(report: Report, words: list[str], *, with_diplotype: bool = False) -> list[str]:
    """Report genes whose result (phenotype, or a variant's classification and zygosity) holds any of ``words``;
    ``with_diplotype``: a pharmacogenomic result's diplotype is read too ("*57:01 negative" given with no phenotype)."""
    if not words:
        return []
    said = [(r.gene, f"{r.phenotype or ''} {r.diplotype or ''}" if with_diplotype else r.phenotype or "")
            for r in report.pharmacogenomics]
    genes = [gene.upper() for gene, what in said if what and any(w in what.lower() for w in words)]
    genes += [v.gene.upper() for v in report.variants
              if any(w in f"{v.classification} {v.zygosity}".lower() for w in words)]
    return list(dict.fromkeys(genes))


@cache
def _other_names() -> dict[tuple[str, str], frozenset[str]]:
    """(gene, name) -> every name of that variant (allele_names.yaml)."""
    data = yaml.safe_load(_ALLELE_NAMES.read_text(encoding="utf-8")) or {}
    out: dict[tuple[str, str], frozenset[str]] = {}
    for gene, groups in data.items():
        for names in groups:
            for name in names:
                out[(str(gene).upper(), str(name))] = frozenset(str(n) for n in names)
    return out


def names_of(gene: str, allele: str) -> frozenset[str]:
    """Every name of the variant ("DPYD", "*2A" -> {"*2A", "c.1905+1G>A", "IVS14+1G>A", "rs3918290"}).

    >>> sorted(names_of("DPYD", "*2A"))[:2], names_of("CYP2C19", "*2")
    (['*2A', 'IVS14+1G>A'], frozenset({'*2'}))
    """
    return _other_names().get((gene.upper(), allele), frozenset({allele}))


def missing_alleles(text: str, report: Report, vocab: Vocabulary) -> list[str]:
    """Gene*allele names asked about whose gene is in the report but whose allele the report does not list (under
    any of its names: "DPYD*2A" is on a report listing c.1905+1G>A)."""
    out: list[str] = []
    for gene_raw, allele, second in _GENE_ALLELE.findall(text):
        genes, _ = vocab.detect(gene_raw)
        if not genes or genes[0] not in report.genes:
            continue
        result = report.result_for(genes[0])
        blob = " ".join(result.result_texts) if result else ""
        if second:  # a diplotype asked ("CYP2C19 *1/*17"): both versions must be on the report, as written there
            asked, listed = f"{allele}/{second}", blob.replace(" ", "").lower()
            if asked.lower() not in listed and f"{second}/{allele}".lower() not in listed:
                out.append(f"{genes[0]} {asked}")
        elif not any(name in blob for name in names_of(genes[0], allele)):
            out.append(f"{genes[0]}{allele}")
    return out


def _norm_token(token: str) -> str:
    return re.sub(r"^(?:[cp]\.|[a-z](?=\d))", "", token.lower())


def genes_by_report_token(text: str, report: Report | None) -> list[str]:
    """Report genes whose variant/diplotype names appear in the question ("what is c.5946delT", "F508del")."""
    if report is None:
        return []
    tokens = {_norm_token(t) for t in _TOKEN.findall(text)}
    tokens = {t for t in tokens if len(t) >= 3}
    if not tokens:
        return []
    out: list[str] = []
    entries = [(r.gene, r.result_texts) for r in report.pharmacogenomics]
    entries += [(v.gene, [v.hgvs or "", v.protein or ""]) for v in report.variants]
    for gene, values in entries:
        # (a variant's other names too: "*2A" for c.1905+1G>A, allele_names.yaml)
        blob = " ".join(_norm_token(n) for v in values for t in _TOKEN.findall(v) for n in names_of(gene, t))
        blob += " " + " ".join(v.lower() for v in values)
        if any(t in blob for t in tokens) and gene.upper() not in out:
            out.append(gene.upper())
    return out


_DIPLOTYPE = re.compile(r"\*\s?\d+[a-z]?(?:x\d+|xn)?\s*/\s*\*\s?\d+[a-z]?(?:x\d+|xn)?", re.IGNORECASE)
_GENOTYPE = re.compile(r"(?<![\w/])([ACGT]{1,3})\s*/\s*([ACGT]{1,3})(?![\w/])", re.IGNORECASE)
_ALLELE = re.compile(r"(?<![\w/*])\*\s?(\d+[a-z]?)(?![\w/:])", re.IGNORECASE)


def _squeeze(value: str) -> str:
    """ "* 1 / * 1" and "*1/*1" alike."""
    return re.sub(r"\s+", "", value.lower())


def genes_by_genotype(text: str, report: Report | None) -> list[str]:
    """Report genes whose diplotype or genotype the question writes out without the gene ("what does *3/*3 mean on
    my report" -> CYP3A5, "what does C/T mean" -> VKORC1, "what is *5" -> SLCO1B1 *1/*5): stop 41, a new-user pass saw
    them answered with other genes' results. Every gene with that diplotype is named ("*1/*1" may be three); a lone
    allele names the genes that carry it, except *1, which nearly every gene has.

    >>> from bot.core.report import PgxResult
    >>> report = Report(source_format="native", pharmacogenomics=[PgxResult(gene="CYP3A5", diplotype="*3/*3"),
    ...     PgxResult(gene="SLCO1B1", diplotype="*1/*5"), PgxResult(gene="VKORC1", diplotype="rs9923231 C/T")])
    >>> genes_by_genotype("what does *3/*3 mean", report), genes_by_genotype("and T/C?", report)
    (['CYP3A5'], ['VKORC1'])
    >>> genes_by_genotype("what is *5 on my report", report), genes_by_genotype("what is *1", report)
    (['SLCO1B1'], [])
    """
    if report is None:
        return []
    diplotypes = {_squeeze(d) for d in _DIPLOTYPE.findall(text)}
    diplotypes |= {"/".join(reversed(d.split("/"))) for d in diplotypes}
    genotypes = {(a.upper(), b.upper()) for a, b in _GENOTYPE.findall(text)}
    genotypes |= {(b, a) for a, b in genotypes}
    alleles = {a.lower() for a in _ALLELE.findall(text)} - {"1"}
    out: list[str] = []
    for result in report.pharmacogenomics:
        called = _squeeze(result.diplotype or "")
        mine = set(re.findall(r"\*(\d+[a-z]?)", called))
        rs = _GENOTYPE.search(result.diplotype or "")
        if (called in diplotypes or (rs is not None and (rs.group(1).upper(), rs.group(2).upper()) in genotypes)
                or (alleles and alleles <= mine)) and result.gene.upper() not in out:
            out.append(result.gene.upper())
    return out


# Words every result type shares: a phrase of these alone ("poor metabolizer") names no particular gene.
_RESULT_WORDS = frozenset(
    "poor intermediate normal rapid ultrarapid metabolizer function decreased increased reduced possible likely "
    "risk positive negative deficient variable indeterminate uncertain significance pathogenic benign carrier "
    "heterozygous homozygous result results status the of and with for".split()
)
_WORD = re.compile(r"[a-z][a-z0-9]+")


def with_full_names(text: str, vocab: Vocabulary) -> str:
    """The message plus the KB's full name of any short form in it ("do i have MH" + "malignant hyperthermia")."""
    pattern, full = vocab.short_forms
    if pattern is None:
        return text
    names = dict.fromkeys(full[m.group(0)] for m in pattern.finditer(text.lower()))
    return " ".join([text, *names])


def genes_by_result_phrase(text: str, report: Report | None) -> list[str]:
    """Report genes whose result or condition shares a two-word phrase with the question ("why does my report
    talk about hearing loss" -> MT-RNR1, whose result names aminoglycoside-induced hearing loss)."""
    if report is None:
        return []
    asked = " ".join(_WORD.findall(text.lower()))
    entries = [(r.gene, r.phenotype or "") for r in report.pharmacogenomics]
    entries += [(v.gene, v.condition or "") for v in report.variants]
    out: list[str] = []
    asked_words = set(asked.split())
    for i, (gene, described) in enumerate(entries):
        words = _WORD.findall(described.lower())
        pairs = {f"{a} {b}" for a, b in zip(words, words[1:]) if not {a, b} <= _RESULT_WORDS}
        # a condition's own name word is enough ("am I ok with lynch", "do I have CF": cystic fibrosis is spelled out)
        name = _WORD.findall(described.split(".")[0].lower())  # a condition's name, not free text after it
        own = {w for w in name if len(w) >= 5 and w not in _RESULT_WORDS and w not in _CONDITION_GENERIC} \
            if i >= len(report.pharmacogenomics) and len(name) <= 6 else set()
        if (any(f" {p} " in f" {asked} " for p in pairs) or own & asked_words) and gene.upper() not in out:
            out.append(gene.upper())
    return out


# Words many conditions share: alone they name no particular result ("cancer" could be any of them).
_CONDITION_GENERIC = frozenset(
    "hereditary syndrome syndromes cancer cancers disease diseases predisposing condition familial deficiency "
    "susceptibility disorder related associated early onset".split()
)
