"""What a question asks by its form alone: whether the report tested something ("was i tested for lynch"), only
the next step ("so what now"), or the previous question again about another gene or medicine ("and plavix?")."""

from __future__ import annotations

import re

from bot.answering.vocabulary import Vocabulary

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
