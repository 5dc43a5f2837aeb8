"""Whether a message in Latin letters reads as English at all: the share of its words English uses.

A short message in a language we have no rules or wording for ("voglio morire", "nataka kufa", "ik wil dood",
"mein marna chahta hun") has too few words for lingua to name it, and none of the common words of our own languages, so
before stop 34 it was read as English: the English pipeline answered it with general information or declined it as off
topic, and an emergency in it was missed (corpus 11's dev half: 14 of its 55 emergencies). Read against English's word
list, such a message is plainly not English, so it is treated as a language GeneChat cannot read
(bot/conversation/other_language.py).

English here is a word wordfreq (a maintained word-frequency list built from many English sources) ranks at
``ENGLISH_ZIPF`` or above, which keeps texting forms ("idk", "rn", "pls", "u"), or a word of the knowledge base (its
documents and synonyms file: gene, medicine and brand names, genetics terms, rare in everyday English), or a long
word one letter off one of those ("posative", "heterozygus"). Checked on every English text of the eval suites (7,995
of them, typo and slang paraphrases included): none is unreadable.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from bot.config import get_settings

ENGLISH_ZIPF = 3.0  # wordfreq's scale: 3 is about once per million words ("hoon" 2.99 and "kufa" 1.81 are below)
MIN_UNKNOWN = 2  # words English does not use, at least: a lone "cytochrome" or "warfarin?" stays English
MAX_SHARE = 0.5  # ... and fewer than this share of the words (of two letters or more) are English
# ("lowkey wanna unalive rn" has two words wordfreq does not know in four: at half, it would read as not English)
# wordfreq's "small" list holds exactly the words at 3 and above, which is all the threshold asks about: about 12 MB of
# memory in the server against 48 MB for its full list (measured stop 34)
WORDLIST = "small"
COMMON_WORDS = 30_000  # English's most used words, that a typo may be one letter off
TYPO_MIN_LETTERS = 6
# Common words of languages we cannot read that English's word list still ranks high (from web text that mixes them
# in): Hindi/Urdu typed in Latin letters ("mein marna chahta hun", "dad ka face latak gaya hai"), Dutch ("ik wil dood"),
# Indonesian. Words English patients write ("main", "mere", "jab", "ye", "wat", "die") are left out.
NOT_ENGLISH = frozenset("hai hain ka ki ke mein hun hoon tha thi bhai aap ko nahi mujhe mera meri ik wil het niet mijn "
                        "mau".split())
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# gene and allele names, rsIDs, numbers and anything with a digit or in capitals say nothing about the language
# (CYP2D6, TPMT, HLA-B*57:01, rs9923231, G6PD, "30"); detect.py removes them too
NEUTRAL = re.compile(r"[A-Za-z0-9*:/._-]*\d[A-Za-z0-9*:/._-]*|\b[A-Z][A-Z0-9-]+\b|\*\S*")


@cache
def _domain_words() -> frozenset[str]:
    """Every word of the knowledge base's documents and its synonyms file (gene, medicine and brand names)."""
    words: set[str] = set()
    kb_dir = get_settings().kb_dir
    for path in [*kb_dir.glob("*.md"), *kb_dir.glob("*.yaml")]:
        words |= set(_WORD.findall(path.read_text(encoding="utf-8").lower()))
    return frozenset(words)


@cache
def _common_by_length() -> dict[int, list[str]]:
    """English's common words (and the knowledge base's) by length, for the typo check."""
    from wordfreq import top_n_list

    out: dict[int, list[str]] = {}
    for word in {*top_n_list("en", COMMON_WORDS, wordlist=WORDLIST), *_domain_words()}:
        out.setdefault(len(word), []).append(word)
    return out


def _typo_of_english(word: str) -> bool:
    """One letter off a common word ("posative", "heterozygus"); only long words: short foreign words are one letter
    off some English word far too often ("mouri", "kufa")."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extractOne

    if len(word) < TYPO_MIN_LETTERS:
        return False
    by_length = _common_by_length()
    candidates = [w for n in (len(word) - 1, len(word), len(word) + 1) for w in by_length.get(n, ())]
    return extractOne(word, candidates, scorer=Levenshtein.distance, score_cutoff=1) is not None


@lru_cache(maxsize=8192)
def _english(word: str) -> bool:
    from wordfreq import zipf_frequency  # (its list loads on first use: about 0.2 s, once)

    if word in NOT_ENGLISH:
        return False
    return word in _domain_words() or zipf_frequency(word, "en", wordlist=WORDLIST) >= ENGLISH_ZIPF \
        or _typo_of_english(word)


def words_not_english(text: str) -> int:
    """How many words of three letters or more are not English words ("Posso smettere di prendere il Plavix?": 3).

    >>> words_not_english("Posso smettere di prendere il Plavix?"), words_not_english("Double my doses like the report says?")
    (3, 0)
    """
    return sum(not _english(w) for w in _WORD.findall(NEUTRAL.sub(" ", text).lower()) if len(w) > 2)


def unreadable_as_english(text: str) -> bool:
    """Latin-letter text whose words are mostly not English words.

    >>> unreadable_as_english("voglio morire"), unreadable_as_english("nataka kufa")
    (True, True)
    >>> unreadable_as_english("wat dose my cyp2d6 reslt meen"), unreadable_as_english("clopidogrel + cyp2c19??")
    (False, False)
    """
    words = [w for w in _WORD.findall(NEUTRAL.sub(" ", text).lower()) if len(w) > 1]  # ("m", "l": say nothing)
    unknown = sum(not _english(w) for w in words)
    return unknown >= MIN_UNKNOWN and unknown > len(words) * (1 - MAX_SHARE)


def warm_up() -> None:
    """Load the word lists (the first message would otherwise wait for them)."""
    unreadable_as_english("warm up the word lists")
    _common_by_length()
