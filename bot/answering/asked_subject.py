"""What a "does my report show X?" question asks about, and whether the knowledge base knows it at all.

"Can you see from my results if I'm lactose intolerant?" names no gene or medicine the knowledge base has. Left to
the search, its other words ("stomach", "results") pulled in Lynch syndrome and privacy text (stop 37). When the
thing asked about is a word no vetted passage uses, the honest reply is that there is no vetted information on it,
with a counselor offer, and no filler.

>>> asked_subjects("can u see from my results if im lactose intolerant? dairy wrecks my stomach")
['lactose intolerant']
>>> asked_subjects("is there a caffeine gene in my report"), asked_subjects("what does my CYP2C19 result mean")
(['caffeine'], [])
>>> asked_subjects("a short summary of my results for my oncologist please"), asked_subjects("a gene for baldness?")
([], ['baldness'])
>>> asked_subjects("do I have Huntington's disease"), asked_subjects("does caffeine affect me")
(['huntington'], ['caffeine'])
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from wordfreq import zipf_frequency

from bot.safety.statements import EVERYDAY_MEDICINE, UNLISTED_MEDICINE

# the thing asked about: "if/whether I'm X", "a gene/result for X", "is there an X gene/result", "my X gene"
_SUBJECT = re.compile(
    r"\b(?:if|whether)\s+(?:i'?m|im|i\s+am|i\s+have|i'?ve\s+got|i\s+get|i'?ll\s+(?:be|get|have)|i\s+will\s+(?:be|get|have)|"
    r"i'?d\s+(?:be|get|have)|i\s+(?:carry|could\s+(?:be|get|have)))\s+(?:an?\s+|the\s+)?(?P<a>[a-z']+(?:\s+[a-z']+)?)|"
    # ("a gene for lactose"; not "my results for my oncologist", who is whom they are for)
    r"\b(?:(?:genes?|markers?|variants?|tests?)\s+(?:for|about|on)|(?:results?|info|information)\s+(?:about|on))"
    r"\s+(?:an?\s+|the\s+)?(?P<b>(?!my\b|your\b)[a-z']+(?:\s+[a-z']+)?)|"
    r"\b(?:is\s+there|are\s+there|any|do\s+i\s+have|does\s+(?:it|my\s+report|the\s+report)\s+(?:show|have|list|include))\s+"
    r"(?:an?\s+|any\s+|my\s+)?(?P<c>[a-z']+)\s+(?:genes?|results?|variants?|markers?|tests?|info)\b|"
    r"^\W*(?P<d>[a-z']+)\s+genes?\W*$|"
    # (stop 42, sixth pass M5) "does caffeine affect me", "do I have Huntington's disease", "does my report say anything
    # about autism", "what about celiac disease", "is this test covered by medicare"
    r"^\W*(?:does|do|can|could|will|would)\s+(?P<e>[a-z']+)\s+(?:affect|impact|matter for)\s+me\b|"
    r"^\W*(?:do|could|might)\s+i\s+have\s+(?:an?\s+)?(?P<f>[a-z']+?)(?:'s|s)?(?:\s+(?:disease|syndrome|disorder))?\W*$|"
    r"\b(?:anything|something)\s+(?:about|on)\s+(?:my\s+)?(?P<g>[a-z']+)\W*$|"
    r"^\W*(?:what|how)\s+about\s+(?P<h>[a-z']+)(?:'s)?\s+(?:disease|syndrome|disorder)\b|"
    r"\bcovered\s+by\s+(?P<i>[a-z']+)\b|"
    # (stop 45, tenth pass N20) a term asked about: "what is a deletion?" had the privacy page ("you can delete your
    # session"), "what does frameshift mean?" a reply about worry; no vetted page explains either
    r"^\W*(?:what(?:'s|s| is| are)|wat is|define)\s+(?:an?\s+|the\s+)?(?P<j>[a-z']+)"
    r"(?:\s+(?:variants?|mutations?|changes?))?\W*$|^\W*what\s+does\s+(?:an?\s+|the\s+)?(?P<k>[a-z']+)\s+mean\W*$",
    re.IGNORECASE,
)
# words that say nothing about the subject itself
_GENERIC = {
    "a", "an", "the", "my", "any", "at", "risk", "of", "to", "be", "it", "this", "that", "in", "on", "for", "and", "or",
    "likely", "more", "less", "going", "gonna", "really", "actually", "also", "still", "ok", "okay", "fine", "normal",
    "bad", "good", "sick", "ill", "affected", "positive", "negative", "genetic", "gene", "genes", "result", "results",
    "report", "test", "dna", "one", "carrier", "type", "kind", "sort", "prone", "predisposed", "there", "have",
    "got", "get", "something", "anything", "what", "which", "pgx", "new", "other", "some", "those", "these",
}


def asked_subjects(text: str) -> list[str]:
    """The phrases a "does my report show X" question asks about (lower case), in order."""
    found = []
    for m in _SUBJECT.finditer(text):
        phrase = next(g for g in m.groups() if g)
        found.append(phrase.lower().strip())
    return found


_WORD = re.compile(r"[a-z]+")


def unknown_subject(text: str, known: AbstractSet[str]) -> str | None:
    """The first subject asked about whose every telling word is unknown to the knowledge base (``known``:
    ``KbWords.known``), if any."""
    for phrase in asked_subjects(text):
        words = [w.strip("'") for w in phrase.split() if w.strip("'") not in _GENERIC and len(w.strip("'")) > 2]
        if words and not any(w in known or w.rstrip("s") in known or _american(w) in known for w in words):
            return phrase
    return None


def _american(word: str) -> str:
    """The KB's (American) spelling of a British one: "metaboliser", "anaemia", "colour" (stop 52, seventeenth pass T4:
    "what's a metaboliser" was told nothing vetted answers it)."""
    word = re.sub(r"is(e|er|ers|ed|es|ing|ation)$", r"iz\1", word)
    return word.replace("aem", "em").replace("oes", "es").replace("our", "or")  # ("haemo" -> "hemo" by "aem" already)


def unknown_medicine(text: str, known: AbstractSet[str]) -> str | None:
    """A medicine named by its name (``statements.UNLISTED_MEDICINE``: "Xarelto", "apixaban", "Adderall") that no vetted
    passage mentions, if any (stop 39: "I take Xarelto, is that affected by my genes?" was shown the CYP2C9 result beside
    "CYP2C9 affects the blood thinner warfarin", which reads as a yes)."""
    for pattern in (UNLISTED_MEDICINE, EVERYDAY_MEDICINE):  # ... or a kind of medicine ("my inhaler")
        for m in pattern.finditer(text):
            words = re.findall(r"[a-z]+", m.group().lower())
            if set(words) & _KINDS:
                # a medicine named for what it treats ("my blood pressure pills"): the vocabulary knows the kinds the
                # knowledge base covers ("cholesterol pills": statins), so any other is unknown, whatever the KB says
                # about blood pressure itself (stop 40: NSAIDs' "high blood pressure" was shown)
                return m.group()
            if not any((w in known or w.rstrip("s") in known or f"{w}s" in known) and w not in _ONLY_IN_BRANDS
                       for w in words):
                return m.group()
    return None


# Medicine names the knowledge base uses only inside another medicine's brand ("Tylenol with Codeine"): plain Tylenol
# (acetaminophen) has no vetted passage (stop 45, ninth pass M6: "and tylenol?" after ibuprofen got the NSAID text)
_ONLY_IN_BRANDS = {"tylenol"}


# Words of a kind of medicine ("pills", "meds"): in a match of the patterns above, the words beside one name a condition
_KINDS = {"pill", "pills", "meds", "medicine", "medicines", "medication", "medications", "tablet", "tablets"}


# Words too common to tie a message to a document, however rarely a document uses them
_PLAIN = {"about", "after", "again", "also", "because", "before", "being", "could", "does", "doing", "from", "have",
          "into", "just", "like", "more", "most", "much", "need", "only", "other", "over", "people", "really", "should",
          "some", "such", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "very",
          "what", "when", "which", "while", "will", "with", "would", "your", "mine", "okay", "thing", "things", "stuff"}


# A heading word this common in English ("change", "help", "work", "family") names no topic of its own; "cancer" (4.9) and
# "score" (4.8) do (wordfreq's Zipf scale: 6 is "the"-like, 3 is rare)
_EVERYDAY_ZIPF = 4.95


def singular(word: str) -> str:
    """"cancers" -> "cancer", "scores" -> "score" (a heading's word and a question's meet in either number)."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


