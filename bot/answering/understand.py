"""Understand a question against the report: genes, medicines, phenotype words, "my result", follow-ups.

>>> v = Vocabulary.builtin()
>>> u = understand("what about tramadol?", vocab=v, history=[Turn(role="bot", text="...", genes=["CYP2D6"])])
>>> u.genes, u.drugs
(['CYP2D6'], ['tramadol'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from bot.answering import vocab as V
from bot.core.protocols import Searcher
from bot.core.reply import Turn
from bot.core.report import Report
from bot.pgx.medicines import resolve_medicine
from bot.retrieval.terms import load_synonyms
from bot.safety.asks import only_asks_for_help

# Short symbols that are also everyday words ("atm" = at the moment): matched only in capitals.
CASE_SENSITIVE = {"ATM", "APC", "RET", "F5", "F2", "COMT", "HBB"}
# "explain my report", "anything important in my results?", "which results are not normal": the whole report
_WHOLE_REPORT = re.compile(
    r"\b(?:explain|summar\w*|sum up|recap|go over|go through|run through|look through|walk me through|break\s*down|"
    r"overview|tell me about|read)\b[^.?!]{0,30}"
    r"\b(?:report|results?)\b|\b(?:report|results?)\b[^.?!]{0,20}\b(?:simply|in (?:plain|simple|easy|normal|everyday)|"
    r"mean|means|say|says|show|shows)\b|\b(?:short|simple|quick|brief|plain|easy)\s+(?:version|summary|rundown|"
    r"explanation)\b[^.?!]{0,20}\b(?:report|results?)\b|\b(?:gist|rundown|tl;?dr)\b[^.?!]{0,20}\b(?:report|results?)\b|"
    r"\bwhat (?:are|were) my results\b|"
    r"\b(?:anything|something|what)\b[^.?!]{0,15}\b(?:important|matters?|should i know|to worry|stand out)\b|"
    r"\b(?:not normal|abnormal|unusual|out of (?:the )?ordinary)\b|\bwhich (?:of my )?results\b|\bquick summary\b|"
    r"\bwhich (?:one|gene|finding)s? (?:is|are|matters?) (?:the )?(?:big|biggest|main|most important|worst|important)\b|"
    # what the report lists: "what are the two things on my report", "which genes did my report test"
    r"\b(?:what|which)\b[^.?!]{0,25}\b(?:things?|findings?|genes?|conditions?|variants?|changes?|results?)\b"
    r"[^.?!]{0,20}\b(?:on|in|from|of|did|does) my (?:report|results?|tests?|panel)\b|"
    r"\bwhat did (?:my|the) (?:test|report|results?|panel|lab) (?:find|show|say|test|check|look (?:at|for))\b",
    re.IGNORECASE,
)
# "is my result bad?", "should I be worried": the patient asks how much a result matters
_WORRY = re.compile(
    r"\b(?:bad|worr\w*|serious|dangerous|concern\w*|scary|scared|good or bad|a problem|big deal|how bad|ok|okay|"
    r"normal|alarm\w*)\b",
    re.IGNORECASE,
)
# "my result", "this variant": one's own finding named without its gene
_MY_FINDING = re.compile(r"\b(?:my|this|the)\s+(?:result|variant|finding|mutation|gene change|diagnosis|condition)\b",
                         re.IGNORECASE)
# About the service, not the results ("delete my report", "can my employer see my results").
_ABOUT_SERVICE = re.compile(
    r"\b(?:delet\w*|eras\w*|remove|wipe|privacy|private|employer|insurance|insurer|who can see|share|sharing|"
    r"upload\w*|accurate|accuracy|reliable|cost|pay)\b",
    re.IGNORECASE,
)
# "are my medicines OK", "the meds I take": the patient's own medicine list (bot/pgx/medicines.py).
_MY_MEDICINES = re.compile(
    r"\bmy\s+(?:\w+\s+)?(?:medicines?|medications?|meds|drugs|pills|prescriptions?)\b"
    r"|\b(?:medicines?|medications?|meds|drugs|pills)\s+(?:that\s+)?i\s*(?:take|use|am\s+(?:taking|on)|'m\s+(?:taking|on))\b",
    re.IGNORECASE,
)
_PERSONAL = re.compile(r"\b(?:my|mine|me|i|i'm|im|i've|am i|do i|for me)\b", re.IGNORECASE)
_RESULTWORDS = re.compile(r"\b(?:result|results|report|status|type|genotype|diplotype|score|star|\*\d)", re.IGNORECASE)
_FOLLOWUP = re.compile(
    r"^\s*(?:and|also|what about|how about|same|ok(?:ay)?|so|then|but|why|how come)\b|\b(?:it|that|this|those|these|"
    r"them|the same|itself|the disease|the condition|the gene|the medicine|the drug|the result|the variant)\b",
    re.IGNORECASE,
)
_OTHER_ONE = re.compile(r"\b(?:the )?other (?:one|result|variant|gene|finding)s?\b", re.IGNORECASE)
_GENETICS = re.compile(
    r"\b(?:genes?|genetic\w*|genom\w*|dna|alleles?|diplotype|genotype|phenotype|metaboli[sz]\w*|variants?|mutations?|"
    r"pharmacogen\w*|pgx|inherit\w*|hereditary|carriers?|chromosom\w*|star allele|activity score|syndrome|lynch|"
    r"cystic fibrosis|ha?emochromatosis|factor v|brca|hboc|statins?|myopathy|ssris?|snris?|opioids?|antidepressants?|"
    r"blood thinners?|ppis?|chemo\w*|thiopurines?|anesthesia|enzymes?)\b", re.IGNORECASE
)
_SERVICE = re.compile(
    r"\b(?:reports?|results?|tests?|testing|tested|labs?|upload\w*|privacy|private|data|insurance|gina|counsel\w*|"
    r"share|sharing|pharmacists?|prescribers?|medicines?|medications?|meds|drugs?|pills?|delete|deleting|erase|"
    r"my (?:information|info|account|chat|conversation|history))\b",
    re.IGNORECASE,
)
_UPLOAD = re.compile(r"\b(?:upload\w*|files?|pdfs?|json|tsv|csv|pharmcat|paper copy|put my|send my|haven'?t uploaded)\b",
                     re.IGNORECASE)
# Topics that stand on their own even in a short "can they see this?" message.
_OWN_TOPIC = re.compile(r"\b(?:insurance|insurer|employer|job|gina|privacy|private|data|delete|erase|cost|price|pay|"
                        r"upload\w*|file|lab|counsel\w*|appointment|doctor|pharmacist|activity score|star allele|"
                        r"diplotype|phenotype|pharmacogenomics|vus)\b", re.IGNORECASE)
_ABNORMAL = re.compile(r"\b(?:not normal|abnormal|unusual|not typical|out of range|flagged|matters? (?:the )?most|"
                       r"most important|anything (?:wrong|bad|concerning)|should i worry about)\b", re.IGNORECASE)
# British spellings of the result words ("poor metaboliser"): read as the report writes them ("metabolizer").
_BRITISH = re.compile(r"metabolis(?=e|ing)")
_GENE_AFTER = re.compile(r"\s*-?\s*(?:genes?|genetics?|genotypes?|dna)\b", re.IGNORECASE)
_GENE_ALLELE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]{1,6}(?:-[A-Za-z0-9]{1,4})?)\s*(\*\d+[A-Za-z]?(?::\d+)?)")


def _pattern(term: str, case_sensitive: bool = False) -> re.Pattern[str]:
    body = r"[\s\-]?".join(re.escape(p) for p in re.split(r"[\s\-]+", term.strip()))
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", 0 if case_sensitive else re.IGNORECASE)


@dataclass
class Vocabulary:
    """Known genes and medicines, with synonyms, and which genes each medicine is linked to."""

    genes: set[str]
    drug_genes: dict[str, list[str]]
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    conditions: dict[str, list[str]] = field(default_factory=dict)  # other KB terms' short forms ("mh")

    @cached_property
    def short_forms(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        """One pattern for every condition short form (one search per message, built once), and form -> full name."""
        full = {f.lower(): term for term, forms in self.conditions.items() for f in forms}
        if not full:
            return None, full
        alternatives = "|".join(re.escape(f) for f in sorted(full, key=len, reverse=True))
        return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])"), full

    def __post_init__(self) -> None:
        pats: list[tuple[re.Pattern[str], str, str]] = []
        words: list[tuple[str, ...]] = []

        def add(written: str, kind: str, term: str, case_sensitive: bool = False) -> None:
            pats.append((_pattern(written, case_sensitive), kind, term))
            words.append(tuple(w.casefold() for w in re.split(r"[\s\-]+", written.strip()) if w))

        # longest first so "HLA-B" wins over "HLA"; ties by name so the order never depends on the hash seed
        for gene in sorted(self.genes, key=lambda g: (-len(g), g)):
            add(gene, "gene", gene, gene in CASE_SENSITIVE)
        for gene, names in V.GENE_NICKNAMES.items():
            for n in names:
                add(n, "gene", gene)
        for group, members in V.GENE_GROUPS.items():
            for n in V.GROUP_NAMES[group]:
                for gene in members:
                    add(n, "gene", gene)
        for drug in sorted(self.drug_genes, key=lambda d: (-len(d), d)):
            add(drug, "drug", drug)
        for canonical, synonyms in self.synonyms.items():
            kind = "gene" if canonical.upper() in self.genes else "drug"
            target = canonical.upper() if kind == "gene" else canonical.lower()
            for w in synonyms:
                if w.strip():
                    add(w, kind, target)
        self._patterns = pats
        # A pattern can only match when each of its words occurs in the text. Patterns are filed under the
        # first three letters of their first word, so a message only visits the patterns filed under its own
        # three-letter pieces, then a substring test per word, and only then the regex.
        self._words = words
        self._by_trigram: dict[str, list[int]] = {}
        self._always: list[int] = []
        for i, ws in enumerate(words):
            if ws and len(ws[0]) >= 3:
                self._by_trigram.setdefault(ws[0][:3], []).append(i)
            else:
                self._always.append(i)

    @classmethod
    def builtin(cls) -> Vocabulary:
        return cls(set(V.PGX_GENES + V.HEREDITARY_GENES), dict(V.PGX_DRUG_GENES), dict(V.BRAND_NAMES))

    @classmethod
    def build(cls, *, kb_genes: Iterable[str] = (), kb_drug_genes: dict[str, set[str]] | None = None,
              synonyms: dict[str, list[str]] | None = None) -> Vocabulary:
        """Built-in lists merged with the knowledge base's own metadata and synonyms file."""
        drug_genes = {d: list(g) for d, g in V.PGX_DRUG_GENES.items()}
        for drug, genes in (kb_drug_genes or {}).items():
            # built-in CPIC links win: broad KB docs name many genes and medicines side by side
            drug_genes.setdefault(drug.lower(), sorted(g.upper() for g in genes))
        gene_set = set(V.PGX_GENES + V.HEREDITARY_GENES) | {g.upper() for g in kb_genes}
        syn = {k: list(v) for k, v in V.BRAND_NAMES.items()}
        other: dict[str, list[str]] = {}
        for canonical, words in (synonyms or {}).items():
            key = canonical.upper() if canonical.upper() in gene_set else canonical.lower()
            if key in gene_set or key in drug_genes:
                syn.setdefault(key, []).extend(words)
            else:  # a condition or term: only used to find the report result it names ("do i have MH")
                other.setdefault(key, []).extend(words)
        return cls(gene_set, drug_genes, syn, other)

    def named_as_genes(self, text: str, drugs: Sequence[str]) -> list[str]:
        """The medicines among ``drugs`` that the text names only as the name of a gene ("my warfarin gene", "the
        blood thinner genes"): a question about a result, not about taking the medicine. A medicine also written
        without "gene" after it ("is my warfarin gene why warfarin failed") is a medicine.

        >>> Vocabulary.builtin().named_as_genes("is my warfarin gene bad", ["warfarin"])
        ['warfarin']
        >>> Vocabulary.builtin().named_as_genes("is my warfarin gene why warfarin failed", ["warfarin"])
        []
        """
        ends: dict[str, list[int]] = {}
        for pat, kind, term in self._patterns:
            if kind == "drug" and term in drugs:
                ends.setdefault(term, []).extend(m.end() for m in pat.finditer(text))
        return [d for d, at in ends.items() if at and all(_GENE_AFTER.match(text, end) for end in at)]

    def without_names(self, text: str) -> str:
        """The text with every gene and medicine name it holds blanked out ("and what about plavix?" -> "and what
        about  ?")."""
        for pat, _, _ in self._patterns:
            text = pat.sub(" ", text)
        return re.sub(r"(?<![a-z0-9])brca(?![0-9a-z])", " ", text, flags=re.IGNORECASE)

    def detect(self, text: str) -> tuple[list[str], list[str]]:
        genes: list[str] = []
        drugs: list[str] = []
        folded = text.casefold()
        candidates = set(self._always)
        for gram in {folded[i : i + 3] for i in range(len(folded) - 2)}:
            candidates.update(self._by_trigram.get(gram, ()))
        for i in sorted(candidates):  # pattern order decides the order genes and medicines are listed in
            pat, kind, term = self._patterns[i]
            if not all(w in folded for w in self._words[i]):
                continue
            bucket = genes if kind == "gene" else drugs
            if term not in bucket and pat.search(text):
                bucket.append(term)
        # "brca" alone, or "the breast cancer gene", means one of the two BRCA genes
        if re.search(r"(?<![a-z0-9])brca(?![0-9a-z])|\bbreast[- ]cancer genes?\b", text, re.IGNORECASE):
            genes += [g for g in ("BRCA1", "BRCA2") if g not in genes]
        return genes, drugs


