"""Find gene results and hereditary variants in a report's text, whatever its layout.

Labs lay results out as tables, prose, labelled blocks or two columns, but each result follows its gene's
name: "CYP2C19  *1/*17  Rapid Metabolizer", "Your CYP2D6 result is *1/*4", "Gene: BRCA2 / Variant:
c.5946delT". So each mention of a known gene opens a window that runs to the next gene mention (or a few
lines on), and only what GeneChat can check is taken from it: a diplotype whose alleles are in the gene's
CPIC table, an rs genotype, an HLA carrier status for a CPIC allele, a phenotype phrase the gene can have,
or an HGVS name with its protein change, zygosity, classification and condition. Text that names no known
gene, or no checkable result, is never a candidate. Text in a report is data: it is matched, never obeyed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.reports.extract.models import Candidate
from bot.reports.extract.vocab import (
    HEREDITARY_GENES,
    known_diplotype,
    known_gene,
    pgx_genes,
    phenotypes_for,
    rs_gene,
)
from bot.reports.phenotype import table_for
from bot.reports.phenotype.hla import RISK_ALLELES

WINDOW_CHARS = 600
MAX_CANDIDATES = 60

_GENE = re.compile(r"(?<![A-Za-z0-9\-_.*])(HLA-[A-Z]{1,4}[0-9]?|MT-RNR1|[A-Z][A-Z0-9]{1,8})(?![A-Za-z0-9\-_])")
_PAIR = re.compile(r"([^\s/|,;()]+(?:\s\(\*\w+\))?)\s*/\s*([^\s/|,;()]+(?:\s\(\*\w+\))?)")
_RS = re.compile(r"\b(rs\d{3,10})\b\s*[:(]?\s*(?:genotype\s*(?:is\s*)?)?([ACGT])\s*/?\s*([ACGT])\b\)?", re.IGNORECASE)
# PharmCAT names rs alleles in words: "rs9923231 reference (C)/rs9923231 variant (T)".
_RS_NAMED = re.compile(r"(rs\d+ (?:reference|variant) \([ACGT]+\))\s*/\s*(rs\d+ (?:reference|variant) \([ACGT]+\))")
_MITO = re.compile(r"\bm\.\d+[ACGT]>[ACGT]\b")
_HLA = re.compile(r"\*?(\d{2,3}:\d{2,3})(?::\d{2,3})*\s*[:\-–]?\s*"
                  r"(not detected|non-carrier|noncarrier|negative|absent|positive|carrier|detected|present)\b",
                  re.IGNORECASE)
_CARRIES = {"positive": True, "carrier": True, "detected": True, "present": True}
HGVS = re.compile(r"(?:N[MC]_\d+(?:\.\d+)?\s*:\s*|\()?"
                   r"\b(c\.[-*]?\d+(?:[+-]\d+)?(?:_[-*]?\d+(?:[+-]\d+)?)?"
                   r"(?:[ACGT]>[ACGT]|delins[ACGT]+|del[ACGT]*|dup[ACGT]*|ins[ACGT]+))")
PROTEIN = re.compile(r"\b(p\.\(?[A-Z][a-z]{2}\d+(?:_[A-Z][a-z]{2}\d+)?"
                     r"(?:delins[A-Z][a-z]{2}\w*|del|dup|ins[A-Z]\w*|[A-Z][a-z]{2}|\*|=)?(?:fs(?:\*|Ter)?\d*|Ter\d*)?\)?)")
ZYGOSITY = re.compile(r"\b(compound heterozygous|heterozygous|homozygous|hemizygous)\b", re.IGNORECASE)
CLASSES = {"variant of uncertain significance": "Uncertain significance", "vus": "Uncertain significance",
            "uncertain significance": "Uncertain significance", "likely pathogenic": "Likely pathogenic",
            "pathogenic": "Pathogenic", "likely benign": "Likely benign", "benign": "Benign"}
_CLASS = re.compile(r"\b(" + "|".join(sorted(CLASSES, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_CONDITION_LABEL = re.compile(r"\b(?:associated\s+)?(?:condition|disease|disorder)s?\s*:\s*([^\n]{3,120})",
                              re.IGNORECASE)
_CONDITION_PROSE = re.compile(r"\b(?:associated with|linked to|a cause of|causes)\s+([^.;]{3,120})",
                              re.IGNORECASE)


@dataclass
class _Mention:
    gene: str
    start: int
    end: int


def recognise(pages: list[tuple[int | None, str]]) -> list[Candidate]:
    """Candidate rows from each page's text, in reading order, without repeats."""
    found: list[Candidate] = []
    for page, text in pages:
        found.extend(_page_candidates(page, text))
    return _merge(found)[:MAX_CANDIDATES]


