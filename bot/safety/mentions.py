"""Alarm words that are talked about, or used figuratively, rather than an alarm (issue 15's false alarms).

Two checks, both English, both blind to the particular phrase:

* ``mention_only``: the message asks what a word means ("what is the medical term for fainting"), talks about
  the news, a story or a class ("a famous singer overdosed"), or about something long past ("my brother had a
  seizure years ago"), and says nothing about anyone being in trouble now. Triage then treats an English
  emergency rule hit as a mention and lets the classifier decide at its calm-question bar.
* ``FIGURATIVE_WORDS`` / ``without_figurative_words``: violent and death words that people use as hyperbole
  ("this commute is murdering me", "we crushed it"). Triage asks the classifier again with them blanked out;
  when its alarm vote disappears, the vote rested on those words alone and needs the calm-question bar too.

Neither check can stop an emergency rule that sees someone in trouble now: any sign of that (``NOW``) keeps the
alarm, and literal uses ("kill myself", "I feel like I'm dying") are emergency rules of their own.

>>> mention_only("is cutting a term doctors use for self-harm"), mention_only("what does self harm mean, i think i do it")
(True, False)
>>> without_figurative_words("my boss is going to murder me")
'my boss is going to _ me'
"""

from __future__ import annotations

import re

# Asks about a word or a concept: what it means, what it is called, where the term is used.
_TERM = re.compile(
    r"\b(?:mean|means|meaning|meant|definition|define[ds]?|defining|terms?|words?|phrase|stand for|stands for|"
    r"called|abbreviation|jargon|in (?:biochemistry|biology|medicine|psychology|pharmacology|genetics|chemistry|"
    r"science|statistics))\b", re.IGNORECASE)
# Talk about stories, school or the news: an alarm word in it is about someone else, not the person writing.
STORY = re.compile(r"\b(?:novel|story|book|movie|film|tv|show|series|character|video game|song|lyrics|scene|play|"
                   r"class|course|homework|essay|psychology|school|teacher|lecture|history|news|article|documentary|"
                   r"podcast|celebrity|famous|actor|actress|singer|rapper|musician|athlete|president)\b", re.IGNORECASE)
_LONG_AGO = re.compile(
    r"\b(?:(?:\d+|a few|few|several|many|two|three|four|five|ten) )?(?:years|decades) ago\b|\b(?:\d+|a few|several|"
    r"many) months ago\b|\bas a (?:kid|child|baby|teen|teenager|toddler|little girl|little boy)\b|\bwhen (?:i|he|she|"
    r"they|we) (?:was|were) (?:a |an |in |little|young|small|younger|born)\w*|\bin (?:19|20)\d\d\b|\blast year\b|"
    r"\bin the past\b|\blong ago\b|\bback in (?:the )?\w+|\bgrowing up\b|\bin (?:his|her|their|my) childhood\b",
    re.IGNORECASE)
# Someone in trouble now, or the writer speaking of themself at present: none of the checks here apply then.
NOW = re.compile(
    r"\b(?:now|rn|today|tonight|this (?:morning|afternoon|evening|week)|just|currently|still|keeps?|again|help|"
    r"emergency|hurry|asap|urgent|i'?m|im|i am|i feel|i have|i'?ve|ive|i want|i wanna|i need|i can'?t|i cant|"
    r"i think i|i will|i'?ll|i might|i plan|i took|i did|i do|myself|me too|same (?:thing|way)|can'?t|cannot|cant|"
    r"won'?t|wont|isn'?t|not (?:breathing|responding|waking|moving|safe)|is (?:not|having|shaking|bleeding|limp|"
    r"swelling|turning|unconscious|dying)|are (?:swelling|swollen|turning)|feels?|feeling|hurts?|hurting|"
    r"what (?:do|should) (?:i|we) do|should i (?:go|call)|that'?s me|thats me|like me|am i)\b", re.IGNORECASE)


def mention_only(text: str) -> bool:
    """The message talks about alarm words (a term, the news or a story, the distant past) and says nothing about
    anyone in trouble now.

    >>> mention_only("my brother had a seizure years ago, is epilepsy genetic")
    True
    >>> mention_only("my brother had a seizure years ago and is having one now")
    False
    """
    text = text.replace("\u2019", "'")
    if NOW.search(text):
        return False
    return bool(_TERM.search(text) or STORY.search(text) or _LONG_AGO.search(text))


# Violent and death words with common figurative uses. Not in the list: words that are mostly literal when used
# at all ("shot", "stabbed", "drowning", "choking", "bleeding") and self-harm words ("suicide", "overdose").
FIGURATIVE_WORDS = re.compile(
    r"\b(?:kill(?:s|ed|ing|in|er|ers)?|murder(?:s|ed|ing|in)?|die[ds]?|dying|dead|death|deadly|crush(?:es|ed|ing|in)?|"
    r"slay(?:s|ed|ing)?|slain|destroy(?:s|ed|ing)?|blood ?bath|massacre[ds]?|slaughter(?:s|ed|ing)?)\b", re.IGNORECASE)


def without_figurative_words(text: str) -> str | None:
    """The message with every figurative-prone word blanked, or None when it has none."""
    blanked, n = FIGURATIVE_WORDS.subn("_", text)
    return blanked if n else None