@dataclass
class Understanding:
    genes: list[str] = field(default_factory=list)  # asked about (directly, via a medicine, or inherited)
    drugs: list[str] = field(default_factory=list)
    named_genes: list[str] = field(default_factory=list)  # named in this very message
    phenotype_words: list[str] = field(default_factory=list)
    personal: bool = False
    about_result: bool = False
    about_upload: bool = False
    followup: bool = False
    genetics_words: bool = False
    service_words: bool = False
    about_my_medicines: bool = False  # "are my medicines OK with my genes?"
    whole_report: bool = False  # "explain my report": the answer plan that goes over every result
    worry: bool = False  # "is my result bad?": how much the result matters leads, from the card data
    missing_alleles: list[str] = field(default_factory=list)  # "HLA-B*15:02" asked, gene tested, allele not found
    emergency_line: bool = False  # an alarm was held back (a worried question, a concept word): the reply still names 911
    drugs_as_gene_names: list[str] = field(default_factory=list)  # "my warfarin gene": a result, not the medicine

    @property
    def medicines_asked(self) -> list[str]:
        """Medicines the question is about (not those only used to name a gene, "my blood thinner gene result")."""
        return [d for d in self.drugs if d not in self.drugs_as_gene_names]

    @property
    def domain(self) -> bool:
        """Names a gene, medicine or result word (so a health question is about genetics)."""
        return bool(self.genes or self.drugs or self.phenotype_words or self.genetics_words)

    @property
    def personal_result(self) -> bool:
        return self.personal and self.about_result

    asks_for_help: bool = False  # "where do I go from here", "can you help me": asks this service for a way in

    @property
    def on_topic(self) -> bool:
        """Talks about what GeneChat is for (reports, results, tests, care, privacy), even without a gene, or only asks
        it for help or the next step (never out of scope: that is what a patient with a new report asks)."""
        return self.personal_result or self.service_words or self.asks_for_help

    def in_report(self, report: Report | None) -> list[str]:
        have = set(report.genes) if report else set()
        return [g for g in self.genes if g in have]

    def not_in_report(self, report: Report | None) -> list[str]:
        have = set(report.genes) if report else set()
        return [g for g in self.named_genes if g not in have]


