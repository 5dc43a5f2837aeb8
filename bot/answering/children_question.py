"""Does a message ask what the patient's result means for their own children ("will my kids get it", "does this
affect my future children", "are my kids poor metabolizers as well")?

Issue 15, round 5: the family rules of bot/safety escalate most wordings of that question (a child's own chance of
having the result is a personal interpretation for a counselor), but a word more ("my *future* kids", "my *grandkids*",
"does it *go to* my children") slipped past them and was answered, so the action followed the wording. How genes pass
on in general ("can BRCA2 be passed to children", no "my") is education and is not matched here; nor are the parents
("did I get it from my mum"), whose question is how the patient came to have the result.

>>> asks_about_own_children("does that affect my future kids"), asks_about_own_children("n my kids??")
(True, True)
>>> asks_about_own_children("are my kids poor metabolizers as well"), asks_about_own_children("is my son going to get it from me")
(True, True)
>>> asks_about_own_children("can brca2 be passed to children"), asks_about_own_children("how do I get my kids to do their chores")
(False, False)
>>> asks_about_own_children("my kid's school report says needs improvement, what does that mean")
False
>>> asks_about_own_children("my son is 14 and I want to explain my report to him too")
False
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.report import Report

# The patient's own children or grandchildren, born or not, with up to two words between ("my two teenage daughters").
_OWN_CHILDREN = re.compile(
    r"\b(?:my|our)\s+(?:[\w-]+\s+){0,2}?(?:kids?|children|child|sons?|daughters?|boys|girls|babies|baby|grandkids?|"
    r"grandchild(?:ren)?|grandsons?|granddaughters?|little ones|offspring|unborn)\b(?!\s*'s|')",
    re.IGNORECASE,
)
_CHILD_WORD = re.compile(r"^(?:kids?|children|child|sons?|daughters?|boys|girls|babies|baby|grandkids?)$")
# What the result is to them: inheriting or being given it, having or carrying it too, what it means for them or
# does to them, their chance of it.
_ABOUT_THEM = re.compile(
    r"\b(?:inherit\w*|pass\w*|hand\w*\s+(?:\w+\s+)?down|give|gave|given|(?:go|goes|come|comes)\s+(?:down\s+)?to|"
    r"(?:get|gets|getting|got|have|has|having|carry|carries|carrying|share|shares)\s+(?:it|this|that|the same|the gene|"
    r"the variant|the mutation|one|them|[A-Za-z0-9]*\d[A-Za-z0-9]*|cf|lynch|brca\w*)\b|"
    r"(?:have|has|having|carry|carries|carrying|shares?)\s+my\b|"
    r"affect\w*|impact\w*|means?\s+(?:\w+\s+)?for|meaning for|appl(?:y|ies)\s+to|chances?|odds|risk\w*|likely|"
    r"the same|as well|aswell|too|also|from me|carriers?|metaboli[sz]ers?|positive|affected)\b",
    re.IGNORECASE,
)
_TO_THEM = re.compile(r"\b(?:explain|show|tell|teach|describe|read|talk|walk|go over|go through)\b[^.?!]{0,25}\b(?:to |with )?(?:her|him|them|"
                      r"my (?:kids?|children|son|daughter))\b", re.IGNORECASE)
_INHERITS = re.compile(r"\b(?:inherit\w*|pass\w*|hand\w*\s+(?:\w+\s+)?down|(?:get|gets|got|have|has|carry|carries)\s+"
                       r"(?:it|this|that|the same|the gene|the variant|one)|chances?|odds|risks?|tested|testing|carriers?|"
                       r"affect\w*)\b", re.IGNORECASE)
# "and my kids?", "what about my son and daughter?": the earlier question asked again about them, nothing else said.
_TURN_WORDS = frozenset("and n so ok okay but also then what how about my our".split())


# A child who only tells or advises ("My son, who is a nurse, said I should look at the gene report"): the one who sent
# the writer here, not the one asked about (stop 45, batch 22 dev)
_NARRATOR = re.compile(r"\b(?:my|our)\s+(?:son|daughter|kid|child|boy|girl)s?\b[^.?!]{0,40}\b(?:(?:said|says|told me|tells me|"
                       r"suggested|recommended|thinks|thought)\s+(?:that\s+)?(?:i|me)\b|showed me|helped me|made me|"
                       r"talked me into|who is an?|who's an?)\b", re.IGNORECASE)


def asks_about_own_children(text: str) -> bool:
    """Whether the message asks what a result (theirs, or the one being discussed) means for the patient's own
    children: whether they inherit it, have it, or what it does to them."""
    text = text.replace("\u2019", "'")
    child = _OWN_CHILDREN.search(text)
    if child is None:
        return False
    if any(_OWN_CHILDREN.search(s) and _ABOUT_THEM.search(s) and not (_NARRATOR.search(s) and "?" not in s)
           for s in _sentences(text)):
        # the child as the one to explain it to ("I'd love to be able to explain it to her too"), with no word of
        # inheriting or having it, is no question about them (stop 39, batch 15 dev)
        return not (_TO_THEM.search(text) and not _INHERITS.search(text))
    rest = re.findall(r"[a-z']+", _OWN_CHILDREN.sub(" ", text).lower())
    return bool(rest) and rest[0] in _TURN_WORDS and all(w in _TURN_WORDS or _CHILD_WORD.match(w) for w in rest)


# Round 6 (the lead's ruling for families): a question about the patient's OWN relatives, not only their children
# ("does my brother have it too", "should my sister test"), goes to a counselor as well. A relative with a word of
# inheriting, having, carrying or testing for the result; "too" alone is not enough ("my sister also takes plavix"
# asks about a medicine). The parents are left out, as for the children: "if I'm a carrier is one of my parents one
# too" asks how the patient came to have it, which is how inheritance works (answered, hereditary.yaml).
_RELATIVE = (r"(?:my|our)\s+(?:[\w-]+\s+){0,2}?(?:sisters?|brothers?|siblings?|twin|aunts?|uncles?|cousins?|nieces?|"
             r"nephews?|relatives?|family members?|relations)\b")
_OWN_RELATIVES = re.compile(rf"\b{_RELATIVE}(?!\s*'s|')", re.IGNORECASE)
# Testing the relative: the relative tested or to test, in a few words ("should my sister test", "test my brother too"),
# not a test the relative talks about ("my brother said my gene test would have the answer": stop 39)
_MY_TEST = re.compile(r"\bmy (?:(?:gene|genetic|dna|pgx|blood|lab|own|new|first) )?(?:tests?|reports?|results?)\b", re.IGNORECASE)  # the writer's own test
_RELATIVE_TESTED = re.compile(
    rf"\b{_RELATIVE}\s+(?:[\w']+\s+){{0,8}}?(?:tested|test|testing|screened|screening)\b|"
    rf"\b(?:test|tested|testing|screen|screened|screening)\s+(?:for\s+)?{_RELATIVE}", re.IGNORECASE)
_RELATIVE_HAS_IT = re.compile(
    r"\b(?:inherit\w*|pass\w*|hand\w*\s+(?:\w+\s+)?down|(?:give|gave|given|get|gets|got)\s+(?:me\s+)?(?:it|this|that)\b|"
    r"(?:got|get|inherited)\s+(?:it|this|that)\s+from|"
    r"(?:have|has|having|carry|carries|carrying|share|shares)\s+(?:it|this|that|the same|the gene|the variant|"
    r"the mutation|one|my|[A-Za-z0-9]*\d[A-Za-z0-9]*|cf|lynch|brca\w*)\b|"
    r"chances?|odds|risk\w*|carriers?|affected)\b",
    re.IGNORECASE,
)
# ... and what "this" means for the family as a whole ("what does this mean for my family", "does it affect my family":
# stop 39, both had the negative-result passage on every report, a BRCA2 carrier's too)
_OWN_FAMILY = re.compile(r"\b(?:my|our)\s+(?:whole\s+|entire\s+)?(?:family|fam|loved ones|relatives|family members)\b(?!\s*'s|'|\s+(?:history|"
                         r"tree|doctor|members?))", re.IGNORECASE)
_MEANS_FOR = re.compile(r"\b(?:affect\w*|impact\w*|means?\s+(?:\w+\s+)?for|meaning for|matters? for|appl(?:y|ies)\s+to)\b",
                        re.IGNORECASE)


# a question that points back to someone the story named ("does that mean she is in the clear?")
_POINTS_BACK = re.compile(r"\b(?:she|he|they|her|him|them|hers|his|their|theirs)\b", re.IGNORECASE)


def asks_about_own_relatives(text: str) -> bool:
    """Whether the message asks what a result means for the patient's own relatives (whether they have it, inherited
    it, gave it, should test): like the children's question, a counselor's (round 6).

    >>> asks_about_own_relatives("does my brother have it too"), asks_about_own_relatives("should my sister test")
    (True, True)
    >>> asks_about_own_relatives("my sister also takes plavix"), asks_about_own_relatives("how is BRCA2 passed down")
    (False, False)
    >>> asks_about_own_relatives("what does this mean for my family"), asks_about_own_relatives("does this affect my family")
    (True, True)
    >>> asks_about_own_relatives("my family history of cancer, does it matter for my result")
    False
    >>> asks_about_own_relatives("nobody in my family has cf so the report is wrong")
    False
    >>> asks_about_own_relatives("My cousin got tested last year and told me to do it. What does my CYP2D6 result mean?")
    False
    >>> asks_about_own_relatives("My brother tested positive for it. Will he need extra checkups?")
    True
    """
    text = text.replace("\u2019", "'")
    sentences = _sentences(text)
    # a story told before the question: only the sentences that ask count ("My sister did this gene test and pushed me to
    # do it too. ... does my report say anything about metformin?" is no question about the sister; stop 48, batch 25)
    asked = [s for s in sentences if s.rstrip().endswith("?")]
    if any(_POINTS_BACK.search(s) for s in asked):  # "My sister tested negative. Does that mean she is in the clear?"
        asked = sentences
    return any(_OWN_RELATIVES.search(s) and _RELATIVE_HAS_IT.search(s) or _RELATIVE_TESTED.search(_MY_TEST.sub(" ", s))
               or _OWN_FAMILY.search(s) and _MEANS_FOR.search(s) for s in (asked if len(sentences) > 1 and asked else sentences))


def _sentences(text: str) -> list[str]:
    """The message's sentences: a relative in one and a word of testing or having it in another is a story told
    beside a question ("My brother says these genetic tests are basically horoscopes. ... how accurate are they?"; stop
    39, a relative in the story version of a paraphrase group escalated it as a family question)."""
    return [s for s in re.split(r"(?<=[.!?;])\s+", text) if s.strip()]


def hereditary_lead(report: Report, *, harmful_only: bool = False) -> list[str]:
    """The report's hereditary result a family question is about when it names none ("will my daughter get it"): a
    harmful variant first, else (unless ``harmful_only``) the first one listed; none for a report with no hereditary
    variant."""
    harmful = [v.gene.upper() for v in report.variants if "pathogenic" in (v.classification or "").lower()
               and "uncertain" not in (v.classification or "").lower()]
    listed = [] if harmful_only else [v.gene.upper() for v in report.variants]
    return (harmful or listed)[:1]


_FAMILY_QUERY = "how it is passed down to children, chance each child has it, family members tested"
_FAMILY_QUERY_VUS = "a VUS, uncertain significance: are family members tested for it"


def family_search_words(report: Report | None, genes: Sequence[str]) -> str:
    """What to search with, beside the patient's words, for a family question: how the result passes on; for a VUS,
    whether relatives are tested for one ("a VUS alone should not guide health choices")."""
    unclear = report is not None and any("uncertain" in (v.classification or "").lower()
                                         for v in report.variants if v.gene.upper() in genes)
    return _FAMILY_QUERY_VUS if unclear else _FAMILY_QUERY
