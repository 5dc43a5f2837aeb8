"""Templated facts from the patient's own report: the only personal claims GeneChat makes.

Each sentence is built from report fields that passed ``safe_field`` (text in a report is data,
never instructions); a field that looks like an instruction is withheld and the fact says so.

>>> from bot.core.report import PgxResult, Report
>>> r = Report(source_format="native", pharmacogenomics=[PgxResult(gene="CYP2C19", diplotype="*2/*2",
...            phenotype="Poor Metabolizer", phenotype_source="stated")])
>>> fact_sentences(r, ["CYP2C19"])[0].sentences
['Your report lists CYP2C19 *2/*2, which the lab calls Poor Metabolizer.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.answering.classes import result_classes
from bot.answering.vocab import RECESSIVE_GENES
from bot.core.reply import ReportFact
from bot.core.report import PgxResult, Report, Variant
from bot.pgx.cards import ASK_ABOUT_GENE, Card, pgx_card, summary_cards, variant_card
from bot.safety import wording
from bot.safety.report_text import safe_field

# A derived "phenotype" that is really a genotype (VKORC1 "-1639 AG") is not read out as a type.
_PHENO_WORD = re.compile(r"metaboli|function|normal|positive|negative|indeterminate|risk|sensitiv|deficien|carrier",
                         re.IGNORECASE)


# A genotype written by its position, as guides write VKORC1 ("-1639 AA"): the name the knowledge base uses
_GENOTYPE_NAME = re.compile(r"^-?\d+\s*[ACGT]{2}$")


@dataclass
class GeneFact:
    gene: str
    sentences: list[str]
    fact: ReportFact
    withheld: list[str] = field(default_factory=list)  # names of fields not shown (looked like instructions)
    classes: set[str] = field(default_factory=set)  # result types ("intermediate", "pathogenic", "nocall")


def _article(symbol: str) -> str:
    """Gene symbols are read letter by letter: "an ATM variant", "a BRCA2 variant"."""
    return "an" if symbol[:1].upper() in "AEFHILMNORSX" else "a"


def _score(value: float | None) -> str | None:
    if value is None:
        return None
    return f"{value:g}"


def _pgx(result: PgxResult) -> GeneFact:
    gene = safe_field(result.gene, genotype=True) or "this gene"
    withheld: list[str] = []
    diplo = safe_field(result.diplotype, genotype=True)
    pheno = safe_field(result.phenotype, max_len=60)
    if result.diplotype and diplo is None:
        withheld.append("diplotype")
    if result.phenotype and pheno is None:
        withheld.append("phenotype")
    sentences: list[str] = []
    if not result.has_result:
        why = safe_field(result.no_result_reason, max_len=100)
        sentences.append(f"Your report has no result for {gene}" + (f" ({why.rstrip('.')})." if why else "."))
    elif result.uncertain and result.alternatives:
        alts = [a for a in (safe_field(x, genotype=True) for x in result.alternatives[:4]) if a]
        sentences.append(f"Your report lists more than one possible {gene} result: {', '.join(alts)}.")
    elif not diplo and not result.alternatives:  # a phenotype-only result ("HLA-B *15:02 positive")
        if pheno and pheno.startswith("*"):  # an HLA allele named with its status: "HLA-B*15:02 positive"
            sentences.append(f"Your report lists {gene}{pheno}.")
        else:
            sentences.append(f"Your report lists your {gene} result as {pheno}." if pheno else
                             f"Your report lists a result for {gene}.")
    elif pheno and result.phenotype_source == "derived" and _PHENO_WORD.search(pheno):
        sentences.append(f"Your report lists {gene} {diplo}. Using standard CPIC rules, this reads as {pheno}.")
    elif pheno and pheno.lower() == diplo.lower():  # HLA-B "*57:01 negative" in both fields: say it once
        sentences.append(f"Your report lists {gene} {diplo}.")
    elif pheno and (result.phenotype_source != "derived" or _PHENO_WORD.search(pheno)):
        sentences.append(f"Your report lists {gene} {diplo}, which the lab calls {pheno}.")
    else:
        sentences.append(f"Your report lists {gene} {diplo}.")
        if pheno and _GENOTYPE_NAME.match(pheno) and pheno.lower() != diplo.lower():
            # "rs9923231 T/T" and the KB's "A copies" name one thing two ways (stop 37: patients read them as two)
            sentences.append(f"Guides often write your result as {gene} {pheno}.")
    if result.activity_score is not None and result.status == "called":
        sentences.append(f"Your {gene} activity score is {_score(result.activity_score)}.")
    if withheld:
        sentences.append(wording.FIELD_WITHHELD)
    fact = ReportFact(gene=result.gene.upper(), diplotype=diplo, phenotype=pheno, activity_score=result.activity_score)
    if not result.has_result:
        classes = {"nocall"}
    elif result.uncertain or not (pheno and _PHENO_WORD.search(pheno)):
        classes = set()  # more than one possible type, or a genotype only: nothing to keep the KB text to
    else:
        classes = result_classes(pheno)
    return GeneFact(result.gene.upper(), sentences, fact, withheld, classes)


def _variant(v: Variant) -> GeneFact:
    gene = safe_field(v.gene, genotype=True) or "this gene"
    hgvs = safe_field(v.hgvs, genotype=True)
    protein = safe_field(v.protein, genotype=True)
    zyg = safe_field(v.zygosity, max_len=30)
    cls = safe_field(v.classification, max_len=40)
    cond = safe_field(v.condition, max_len=100)
    withheld = [n for n, raw, ok in [("hgvs", v.hgvs, hgvs), ("protein", v.protein, protein), ("zygosity", v.zygosity, zyg),
                                     ("classification", v.classification, cls), ("condition", v.condition, cond)]
                if raw and ok is None]
    name = " ".join(x for x in [hgvs, f"({protein})" if protein else None] if x)
    # short sentences: variant names and class words are long, so each sentence carries one of them
    sentences = [f"Your report lists {_article(gene)} {gene} variant" + (f": {name}." if name else ".")]
    if zyg:
        sentences.append(_copies(gene, zyg))
    if cls:
        sentences.append(f"Your report calls this {gene} variant {cls}.")
    if cond:
        sentences.append(f"The report links this {gene} variant to {cond.rstrip('.')}.")
    if withheld:
        sentences.append(wording.FIELD_WITHHELD)
    fact = ReportFact(gene=v.gene.upper(), hgvs=hgvs, protein=protein, zygosity=zyg, classification=cls, condition=cond)
    classes = result_classes(cls)
    if "pathogenic" in classes and v.gene.upper() in RECESSIVE_GENES and "hetero" in (zyg or "").lower():
        classes = {"carrier"}  # KB text about pathogenic variants raising disease risk is not about a carrier
    return GeneFact(v.gene.upper(), sentences, fact, withheld, classes)


_COPIES = {"heterozygous": "one copy", "homozygous": "two copies", "hemizygous": "one copy"}


def _copies(gene: str, zygosity: str) -> str:
    """The lab's zygosity word with what it means in copies: the word alone reads as jargon."""
    copies = _COPIES.get(zygosity.strip().lower())
    if copies is None:
        return f"The report says this {gene} variant is {zygosity}."
    return f"You have {copies} of this {gene} variant ({zygosity})."