def _misspelled_drugs(text: str, vocab: Vocabulary) -> list[str]:
    """Medicines written with a typo ("clopidogrol"), read the way "My medicines" reads names."""
    out = []
    for word in _LONG_WORD.findall(text.lower()):
        med = resolve_medicine(word)
        # generic names only: a brand a letter away from an everyday word ("Prograf", "program") is not a guess
        if med.matched_by == "spelling" and med.brand is None and med.name in vocab.drug_genes and med.name not in out:
            out.append(med.name)
    return out


def understand(text: str, *, vocab: Vocabulary, history: Sequence[Turn] = (), report: Report | None = None) -> Understanding:
    genes, drugs = vocab.detect(text)
    if not drugs:
        drugs = _misspelled_drugs(text, vocab)
    if report is not None and {"BRCA1", "BRCA2"} <= set(genes) and not re.search(r"brca\s*[12]", text, re.I):
        genes = [g for g in genes if g not in ("BRCA1", "BRCA2") or g in report.genes] or genes
    for members in V.GENE_GROUPS.values():  # "my lynch result" on a report holding MLH1 is that result
        shared = [g for g in genes if g in members]
        if report is not None and len(shared) > 1 and set(shared) & set(report.genes) \
                and not any(re.search(rf"\b{g}\b", text, re.IGNORECASE) for g in shared):
            genes = [g for g in genes if g not in members or g in report.genes]
    genes += [g for g in _genes_by_report_token(text, report) if g not in genes]
    genes += [g for g in _genes_by_result_phrase(_with_full_names(text, vocab), report) if g not in genes]
    named = list(genes)
    for drug in drugs:
        genes += [g for g in vocab.drug_genes.get(drug, []) if g not in genes]
    lowered = _BRITISH.sub("metaboliz", text.lower())  # "poor metaboliser" is the report's "poor metabolizer"
    u = Understanding(
        genes=genes, drugs=drugs, named_genes=named,
        phenotype_words=[w for w in V.PHENOTYPE_WORDS if w in lowered],
        personal=bool(_PERSONAL.search(text)), about_result=bool(_RESULTWORDS.search(text)),
        about_upload=bool(_UPLOAD.search(text)), genetics_words=bool(_GENETICS.search(text)),
        service_words=bool(_SERVICE.search(text)), about_my_medicines=bool(_MY_MEDICINES.search(text)),
        whole_report=bool(_WHOLE_REPORT.search(text)) and not _ABOUT_SERVICE.search(text),
        worry=bool(_WORRY.search(text)), asks_for_help=only_asks_for_help(text),
    )
    if report is not None and not genes:  # "my report says poor": the report genes with that result type
        if _ABNORMAL.search(text):  # "which results are not normal": every result that is not the usual type
            u.genes += [r.gene.upper() for r in report.pharmacogenomics
                        if r.phenotype and not re.search(r"\bnormal\b|negative", r.phenotype, re.I)]
            u.genes += [v.gene.upper() for v in report.variants if v.gene.upper() not in u.genes]
        else:
            words = [w for w in V.RESULT_WORDS if re.search(rf"\b{w}\b", lowered)] if u.about_result else []
            words = [PHENO_ALIASES.get(w, w) for w in u.phenotype_words + words]
            u.genes += [g for g in _genes_with_result(report, words) if g not in u.genes]
    if drugs:
        u.drugs_as_gene_names = vocab.named_as_genes(text, drugs)
        # "my blood thinner gene result" names the report's warfarin genes as surely as "my VKORC1 result" (only the
        # report's: a linked gene the report lacks was not asked about)
        u.named_genes += [g for d in u.drugs_as_gene_names for g in vocab.drug_genes.get(d, [])
                          if report is not None and g in report.genes and g not in u.named_genes]
    if report is not None:
        u.missing_alleles = _missing_alleles(text, report, vocab)
    # a follow-up points back ("what about tramadol?", "is that bad?", "why?"); a self-contained question
    # ("what is an activity score") does not inherit the last topic
    points_back = (bool(_FOLLOWUP.search(text)) or len(text.split()) <= 3) and not _OWN_TOPIC.search(text)
    if not named and not u.genes and history and points_back:
        prev_genes, prev_drugs = _from_history(history, vocab)
        if report is not None and prev_genes and _OTHER_ONE.search(text):
            # "and the other one on my report?": the report's genes that were not just discussed
            others = [g for g in report.genes if g not in prev_genes]
            if others:
                prev_genes, prev_drugs = others, []
        if prev_genes or prev_drugs:
            u.followup = True
            u.genes += [g for g in prev_genes if g not in u.genes and not drugs]
            if not drugs:
                u.drugs += [d for d in prev_drugs if d not in u.drugs]
            if drugs and not u.genes:
                u.genes += prev_genes
    if report is not None and not u.genes and not u.followup and _MY_FINDING.search(text) \
            and report.variants and not report.pharmacogenomics:
        # "what cancers are linked to my result" on a hereditary report: its findings are what "my result" means
        u.genes += list(dict.fromkeys(v.gene.upper() for v in report.variants))[:3]
    return u