@dataclass(frozen=True)
class KbWords:
    """The words of the indexed passages, read once when the engine warms up."""

    known: frozenset[str]  # every word of the passages and their titles, lower case
    rare: dict[str, set[str]]  # words one or two documents use -> the genes named in the same sentence
    # words of a title or section heading that few documents use (at most ``max_topical``) -> the genes of the documents
    # they head ("cancers" -> the Lynch and BRCA genes, "score" -> the activity-score genes): the topics of the
    # explainers of a patient's own results
    topical: dict[str, set[str]] = field(default_factory=dict)


def index_kb_words(searcher: object, *, max_docs: int = 2, max_topical: int = 10) -> KbWords:
    """Every word of the passages (``searcher.chunks``: id -> passage), and the words that only one or two documents
    use, each with the genes named in the same sentence ("fava" -> {"G6PD"}: "Eating fava beans can trigger red
    blood cell breakdown in some people with G6PD deficiency"): a message with one of those is about that
    sentence's subject, whatever else it lacks."""
    docs: dict[str, set[str]] = {}
    genes: dict[str, set[str]] = {}
    doc_genes: dict[str, set[str]] = {}
    headed: dict[str, set[str]] = {}  # words of titles and section headings -> the documents they head
    lower: set[str] = set()  # written in lower case somewhere: a word, not only a name ("Boots", a pharmacy)
    for p in (getattr(searcher, "chunks", {}) or {}).values():
        text = f"{p.title} {p.text}"
        lower |= set(re.findall(r"(?<![.?!]\s)(?<!^)\b[a-z]+", text))
        doc_genes.setdefault(p.doc_id, set()).update(g.upper() for g in p.genes)
        for w in set(_WORD.findall(f"{p.title} {p.section}".lower())):
            headed.setdefault(singular(w), set()).add(p.doc_id)
        for w in set(_WORD.findall(text.lower())):
            docs.setdefault(w, set()).add(p.doc_id)
        for sentence in re.split(r"(?<=[.?!])\s+", p.text):
            named = {g.upper() for g in p.genes if g.lower() in sentence.lower()}
            for w in set(_WORD.findall(sentence.lower())) if named else ():
                genes.setdefault(w, set()).update(named)
    rare = {w: genes[w] for w, d in docs.items()
            if len(d) <= max_docs and len(w) >= 4 and w not in _PLAIN and w in lower and genes.get(w)}
    topical = {w: set().union(*(doc_genes.get(doc, set()) for doc in d)) for w, d in headed.items()
               if len(d) <= max_topical and len(w) >= 4 and w not in _PLAIN and zipf_frequency(w, "en") < _EVERYDAY_ZIPF}
    return KbWords(frozenset(docs), rare, {w: g for w, g in topical.items() if g})