def fact_sentences(report: Report | None, genes: list[str]) -> list[GeneFact]:
    """Facts for the wanted genes, in the order asked (PGx results first, then variants)."""
    if report is None:
        return []
    out: list[GeneFact] = []
    for gene in genes:
        pgx = report.result_for(gene)
        if pgx is not None:
            out.append(_pgx(pgx))
        out += [_variant(v) for v in report.variants_for(gene)]
    return out


def summary_genes(report: Report) -> tuple[list[str], list[str]]:
    """For "explain my report": (genes to explain, genes whose results are typical and only listed).

    Ordered as the summary cards are (CPIC priority: important, then unclear, then typical); every result
    is in one of the two lists, so none is skipped. With no important or unclear result, the typical ones
    are explained instead.
    """
    lead: dict[str, None] = {}
    typical: dict[str, None] = {}
    for card in summary_cards(report):
        (typical if card.level == "typical" else lead).setdefault(card.gene.upper(), None)
    typical = {g: None for g in typical if g not in lead}
    if not lead:
        return list(typical), []
    return list(lead), list(typical)


def typical_result_sentences(report: Report, genes: list[str]) -> list[str]:
    """Each typical result in a few words ("CYP3A5: Poor Metabolizer."), for the line after the important ones."""
    out = []
    for gene in genes:
        r = report.result_for(gene)
        text = safe_field((r.phenotype or r.diplotype) if r else None, max_len=60)
        if text:
            out.append(f"{gene}: {text}.")
    return out