_TOKEN = re.compile(r"\brs\d{3,}\b|\b[cp]\.[A-Za-z0-9_>*+\-]+\w|\b[A-Za-z]{0,3}\d{3,}[A-Za-z]{2,}\w*|\*\d+[A-Z]?(?::\d+)?|"
                    r"(?<![\d:])\d{2}:\d{2}(?![\d:])",  # an HLA allele written without its star ("positive for 15:02")
                    re.IGNORECASE)


PHENO_ALIASES = {"vus": "uncertain", "uncertain significance": "uncertain", "carrier": "heterozygous",
                 "ultra rapid": "ultrarapid"}


def _genes_with_result(report: Report, words: list[str]) -> list[str]:
    if not words:
        return []
    genes = [r.gene.upper() for r in report.pharmacogenomics if r.phenotype and any(w in r.phenotype.lower() for w in words)]
    genes += [v.gene.upper() for v in report.variants
              if any(w in f"{v.classification} {v.zygosity}".lower() for w in words)]
    return list(dict.fromkeys(genes))


def _missing_alleles(text: str, report: Report, vocab: Vocabulary) -> list[str]:
    """Gene*allele names asked about whose gene is in the report but whose allele the report does not list."""
    out: list[str] = []
    for gene_raw, allele in _GENE_ALLELE.findall(text):
        genes, _ = vocab.detect(gene_raw)
        if not genes or genes[0] not in report.genes:
            continue
        result = report.result_for(genes[0])
        blob = " ".join(result.result_texts) if result else ""
        if allele not in blob:
            out.append(f"{genes[0]}{allele}")
    return out


