"""Pick the vetted KB sentences that answer a question: whole sentences, verbatim, in their own order."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from bot.answering.classes import blocked_mask, heading_match, sentence_classes
from bot.core.draft import list_items, passage_sentences
from bot.core.passage import Passage

_WORD = re.compile(r"[a-z0-9*]+")
_STOP = set(
    "a an the and or of to in on for is are was be it this that my me i you your what does do how why when which "
    "can could should would will with about mean means my am if at as by from have has had not no so than then "
    "there their they them what's whats tell explain please report result results say says said show shows "
    "list lists "
    # chat filler: "tax return help pls" must not match a passage on what "may help protect the brain"
    "help helps pls plz thanks thank hey hello okay just really also need want know".split()
)


def keywords(*texts: str) -> set[str]:
    words: set[str] = set()
    for text in texts:
        words |= {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}
    return words


def _score(sentence: str, keys: set[str], strong: set[str]) -> float:
    words = set(_WORD.findall(sentence.lower()))
    # another form of an asked word counts too: "pancreatic" asks about "cancer of the pancreas" (stop 52)
    stems = {w[:6] for w in words if len(w) >= 6}
    near = {k for k in keys - words if len(k) >= 6 and k[:6] in stems}
    return len(words & keys) + len(near) + 2.0 * len(words & strong)


# Sentences about the document itself make no sense in a chat reply.
_META = re.compile(r"\b(?:this|the) (?:page|document|article|guide|section|sheet)\b|\b(?:below|above)[.:]?$|"
                   r"\bread on\b|\bsee (?:the )?(?:next|following)\b", re.IGNORECASE)
# Words that lean on an earlier sentence: such a sentence cannot follow a left-out one ("it suggests the same thought").
_BACKREF = re.compile(r"\b(?:the same|also|too|this|these|those|both|either|such)\b", re.IGNORECASE)
# ("the two groups" points back like a pronoun: "Care teams treat the two groups in much the same way.")
_PRONOUN = re.compile(r"\b(?:it|its|they|them|this|these|those)\b|\bthe two (?:groups|kinds|types|terms|words|names)\b",
                      re.IGNORECASE)
_ANAPHOR = re.compile(r"^(?:in both|both|this|that|these|those|so|it|its|they|their|also|but|then|here|there|"
                      r"another|other|others|such|each|either|neither|"
                      # (stop 48, thirteenth pass R6: "Three are sevoflurane, desflurane and isoflurane." read alone)
                      r"(?:one|two|three|four|five|some|many|most|all|none) (?:are|is|of them)|the (?:first|second|third|last|"
                      r"rest|others?))\b", re.IGNORECASE)


def pick_sentences(
    passage: Passage, *, keys: set[str], strong: set[str], limit: int, simple: bool = False,
    allowed: set[str] | None = None, focus_genes: set[str] | None = None, bonus: set[str] | None = None,
    reject: Callable[[str], bool] | None = None, carried: set[str] | None = None, asked_drugs: set[str] | None = None,
) -> list[str]:
    """The best run of up to ``limit`` sentences of one passage, in their own order.

    A run, not scattered picks: KB sentences lean on the one before ("In both, ...", "This can ..."),
    so a run never starts on such a sentence unless it is the passage's first. Sentences about other
    result types than ``allowed`` (see ``classes``) are left out; the run may close over such a gap
    only when the sentence after it stands on its own.
    """
    every = passage_sentences(passage.text)
    meta = [bool(_META.search(x)) for x in every]
    # result types are read over every sentence, the dropped ones too: "For CYP2D6 normal, intermediate and poor
    # types, the guide does not suggest a change." names the types the next sentence is about (stop 39)
    blocked_every = blocked_mask(every, allowed, passage.section)
    # ... and a sentence that leans on a dropped one for its types cannot stand alone ("Ondansetron can be used in the
    # usual way" was told to patients with no CYP2D6 result)
    leaning = [i > 0 and meta[i - 1] and bool(sentence_classes(every[i - 1])) and not sentence_classes(every[i])
               for i in range(len(every))]
    sentences = [x for x, m in zip(every, meta) if not m]
    if not sentences:
        return []
    blocked = [b or lean for b, lean, m in zip(blocked_every, leaning, meta) if not m]
    if carried:  # what carrying the patient's own allele means, and the sentences that go on about it, are theirs
        blocked = [b and not own for b, own in zip(blocked, about_carried(sentences, carried))]
    if focus_genes:
        blocked = [a or b for a, b in zip(blocked, gene_mask(sentences, passage, focus_genes))]
    items = list_items(passage.text)
    intro = [x.rstrip().endswith(":") for x in sentences]
    if asked_drugs:  # "what about Crestor": a list's intro and Crestor's own item, not the list's first three items
        naming = [bool(set(_WORD.findall(s.lower())) & asked_drugs) for s in sentences]
        if any(n for s, n in zip(sentences, naming) if s in items):
            blocked = [b or (s in items and not n) for s, b, n in zip(sentences, blocked, naming)]
        elif any(naming):  # (stop 48) "what about nexium": its own sentence after the list, none of the list's items
            blocked = [b or (s in items or intro[i]) for i, (s, b) in enumerate(zip(sentences, blocked))]
        if any(naming) and items:  # ... and, beside a list of medicines, no sentence only about the list's others
            # ("Esomeprazole (Nexium) and rabeprazole (Aciphex) depend less" told to an omeprazole question)
            blocked = [b or _opens_on_other_drug(s, passage, asked_drugs) for s, b in zip(sentences, blocked)]
    if reject:  # sentences the output guard would drop leave a gap anyway: plan around them
        blocked = [b or reject(s) for s, b in zip(sentences, blocked)]
    scores = [_score(s, keys, strong) for s in sentences]
    if bonus:  # e.g. the patient's own genes: in a medicine's document, those sentences tie it to their result
        scores = [sc + 2.0 * bool(set(_WORD.findall(s.lower())) & bonus) for s, sc in zip(sentences, scores)]
    if allowed:  # a sentence naming the patient's own result type is what they asked about
        scores = [sc + 2.0 * bool(sentence_classes(s) & allowed) for s, sc in zip(sentences, scores)]
    raw = list(scores)
    if simple:  # short sentences read more easily; prefer them when the reading grade was too high
        scores = [sc - len(s.split()) / 25.0 for s, sc in zip(sentences, scores)]
    kept = [i for i, b in enumerate(blocked) if not b]
    if not kept:
        return []
    after_gap = {i for n, i in enumerate(kept) if (kept[n - 1] if n else -1) != i - 1}
    # after a left-out sentence, one that points back to it cannot be read alone
    kept = [i for i in kept if not (i in after_gap and i > 0 and _BACKREF.search(sentences[i]))]
    if not kept:
        return []
    after_gap = {i for n, i in enumerate(kept) if (kept[n - 1] if n else -1) != i - 1}
    # a run about another of the page's medicines than the one asked does not open it, when the asked one is named
    names_asked = bool(asked_drugs) and any(set(_WORD.findall(x.lower())) & asked_drugs for x in sentences)
    other_drug_first = [names_asked and _opens_on_other_drug(x, passage, asked_drugs) for x in sentences]
    # a section about the patient's own type opens with its definition: read it from the start
    opening_only = heading_match(passage.section, allowed) and kept[0] == 0
    for size in range(min(limit, len(kept)), 0, -1):
        best: tuple[float, int] | None = None
        for n in range(1 if opening_only else len(kept) - size + 1):
            window = kept[n:n + size]
            if window[0] > 0 and other_drug_first[window[0]]:
                continue  # (stop 42) a codeine question opened with "Tramadol is sold as Ultram and Ultracet."
            if (window[0] > 0 and _ANAPHOR.match(sentences[window[0]])) or any(
                    i in after_gap and _ANAPHOR.match(sentences[i]) for i in window[1:]):
                continue
            if any(intro[i] and not (k + 1 < len(window) and window[k + 1] == i + 1 and sentences[i + 1] in items)
                   for k, i in enumerate(window)):
                # (stop 47, twelfth pass R1) a list's intro reads only with an item of its list after it: "The CPIC guide
                # covers these PPIs:" glued to "Esomeprazole (Nexium) ... depend less on CYP2C19." said the opposite
                continue
            score = sum(scores[i] for i in window) + (1.5 if window[0] == 0 else 0.0)  # openings read best
            if window[0] > 0 and _PRONOUN.search(sentences[window[0]]):
                score -= 1.5  # "People take it after ..." read alone: what is "it"?
            if best is None or score > best[0]:
                best = (score, n)
        if best is not None:
            chosen = kept[best[1]:best[1] + size]  # (a passage's opening run reads as one unit: kept whole)
            while chosen[0] > 0 and len(chosen) > 1 and _ANAPHOR.match(sentences[chosen[-1]]) and raw[chosen[-1]] <= 0:
                chosen.pop()  # a trailing "This ..." that adds nothing asked about
            return [sentences[i] for i in _with_list_intro(chosen, sentences, items, intro, blocked)]
    return []


def _with_list_intro(chosen: list[int], sentences: list[str], items: list[str], intro: list[bool],
                     blocked: list[bool]) -> list[int]:
    """A run that opens on a list item gets its list's intro in front: "Lansoprazole, sold as Prevacid." alone reads as
    a fragment (stop 48, thirteenth pass), "The CPIC guide covers these PPIs: Lansoprazole, sold as Prevacid." does not."""
    j = chosen[0] - 1
    if sentences[chosen[0]] not in items:
        return chosen
    while j >= 0 and sentences[j] in items:
        j -= 1
    if j < 0 or not intro[j] or blocked[j]:  # (a blocked intro: one the output guard would drop, or about another gene)
        return chosen
    return [j, *chosen]


def _opens_on_other_drug(sentence: str, passage: Passage, asked_drugs: set[str] | None) -> bool:
    """The sentence names another of the passage's medicines and none of those asked about."""
    if not asked_drugs:
        return False
    words = set(_WORD.findall(sentence.lower()))
    others = {d.lower() for d in passage.drugs} - asked_drugs
    return bool(words & others) and not words & asked_drugs