def how_much_it_matters(report: Report, gene: str) -> list[str]:
    """For "is my result bad?": the card's level in words, its plain meaning and the medicines it concerns."""
    result = report.result_for(gene)
    variants = [v for v in report.variants if v.gene.upper() == gene.upper()]
    card = pgx_card(result) if result is not None else variant_card(variants[0]) if variants else None
    if card is None:
        return []
    levels = wording.RESULT_LEVEL if card.kind == "pgx" else wording.VARIANT_LEVEL
    out = [levels[card.level], card.meaning]
    if card.kind == "pgx" and card.matters_for:
        out.append(wording.RESULT_MATTERS_FOR.format(medicines="; ".join(card.matters_for[:2])))
    return out


def flagged(report: Report, gene: str) -> bool:
    """The report's result for ``gene`` is one its card marks important (a pharmacogenomic result guidelines flag)."""
    result = report.result_for(gene)
    return result is not None and pgx_card(result).level == "important"


def plain_meaning(report: Report, gene: str, *, medicines_asked: bool = False, every_use: bool = False) -> list[str]:
    """What the patient's own result means, in everyday words, from its card: the lab's terms (heterozygous,
    uncertain significance, "rs9923231 C/T") need one plain sentence beside them. For a pharmacogenomic result, the
    medicines it concerns follow, the most important first (the card's CPIC order), so "what does my CYP2C19 result
    mean" names clopidogrel before whatever medicine retrieval happened to rank first. Only that most important
    use is named (a list of four reads too hard), and none when the question names its own medicine; with
    ``every_use`` ("what medicines does my CYP2C19 affect") every use on the card is named (stop 52, seventeenth pass:
    the reply named clopidogrel alone)."""
    result = report.result_for(gene)
    if result is not None:
        card = pgx_card(result)
        uses = [m for m in card.matters_for if m != ASK_ABOUT_GENE]
        named = [] if medicines_asked else uses if every_use else uses[:1]
        medicines = "; ".join(named)
        if card.level == "typical" and "these medicines" in card.meaning:
            # "at the usual speed" needs the medicines named first to say which ones
            return [wording.RESULT_CONCERNS.format(medicines=medicines), card.meaning] if medicines else []
        if not medicines or _named_already(medicines, card):  # "more sensitive to warfarin" says it
            return [card.meaning]
        return [card.meaning, wording.RESULT_MATTERS_FOR.format(medicines=medicines)]
    variants = [v for v in report.variants if v.gene.upper() == gene.upper()]
    card = variant_card(variants[0]) if variants else None
    return [card.meaning] if card is not None and card.meaning else []


def _medicines_in(text: str, card: Card) -> set[str]:
    """The card's CPIC medicines (generic names) that a piece of its wording names."""
    low = text.lower()
    return {m.lower() for m in card.medicines if m.lower() in low}


def _named_already(medicines: str, card: Card) -> bool:
    """Every medicine of the "matters for" entry is already named in the card's meaning sentence."""
    names = _medicines_in(medicines, card)
    return bool(names) and names <= _medicines_in(card.meaning, card)


def lead_medicines(report: Report, gene: str) -> set[str]:
    """The medicine names of a pharmacogenomic result's first "matters for" entry (its most important use)."""
    result = report.result_for(gene)
    if result is None:
        return set()
    card = pgx_card(result)
    first = card.matters_for[0] if card.matters_for and card.matters_for[0] != ASK_ABOUT_GENE else ""
    return _medicines_in(first, card)


# A question about the versions of a gene ("whats my CYP2C19 diplotype", "so i have 3 copies?", "what does the x2 mean")
_ASKS_VERSIONS = re.compile(r"\b(?:diplotypes?|genotypes?|star(?: alleles?)?|alleles?|versions?|variants?|cop(?:y|ies)|"
                            r"duplicat\w*|x\d|xn)\b|\*\d", re.IGNORECASE)
_COPY_NUMBER = re.compile(r"^\*?[\w.]+x(\d+|n)$", re.IGNORECASE)
_COUNT_WORDS = {3: "three", 4: "four", 5: "five", 6: "six"}
# "is that homozygous", "am i heterozygous for TPMT", "one copy or two?" (stop 48, explore12 R4: 4 of 4 such questions
# on a PGx result repeated the explanation without the word)
_ASKS_ZYGOSITY = re.compile(r"\b(?:homo|hetero)zyg\w*|\b(?:one|1) cop(?:y|ies) or (?:two|2|both)\b|"
                            r"\b(?:one|1) or (?:two|2|both) cop(?:y|ies)\b|\bboth cop(?:y|ies)\b|"
                            # (stop 51, fifteenth pass C1: "are my two copies the same?")
                            r"\b(?:two|2|both) (?:of )?(?:my |the )?(?:gene )?(?:copies|versions) (?:are |is )?(?:the )?"
                            r"(?:same|different|match)",
                            re.IGNORECASE)