def _norm_token(token: str) -> str:
    return re.sub(r"^(?:[cp]\.|[a-z](?=\d))", "", token.lower())


def _genes_by_report_token(text: str, report: Report | None) -> list[str]:
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
        blob = " ".join(_norm_token(t) for v in values for t in _TOKEN.findall(v))
        blob += " " + " ".join(v.lower() for v in values)
        if any(t in blob for t in tokens) and gene.upper() not in out:
            out.append(gene.upper())
    return out


# Words every result type shares: a phrase of these alone ("poor metabolizer") names no particular gene.
_RESULT_WORDS = frozenset(
    "poor intermediate normal rapid ultrarapid metabolizer function decreased increased reduced possible likely "
    "risk positive negative deficient variable indeterminate uncertain significance pathogenic benign carrier "
    "heterozygous homozygous result results status the of and with for".split()
)
_WORD = re.compile(r"[a-z][a-z0-9]+")
_LONG_WORD = re.compile(r"\b[a-z]{7,}\b")


def _with_full_names(text: str, vocab: Vocabulary) -> str:
    """The message plus the KB's full name of any short form in it ("do i have MH" + "malignant hyperthermia")."""
    pattern, full = vocab.short_forms
    if pattern is None:
        return text
    names = dict.fromkeys(full[m.group(0)] for m in pattern.finditer(text.lower()))
    return " ".join([text, *names])