_ALLELE = re.compile(r"\b[a-z]+\d*-?[a-z]*\d*\*\d+:\d+", re.IGNORECASE)


def about_carried(sentences: Sequence[str], carried: set[str]) -> list[bool]:
    """Sentences about an allele the patient carries ("hla-b*15:02"): the one naming it and those after it, until
    another allele is named.

    >>> about_carried(["People who carry HLA-B*15:02 risk a skin reaction.", "These are rare.", "HLA-A*31:01 too."],
    ...               {"hla-b*15:02"})
    [True, True, False]
    """
    out: list[bool] = []
    current = False
    for s in sentences:
        named = {m.lower() for m in _ALLELE.findall(s)}
        if named:
            current = bool(named & carried)
        out.append(current)
    return out


def gene_mask(sentences: Sequence[str], passage: Passage, focus: set[str]) -> list[bool]:
    """Sentences about other genes of a many-gene passage ("A harmful TP53 variant ..." for an MLH1 question).

    Like result types, a sentence naming no gene is about the gene last named (the heading counts).
    """
    others = [g for g in passage.genes if g not in focus]
    if not others:
        return [False] * len(sentences)
    pats = {g: re.compile(rf"(?<![A-Za-z0-9]){re.escape(g)}(?![A-Za-z0-9])") for g in [*passage.genes, *focus]}

    def named(text: str) -> set[str]:
        return {g for g, pat in pats.items() if pat.search(text)}

    current = named(passage.section)
    if current & focus:
        current = current & focus
    out: list[bool] = []
    for s in sentences:
        current = named(s) or current
        out.append(bool(current) and not (current & focus))
    return out