def _page_candidates(page: int | None, text: str) -> list[Candidate]:
    mentions = [_Mention(m.group(1), m.start(), m.end()) for m in _GENE.finditer(text) if known_gene(m.group(1))]
    out: list[Candidate] = []
    for i, mention in enumerate(mentions):
        stop = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        window = text[mention.end:min(stop, mention.end + WINDOW_CHARS)]
        floor = mentions[i - 1].end if i else 0
        before = _lookback(text, floor, mention.start)
        out.extend(_window_candidates(mention.gene, window, before, page))
    out.extend(_rs_candidates(text, page, {c.gene for c in out}))
    return out


def _lookback(text: str, floor: int, start: int) -> str:
    """The sentence leading up to a gene name ("A heterozygous pathogenic variant in BRCA2"), never a
    table's earlier cells: only long wrapped lines are followed back."""
    lines = text[floor:start].split("\n")
    kept = [lines[-1]]
    for line in reversed(lines[:-1][-2:]):
        if ". " in kept[0] or len(line) < 40 or line.rstrip().endswith((".", ":")):
            break
        kept.insert(0, line)
    joined = " ".join(kept)
    return joined.rsplit(". ", 1)[-1]


def _where(page: int | None) -> str:
    return f"page {page}" if page else "your file"


def _window_candidates(gene: str, window: str, before: str, page: int | None) -> list[Candidate]:
    gene = gene.upper()
    out: list[Candidate] = []
    hgvs = list(HGVS.finditer(window))
    heritable = gene in HEREDITARY_GENES
    if heritable and hgvs and (gene not in pgx_genes() or ZYGOSITY.search(window) or _CLASS.search(window)):
        for i, match in enumerate(hgvs):
            end = hgvs[i + 1].start() if i + 1 < len(hgvs) else len(window)
            out.append(_variant(gene, window[match.start():end], before if i == 0 else "", match.group(1), page))
        return out
    if gene in pgx_genes():
        row = _pgx(gene, window, before, page)
        if row is not None:
            out.append(row)
    return out


def _variant(gene: str, part: str, before: str, hgvs: str, page: int | None) -> Candidate:
    protein = PROTEIN.search(part)
    # The variant's own sentence ("a heterozygous pathogenic variant in BRCA2") comes first: the text after
    # the name may run on into the next finding.
    zygosity = ZYGOSITY.search(before) or ZYGOSITY.search(part)
    klass = _CLASS.search(before) or _CLASS.search(part)
    return Candidate(kind="variant", gene=gene, hgvs=hgvs, protein=_protein(protein),
                     zygosity=zygosity.group(1).lower() if zygosity else None,
                     classification=CLASSES[klass.group(1).lower()] if klass else None,
                     condition=_condition(part, klass), page=page, where=_where(page))


def _protein(match: re.Match | None) -> str | None:
    if match is None:
        return None
    text = match.group(1)
    return text[:-1] if text.endswith(")") and "(" not in text else text


def _condition(part: str, klass: re.Match | None) -> str | None:
    for pattern in (_CONDITION_LABEL, _CONDITION_PROSE):
        match = pattern.search(part)
        if match:
            return _tidy(match.group(1))
    if klass is None:
        return None
    # A table: the condition is the cell after the classification.
    rest = part[klass.end():].split("\n")
    following = [line.strip() for line in rest[1:3] if line.strip()]
    if following and re.fullmatch(r"[A-Za-z][A-Za-z ,'()\-]{3,100}", following[0]) and not (
            _CLASS.search(following[0]) or ZYGOSITY.search(following[0]) or _GENE.search(following[0])):
        return _tidy(following[0])
    return None