def asks_zygosity(text: str) -> bool:
    """Asks whether two gene copies are the same or different ("am I homozygous", "are my two copies the same")."""
    return bool(_ASKS_ZYGOSITY.search(text))
_RS_PREFIX = re.compile(r"^rs\d+\s+", re.IGNORECASE)


def zygosity_note(gf: GeneFact) -> list[str]:
    """Whether the two versions of a listed diplotype are the same or different, with the lab's word for it. Worded
    without "you": the output guard reads "you are heterozygous" as a claim only a report's own zygosity field makes.

    >>> from bot.core.reply import ReportFact
    >>> zygosity_note(GeneFact("TPMT", [], ReportFact(gene="TPMT", diplotype="*1/*3C")))
    ['The two versions in TPMT *1/*3C are different. Two different versions are called heterozygous.']
    >>> zygosity_note(GeneFact("VKORC1", [], ReportFact(gene="VKORC1", diplotype="rs9923231 T/T")))
    ['The two versions in VKORC1 rs9923231 T/T are the same. Two versions that are the same are called homozygous.']
    """
    diplo = gf.fact.diplotype or ""
    alleles = [a.strip().lower() for a in _RS_PREFIX.sub("", diplo).split("/")]
    if len(alleles) != 2 or not all(alleles) or any(_COPY_NUMBER.match(a) for a in alleles):
        return []  # (an extra copy, "*1/*2x2", is neither: version_notes counts its copies)
    if alleles[0] == alleles[1]:
        return [f"The two versions in {gf.gene} {diplo} are the same. Two versions that are the same are called homozygous."]
    return [f"The two versions in {gf.gene} {diplo} are different. Two different versions are called heterozygous."]


def version_notes(gf: GeneFact, question: str) -> list[str]:
    """What the report says about the gene's versions, when the question asks about them (stop 45, ninth pass M5, M23:
    "so i have 3 copies?" on *1/*2x2 was told "you have two copies of each of these genes"; "whats my CYP2C19
    diplotype" on a report with only a phenotype had the KB's "like *2/*2" and nothing saying the report has none).

    >>> from bot.core.reply import ReportFact
    >>> um = GeneFact("CYP2D6", [], ReportFact(gene="CYP2D6", diplotype="*1/*2x2", phenotype="Ultrarapid Metabolizer"))
    >>> version_notes(um, "so i have 3 copies?")
    ['The x2 means one of your two CYP2D6 versions is there twice, so you have three copies of CYP2D6 in all.']
    >>> pm = GeneFact("CYP2C19", [], ReportFact(gene="CYP2C19", phenotype="Poor Metabolizer"))
    >>> version_notes(pm, "whats my CYP2C19 diplotype")
    ['Your report does not say which versions of CYP2C19 you have. It gives only the result.']
    """
    fact = gf.fact
    if fact.diplotype and not fact.hgvs and _ASKS_ZYGOSITY.search(question):
        zygosity = zygosity_note(gf)
        if zygosity:
            return zygosity
    if not _ASKS_VERSIONS.search(question):
        return []
    if fact.diplotype:
        alleles = fact.diplotype.split("/")
        extra = [(a, m.group(1)) for a in alleles if (m := _COPY_NUMBER.match(a.strip()))]
        if len(alleles) != 2 or len(extra) != 1:
            return []
        allele, times = extra[0]
        # (a star name standing alone reads to the output guard as a genotype the report lacks: the version is not named)
        if times.lower() == "n":
            return [f"The xN means one of your two {gf.gene} versions is there more than once, so you have more than "
                    f"two copies of {gf.gene}."]
        total = 1 + int(times)
        count = _COUNT_WORDS.get(total, str(total))
        return [f"The x{times} means one of your two {gf.gene} versions is there {'twice' if times == '2' else times + ' times'}"
                f", so you have {count} copies of {gf.gene} in all."]
    if fact.phenotype and not fact.hgvs and not gf.gene.startswith("HLA") and not fact.phenotype.startswith("*"):
        return [f"Your report does not say which versions of {gf.gene} you have. It gives only the result."]
    return []