EXPLAINS_SECTION = 3


# Vetted KB text never changes while serving, and the same passages come back from several searches per answer:
# split and judge each (text, section, result types) once. Keys are strings and frozensets; results are immutable.
@lru_cache(maxsize=8192)
def _chat_sentences(text: str) -> tuple[str, ...]:
    return tuple(s for s in passage_sentences(text) if not _META.search(s))


def explains_result(passage: Passage, allowed: set[str] | None) -> int:
    """3: the section is about the patient's result type; 2: a kept sentence is about it alone
    ("An intermediate type has ..."); 1: a kept sentence names it with others; 0: neither."""
    if not allowed:
        return 0
    return _explains(passage.section, passage.text, frozenset(allowed))


@lru_cache(maxsize=8192)
def _explains(section: str, text: str, allowed: frozenset[str]) -> int:
    if heading_match(section, allowed):
        return EXPLAINS_SECTION
    sentences = passage_sentences(text)
    blocked = blocked_mask(sentences, allowed, section)
    found = [sentence_classes(s) for s, b in zip(sentences, blocked) if not b]
    if any(c and c <= allowed for c in found):
        return 2
    return int(any(c & allowed for c in found))


# Sections for a particular situation (a home test, tumor testing, children): only when the question is about it.
_SITUATIONS = [
    (re.compile(r"direct-to-consumer|home (?:gene )?tests?|ancestry|raw data", re.I),
     re.compile(r"home|23andme|ancestry|consumer|raw data|kit|online|saliva|dtc", re.I)),
    (re.compile(r"germline or tumor|tumor testing|germline vs", re.I),
     re.compile(r"tumou?r|germline|somatic|biopsy|my cancer", re.I)),
    (re.compile(r"\bchildren and breastfeeding|breastfeeding", re.I),
     re.compile(r"child|kid|son|daughter|baby|breast ?feed|nursing|teen|pregnan", re.I)),
]


