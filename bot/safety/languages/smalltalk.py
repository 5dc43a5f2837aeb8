"""Messages that are only everyday talk in another language: greetings, thanks, a yes, a goodbye, praise, a plain
question about the report (``smalltalk.yaml`` and the rules' ``everyday`` patterns).

The cross-lingual alarm is not asked about them, and a message in a script or language nothing else reads gets the
English-only reply instead of the check-in tier (bot/conversation/other_language.py): a bare "cảm ơn bạn" or
"नमस्ते" carries no crisis, and the model, which reads vectors rather than words, scored such messages as self-harm
alarms in languages its encoder does not know (stop 31); "धन्यवाद, बहुत मदद मिली" had the crisis lines and a counselor
(stop 46, tenth pass N7-N9). Every clause must be accounted for: each is a run of listed phrases or one of a language's
``everyday`` patterns, so "cảm ơn, tạm biệt mọi người" (thanks, goodbye everyone) is not everyday talk here: no
list holds a goodbye to everyone, forever or to all of you.

>>> is_small_talk("Cảm ơn bạn nhiều!! 🙏"), is_small_talk("你好"), is_small_talk("你好，我不想活了")
(True, True, False)
>>> sorted(everyday_languages("Obrigada, tchau!")), sorted(everyday_languages("ok bye, milte hain"))
(['pt'], ['hi'])
>>> everyday_languages("tchau a todos"), everyday_languages("ok bye")
(None, None)
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import yaml

from bot.safety import languages

PHRASES = Path(__file__).with_name("smalltalk.yaml")
_SPACES = re.compile(r"\s+")
# Clauses end at sentence punctuation and commas (Latin, CJK, Arabic, Urdu and Devanagari forms; not at a colon,
# which HLA-B*57:01 has)
_CLAUSES = re.compile(r"[.,!?;\n\u3002\u3001\uff0c\uff01\uff1f\uff1b\uff1a\u060c\u061b\u061f\u06d4\u0964\u0965]+")
MAX_PHRASE_WORDS = 8
MIXED_IN = "mixed_in"  # the list of English words said beside another language's small talk, never on their own


def fold(text: str) -> str:
    """Lower case, no tone or other combining marks ("chào" -> "chao"), punctuation, symbols and emoji as spaces."""
    out = []
    for ch in unicodedata.normalize("NFD", text.lower().replace("đ", "d")):
        kind = unicodedata.category(ch)[0]
        if kind == "M":
            continue
        out.append(" " if kind in "PSCZ" else ch)
    return _SPACES.sub(" ", "".join(out)).strip()


@cache
def _languages_of() -> dict[str, frozenset[str]]:
    """Folded phrase -> the languages whose lists have it ("no" is Spanish, Italian and more); the mixed-in English
    words have no language (an empty set)."""
    data = yaml.safe_load(PHRASES.read_text(encoding="utf-8")) or {}
    out: dict[str, set[str]] = {}
    for section in ("small_talk", "goodbye"):
        for code, phrases in data[section].items():
            for phrase in phrases:
                out.setdefault(fold(str(phrase)), set()).add(str(code))
    for phrase in data[MIXED_IN]:
        out.setdefault(fold(str(phrase)), set())
    return {phrase: frozenset(codes) for phrase, codes in out.items()}


def _run_of_phrases(words: list[str]) -> list[frozenset[str]] | None:
    """The languages of each phrase, when the words are a run of listed phrases (longest first), else None."""
    phrases = _languages_of()
    best: list[list[frozenset[str]] | None] = [None] * len(words) + [[]]
    for start in range(len(words) - 1, -1, -1):
        for end in range(min(len(words), start + MAX_PHRASE_WORDS), start, -1):
            codes = phrases.get(" ".join(words[start:end]))
            rest = best[end]
            if codes is not None and rest is not None:
                best[start] = [codes, *rest]
                break
    return best[0]


@lru_cache(maxsize=256)  # triage and the other-language step both ask about the same message in one turn
def everyday_languages(text: str) -> frozenset[str] | None:
    """The languages the whole message is everyday talk in, or None when some clause is not (or every clause is
    only English mixed-in words: an English "ok bye" goes on through the English pipeline). Languages are those
    every piece shares, else those of any piece ("Merci, tchau").

    >>> sorted(everyday_languages("meri report me UGT1A1 *1/*28 likha hai, iska kya matlab hai?"))
    ['hi']
    """
    pieces: list[frozenset[str]] = []
    for clause in _CLAUSES.split(text):
        words = fold(clause).split()
        if not words:
            continue
        run = _run_of_phrases(words)
        if run is None:
            codes = languages.everyday_clause(clause.strip())
            if not codes:
                return None
            run = [codes]
        pieces += run
    named = [codes for codes in pieces if codes]
    if not named:
        return None
    shared = frozenset.intersection(*named)
    return shared or frozenset.union(*named)


def is_small_talk(text: str) -> bool:
    return everyday_languages(text) is not None