def _genes_by_result_phrase(text: str, report: Report | None) -> list[str]:
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


def _from_history(history: Sequence[Turn], vocab: Vocabulary) -> tuple[list[str], list[str]]:
    """Genes and medicines of the most recent turn that had any (bot turns carry them; user turns are parsed)."""
    for turn in reversed(history):
        if turn.genes or turn.drugs:
            return list(turn.genes), list(turn.drugs)
        if turn.role == "user":
            genes, drugs = vocab.detect(turn.text)
            for drug in drugs:
                genes += [g for g in vocab.drug_genes.get(drug, []) if g not in genes]
            if genes or drugs:
                return genes, drugs
    return [], []


# Whether the report tested something ("was i tested for lynch", "is BRCA on my report", "did my panel check CFTR"):
# answered from the report (a gene it lacks is "not in your report"), not a decision about testing.
_ASKS_IF_TESTED = re.compile(
    r"\b(?:was|were|am|did|have|has)\s+(?:i|we|my (?:test|report|panel|lab|results?))\s+(?:ever\s+|already\s+|even\s+)?"
    r"(?:been\s+)?(?:tested|test|check|checked|screened|look(?:ed)? (?:at|for)|includ\w*|cover\w*)\b|"
    r"\b(?:is|are)\s+(?:there\s+)?(?:\w+\s+){0,3}?(?:on|in)\s+my\s+(?:report|results?|panel|test)\b|"
    r"\bdoes\s+my\s+(?:report|test|panel|results?)\s+(?:include|cover|have|show|test|check|look at)\b",
    re.IGNORECASE,
)