def situational_mismatch(passage: Passage, question: str) -> bool:
    """The passage is about a situation (home tests, tumor tests, breastfeeding) the question does not raise."""
    head = f"{passage.title} {passage.section}"
    return any(where.search(head) and not asks.search(question) for where, asks in _SITUATIONS)


def near_duplicate(sentence: str, others: Sequence[str]) -> bool:
    """Says what an earlier sentence already said ("A score above the normal range means ultrarapid type/metabolizer")."""
    words, content = set(_WORD.findall(sentence.lower())), keywords(sentence)
    for o in others:
        theirs = set(_WORD.findall(o.lower()))
        if words and theirs and len(words & theirs) / len(words | theirs) >= 0.7:
            return True
        # ... in other words, from another page: most of the shorter one's content words are in the other (stop 46,
        # tenth pass N28: "A drug that relaxes muscles, succinylcholine (Anectine, Quelicin), is also a trigger." and
        # "Another is a drug that relaxes muscles, called succinylcholine (Anectine, Quelicin)." in one reply)
        shared = len(content & (mine := keywords(o)))
        if content and mine and (shared >= 4 and shared / min(len(content), len(mine)) >= 0.7
                                 or shared >= 3 and shared / min(len(content), len(mine)) >= 0.75):
            return True
    return False


def relevant(passage: Passage, question_keys: set[str]) -> bool:
    """Shares a content word with the question (title, section or text): unrelated passages never pad a reply."""
    words = set(_WORD.findall(f"{passage.title} {passage.section} {passage.text}".lower()))
    stems = {w[:5] for w in words}
    return any(k in words or k[:5] in stems for k in question_keys)