def _tidy(text: str) -> str | None:
    text = " ".join(text.split()).strip(" .;,")
    return text or None


def _pgx(gene: str, window: str, before: str, page: int | None) -> Candidate | None:
    diplotype = _diplotype(gene, window)
    phenotype = _hla(gene, window) if gene in RISK_ALLELES else None
    if gene not in RISK_ALLELES:
        phenotype = _phenotype(gene, window) or _phenotype(gene, before)
    if not diplotype and not phenotype:
        return None
    return Candidate(gene=gene, diplotype=diplotype, phenotype=phenotype, page=page, where=_where(page))


def _diplotype(gene: str, window: str) -> str | None:
    text = re.sub(rf"{re.escape(gene)}\s*(?=\*)", "", window)
    for line in text.split("\n"):
        rs = _RS.search(line)
        if rs and rs_gene(rs.group(1)) == gene:
            return f"{rs.group(1).lower()} {rs.group(2).upper()}/{rs.group(3).upper()}"
        named = _RS_NAMED.search(line)
        if named and known_diplotype(gene, f"{named.group(1)}/{named.group(2)}"):
            return f"{named.group(1)}/{named.group(2)}"
        for match in _PAIR.finditer(line):
            pair = f"{match.group(1)}/{match.group(2).rstrip('.:')}"
            if known_diplotype(gene, pair):
                return pair.replace(" ", "") if "(" not in pair else pair
    table = table_for(gene)
    if table is not None and table.ploidy == 1:
        for match in _MITO.finditer(window):
            if table.lookup(match.group(0)):
                return match.group(0)
    return None


def _phenotype(gene: str, window: str) -> str | None:
    flat = window.replace("metaboliser", "metabolizer").replace("Metaboliser", "Metabolizer")
    best: tuple[int, str] | None = None
    for phrase in phenotypes_for(gene):
        pattern = r"(?<![\w/])" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?![\w/])"
        for match in re.finditer(pattern, flat, re.IGNORECASE):
            # "Normal function/No function" is an allele-function pair, not the phenotype.
            if flat[match.end():match.end() + 2].lstrip().startswith("/") or flat[:match.start()].rstrip().endswith("/"):
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), phrase)
            break
    return best[1] if best else None


def _hla(gene: str, window: str) -> str | None:
    statuses: dict[str, bool] = {}
    for match in _HLA.finditer(window):
        allele = f"*{match.group(1)}"
        if allele in RISK_ALLELES[gene] and allele not in statuses:
            statuses[allele] = _CARRIES.get(match.group(2).lower(), False)
    if not statuses:
        return None
    return "; ".join(f"{a} {'positive' if c else 'negative'}" for a, c in statuses.items())


def _rs_candidates(text: str, page: int | None, genes_found: set[str]) -> list[Candidate]:
    """An rs genotype printed without its gene's name ("rs9923231 C/T"): its gene comes from the tables."""
    out = []
    for match in _RS.finditer(text):
        gene = rs_gene(match.group(1))
        if gene and gene not in genes_found:
            out.append(Candidate(gene=gene, diplotype=f"{match.group(1).lower()} {match.group(2).upper()}/"
                                 f"{match.group(3).upper()}", page=page, where=_where(page)))
            genes_found.add(gene)
    return out


def _merge(rows: list[Candidate]) -> list[Candidate]:
    """One row per gene result and per variant: a later mention fills gaps, a different result stays apart."""
    merged: list[Candidate] = []
    for row in rows:
        fields = ("diplotype", "phenotype") if row.kind == "pgx" else (
            "hgvs", "protein", "zygosity", "classification", "condition")
        for seen in merged:
            if seen.kind != row.kind or seen.gene != row.gene:
                continue
            if row.kind == "variant" and seen.hgvs != row.hgvs:
                continue
            clash = any(getattr(seen, f) and getattr(row, f) and getattr(seen, f) != getattr(row, f) for f in fields)
            if not clash:
                for f in fields:
                    if not getattr(seen, f) and getattr(row, f):
                        setattr(seen, f, getattr(row, f))
                break
        else:
            merged.append(row)
    return merged