def asks_if_tested(text: str) -> bool:
    """Whether the message asks if the report tested something, not what to do about testing.

    >>> asks_if_tested("was i tested for lynch"), asks_if_tested("should my sister be tested for lynch")
    (True, False)
    """
    return bool(_ASKS_IF_TESTED.search(text))


# The next step after a result, and nothing else ("so what now", "where do I go from here", "what am I supposed to do
# with this"): what to do about a result is a care decision, so after a result question it goes to a person.
_NEXT_STEP = re.compile(
    r"^\W*(?:(?:so|ok|okay|and|well|then|um+|hmm+|right)\W+)*(?:"
    r"what now|now what|what(?:'?s| is| are)? (?:the )?next(?: steps?)?|what happens (?:now|next)|(?:what are )?my next steps?|"
    r"where do (?:i|we) go from here|what (?:am i|do i|should i|do i have to|can i) (?:supposed to )?do (?:now|next|"
    r"about (?:it|this|that)|with (?:this|that|it|these|my (?:info|information|results?|report)))"
    r")\W*(?:then|now|lol|tbh)?\W*$",
    re.IGNORECASE,
)


def asks_next_step(text: str) -> bool:
    """Whether the message only asks what to do next.

    >>> asks_next_step("ok so what now?"), asks_next_step("what are my next steps"), asks_next_step("what is CYP2D6")
    (True, True, False)
    """
    return bool(_NEXT_STEP.search(text.replace("\u2019", "'")))


# The words of a bare change of subject ("and plavix?", "ok what about CYP2C9", "same for tramadol"): nothing but these
# and the names of genes or medicines.
_SWAP_WORDS = frozenset(
    "and also ok okay so then but hmm alright right cool great what how about for with same of the my too as well "
    "pls please now next one tell me more".split()
)


def topic_swap(text: str, vocab: Vocabulary) -> bool:
    """A bare change of subject: the message names a gene or medicine and says nothing else but "and", "what about",
    "same for": it asks the previous question again about something else.

    >>> v = Vocabulary.builtin()
    >>> topic_swap("and what about plavix?", v), topic_swap("ok and CYP2C9", v), topic_swap("should I stop plavix", v)
    (True, True, False)
    """
    if len(text.split()) > 8:  # a bare change of subject is short (and blanking every name is not free)
        return False
    genes, drugs = vocab.detect(text)
    if not genes and not drugs:
        return False
    left = re.findall(r"[a-z']+", vocab.without_names(text).lower())
    return all(w in _SWAP_WORDS for w in left)


def kb_vocabulary(searcher: Searcher, kb_dir: Path) -> Vocabulary:
    """Vocabulary from the searcher's indexed passages plus the KB synonyms file."""
    kb_genes: set[str] = set()
    drug_genes: dict[str, set[str]] = {}
    for genes, drugs in searcher.indexed_topics():
        kb_genes |= {g.upper() for g in genes}
        if len(genes) > 2:
            continue
        for drug in drugs:
            drug_genes.setdefault(drug.lower(), set()).update(g.upper() for g in genes)
    try:
        synonyms = load_synonyms(kb_dir)
    except Exception:  # a malformed synonyms file must not take the engine down; the linter reports it
        synonyms = {}
    return Vocabulary.build(kb_genes=kb_genes, kb_drug_genes=drug_genes, synonyms=synonyms)