def _stem(word: str) -> str:
    """A word without its ending, so "inherited" meets "inherit" and "policies" meets "policy", but "police" does not
    meet "policy" (a five-letter prefix did: a police question was answered from the insurance page)."""
    for suffix, to in (("ies", "y"), ("ied", "y"), ("ings", ""), ("ing", ""), ("ers", ""), ("er", ""), ("es", ""),
                       ("ed", ""), ("ly", ""), ("s", ""), ("e", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + to
    return word


def topic_keys(question: str) -> set[str]:
    """The question's words that name what it is about (gene and medicine names are matched elsewhere)."""
    return keywords(question) - _NOT_A_TOPIC


def about_asked(passage: Passage, keys: set[str]) -> bool:
    """The passage speaks of one of the question's topic words (``topic_keys``), word for word or in the KB's words
    for it ("kids": children)."""
    stems, groups = _asked_forms(frozenset(keys))
    words = {_stem(w) for w in _WORD.findall(f"{passage.title} {passage.section} {passage.text}".lower())}
    return bool(words & stems) or bool(topic_hits(passage, groups))


@lru_cache(maxsize=256)
def _asked_forms(keys: frozenset[str]) -> tuple[frozenset[str], list[set[str]]]:
    """The topic words' stems and the KB's words for them, once per question (``about_asked`` runs per passage)."""
    return frozenset(_stem(k) for k in keys), topic_words(" ".join(sorted(keys)), set())


_ADVICE = re.compile(r"^(?:talking with|questions (?:about|to ask)|getting help|sharing|using .* with your care team)",
                     re.IGNORECASE)


# A patient's words for a topic and the words KB text uses for it.
_TOPIC_WORDS = {
    "inherit": {"inherit", "passed down", "pass it", "dominant", "recessive", "one in two", "one in four", "parent"},
    "pass": {"inherit", "passed down", "pass it", "dominant", "recessive"},
    "family": {"family", "families", "relatives", "children", "child", "parents", "brothers", "sisters"},
    "relatives": {"family", "families", "relatives", "children", "brothers", "sisters"},
    "kids": {"child", "children", "teen", "baby", "babies"},
    "child": {"child", "children", "teen", "baby", "babies"},
    "children": {"child", "children", "teen", "baby", "babies"},
    "cancer": {"cancer", "cancers", "tumor"},
    "cancers": {"cancer", "cancers", "tumor"},
    "change": {"change", "moved", "reclassif", "updates"},
    "later": {"later", "over time", "moved", "reclassif"},
    "pregnan": {"pregnan", "partner", "baby"},
    # (stop 39) a surgery or dental visit told: the section on what to tell the team ("Before surgery, dental work or a
    # procedure"), not the first section that says "surgery"; (stop 44) so do the anaesthetist and named operations
    **dict.fromkeys(("surg", "operation", "dentist", "dental", "wisdom", "teeth", "tooth", "procedure", "anesthe", "anaesthe",
                     "gallbladder", "caesar", "cesar", "c-sect", "csect", "replacement", "appendix", "knee", "hip", "hernia",
                     "tonsil"),
                    {"surg", "dentist", "dental", "procedure"}),
    # (stop 44, eighth pass M9) "what would a bad reaction look like", "when should I go to the ER during chemo": the
    # section on the signs to watch for
    **dict.fromkeys(("reaction", "symptom", "emergenc", "toxic"),
                    {"watch", "right away", "warning sign", "signs of"}),
    # (stop 45, ninth pass M14) checkups asked in any words: the section on screening and managing the risk
    **dict.fromkeys(("screen", "checkup", "check-up", "checks", "mri", "mammo", "colonoscop", "surveil", "monitor"),
                    {"screen", "mri", "colonoscop", "breast checks", "find cancer early", "manage"}),
    **dict.fromkeys(("treatment", "treat", "cure", "therap"), {"medicines", "treatment", "treat"}),
    # (stop 51, fifteenth pass C4: "does it skip generations" on a BRCA2 report had nothing vetted; the page on how
    # conditions are passed down answers it)
    "generation": {"inherit", "passed down", "parent", "dominant", "recessive", "penetrance"},
}
# Words that say nothing about which part of a document answers ("what does my result mean").
_GENERIC = set("gene genes genetic variant variants test tested testing mean means meaning what does result results "
               "report type types metabolizer metabolizers function pathogenic uncertain significance vus carrier "
               "positive negative normal poor intermediate rapid ultrarapid decreased increased have take taking "
               "took use using used need know get got should could would will can want just okay really thing "
               "things anything something".split())
# Words that name no topic either (beyond ``_STOP``, which ``keywords`` drops): pointers, filler, and "dna"/"test", which
# every page of the KB speaks of (stop 50: "can the police get my dna from this test" was answered from the transplant
# and no-call sections for sharing "dna")
_NOT_A_TOPIC = set("these those here stuff like yeah yes lol honestly basically actually even still much many more most "
                   "very any some every sure fine right wrong good bad guys kind sort gene genes genetic dna test tests "
                   "tested testing meaning take taking took use using used get got thing things anything something "
                   "simple simply plain words word terms english layman laymans easy difference between".split())
# "what does BRCA2 do": the section on what the gene does
_FUNCTION_Q = re.compile(r"\bwhat (?:does|do) .+ do\b|\bwhat is .+ for\b|\bjob\b", re.IGNORECASE)


def topic_words(question: str, skip: set[str]) -> list[set[str]]:
    """The question's topic words (not genes, medicines or result words), each with the KB's words for it."""
    out: list[set[str]] = []
    skip = {x.lower() for x in skip}
    for w in sorted(keywords(question) - _GENERIC - skip):
        if any(x.startswith(w) for x in skip):
            continue  # "brca" for BRCA1/BRCA2
        syn = next((v for k, v in _TOPIC_WORDS.items() if w.startswith(k)), None)
        out.append((syn or set()) | {w[:6] if len(w) > 6 else w})
    if _FUNCTION_Q.search(question):
        out.append({" do\n", " does", " do ", "job", "makes", "help with", "helps with"})
    return out


_MEANING_Q = re.compile(r"\bwhat(?:'s|s| is| are| does| do)\b|\bmean\w*\b|\bdefin\w*|\bwth is\b|\bexplain\b",
                        re.IGNORECASE)


def concept_topics(question: str, skip: set[str]) -> list[set[str]]:
    """The terms a "what does X mean" question asks about (not genes, medicines or result words); [] otherwise."""
    if not _MEANING_Q.search(question):
        return []
    return [g for g in topic_words(question, skip) if not all(t.startswith(" ") for t in g)]  # not "what does X do"


# Words that frame a "what is X" question rather than name X ("what does X look like", "how does X work")
_FRAME = set("look looks like feel feels happen happens work works stand called exactly actually usually normally "
             "mean means meaning".split())


# A short question opening on the term it asks about ("what is respiratory depression", "define serotonin syndrome")
_TERM_Q = re.compile(r"^\W*(?:so\s+|and\s+|ok\s+)?(?:what(?:'s|s| is| are| does| do)|wat(?:'s| is| does)|wth is|"
                     r"define|meaning of|explain)\b", re.IGNORECASE)
_TERM_Q_WORDS = 8
# "what does 'dead space' mean", "what is the term “poor metabolizer”"
_QUOTED_TERM = re.compile(r"\b(?:what(?:'s| is| are| does| do)|meaning of|define)\s+(?:the (?:term|word|phrase)\s+)?"
                          r"['\"\u2018\u201c]([^'\"\u2019\u201d]{3,40})['\"\u2019\u201d]", re.IGNORECASE)


def asked_term(question: str, skip: set[str]) -> list[set[str]]:
    """The words of a term of two or more words that a "what is X" question asks about, each with the KB's words for it
    ("respiratory depression", "stevens-johnson syndrome"); [] when the question asks no such term. A passage is about the
    term only when it speaks of every word of it.

    >>> [sorted(g) for g in asked_term("what is respiratory depression", set())]
    [['depres'], ['respir']]
    >>> asked_term("what does my CYP2C19 result mean", {"cyp2c19"})
    []
    """
    skip = {x.lower() for x in skip}
    quoted = _QUOTED_TERM.search(question)
    if quoted:  # the term in quotes is the term, however long the message ("What does 'dead space' mean on a floor
        # plan? The architect keeps ...": stop 52, corpus 29 dev had an MT-RNR1 passage on its "plan" and "space")
        question = quoted.group(1)
    elif not _TERM_Q.match(question) or len(question.split()) > _TERM_Q_WORDS:
        return []  # (a longer message's adjacent words are seldom one term: "my lab only listed the star alleles, ...")
    content = keywords(question) - _GENERIC - _NOT_A_TOPIC - _FRAME - skip
    runs: list[list[str]] = [[]]
    for w in _WORD.findall(question.lower()):
        if w in content and not any(x.startswith(w) for x in skip):
            runs[-1].append(w)
        else:
            runs.append([])
    longest = max(runs, key=len)
    if len(longest) < 2:
        return []
    return [(next((v for k, v in _TOPIC_WORDS.items() if w.startswith(k)), None) or set()) | {w[:6]}
            for w in sorted(set(longest))]


def names_topic(p: Passage, topics: list[set[str]], *, title_only: bool = False, section_only: bool = False) -> bool:
    """The passage's title or section names one of the asked terms ("Heterozygous and homozygous")."""
    head = (p.title if title_only else p.section if section_only else f"{p.title} {p.section}").lower()
    return any(t in head for group in topics for t in group if len(t) >= 4)


def topic_hits(p: Passage, topics: list[set[str]], *, heading_only: bool = False) -> int:
    """How many of the question's topics the passage speaks of (``heading_only``: its section heading names)."""
    text = p.section.lower() if heading_only else f"{p.title}\n {p.section}\n {p.text}".lower()
    return sum(any(t in text for t in group) for group in topics)


def is_advice(p: Passage) -> bool:
    """A "talking with your care team" section: our fixed next steps already say this."""
    return bool(_ADVICE.search(p.section))


def names_medicines(p: Passage, drugs: Sequence[str]) -> set[str]:
    """The medicines of ``drugs`` the passage's text names as words (a page's drug list is the whole page's)."""
    return {d for d in drugs if re.search(rf"\b{re.escape(d)}\b", p.text, re.IGNORECASE)}


def drug_document(p: Passage) -> bool:
    """A medicine's own document: its title names one of its medicines, or its id says so (KB naming: drug-*)."""
    return p.doc_id.startswith("drug-") or any(d.lower() in p.title.lower() for d in p.drugs)


def is_overview(p: Passage) -> bool:
    return p.section.lower() == "overview" or p.chunk_id.endswith("#0")


def rank_passages(
    passages: Sequence[Passage], genes: Sequence[str], drugs: Sequence[str], hints: set[str] | None = None,
    *, explains: Callable[[Passage], int] | None = None, overview_first: bool = False,
    topics: list[set[str]] | None = None, type_asked: bool = False, lead_drugs: set[str] | None = None,
    own_result: bool = False, carried: set[str] | None = None,
) -> list[Passage]:
    """Search order, but passages about an asked medicine, then an asked gene go first; among those, the ones about
    the question's topic, then (for "what is X") the document's overview, then the ones that explain the patient's
    result type, then the patient's result words.
    A medicine's own document that nobody asked about goes after the gene documents; among those, the document of
    the patient's most important medicine (``lead_drugs``, from their result's card) goes first. With ``own_result``
    (the report has a result for the question), an asked medicine's section on that result's type leads its page.
    """
    wanted_g, wanted_d = set(genes), {d.lower() for d in drugs}
    hints = hints or set()

    def key(item: tuple[int, Passage]) -> tuple[int, ...]:
        i, p = item
        drug_hit = len(wanted_d & {d.lower() for d in p.drugs})
        gene_hit = len(wanted_g & set(p.genes))
        hint_hit = len(hints & set(_WORD.findall(p.text.lower())))
        explain = explains(p) if explains else 0
        topic = topic_hits(p, topics) if topics else 0  # "how is it inherited": the section about inheritance
        # ... and the section whose heading names one of the topics the KB has words for ("surgery": "Before surgery,
        # dental work or a procedure"; a bare word of the question is too weak a sign to reorder by)
        headed = topic_hits(p, [t for t in topics if len(t) > 1], heading_only=True) if topics else 0
        unasked_drug_doc = int(not wanted_d and drug_document(p) and not topic)  # ("cholesterol pills" asks one)
        lead = int(bool(lead_drugs and unasked_drug_doc and lead_drugs & {d.lower() for d in p.drugs}))
        drug_doc = int(bool(drug_hit) and drug_document(p))  # the asked medicine's own document
        # ... its section that names the medicine first: a document's medicines are the whole page's, so its section on
        # what the condition is had led "what does my result mean for succinylcholine", and the section saying it is a
        # trigger was skipped as covering nothing new (stop 46, tenth pass N19)
        names_drug = int(drug_doc and bool(names_medicines(p, sorted(wanted_d))))
        # ... but ahead of it, the section on the patient's own result type: "omeprazole. relevant?" from a poor
        # metabolizer had the list of PPIs, and "PPIs in CYP2C19 poor and intermediate metabolizers" was skipped as
        # covering nothing new (stop 48, explore12 R1)
        own_type = explain if drug_doc and own_result else 0  # (the report's result, not a type named in the question)
        # ... or the section headed by a version the patient carries ("HLA-B*15:02 and carbamazepine or oxcarbazepine"
        # had been passed over for the brand names and the other gene's negative result; stop 52, seventeenth pass S3)
        own_type = max(own_type, EXPLAINS_SECTION * int(drug_doc and any(a in p.section.lower() for a in carried or ())))
        overview = int(overview_first and is_overview(p))
        advice = int(is_advice(p))
        # "what does a negative result mean": the section on that result type is as much on topic as a gene
        hit = min(drug_hit + gene_hit, 1) or int(type_asked and explain == EXPLAINS_SECTION)
        return (-drug_doc, -own_type, -names_drug, -hit, unasked_drug_doc, -lead, -headed, -topic, -overview, -explain, advice,
                -min(hint_hit, 2), i)

    seen: set[str] = set()
    out: list[Passage] = []
    for _, p in sorted(enumerate(passages), key=key):
        if p.chunk_id not in seen:
            seen.add(p.chunk_id)
            out.append(p)
    return out
