"""Whole messages that are only a greeting, thanks or a yes, in any language (``smalltalk.yaml``).

The cross-lingual alarm is not asked about them (bot/conversation/other_language.py): a bare "cảm ơn bạn" or
"नमस्ते" carries no crisis, and the model, which reads vectors rather than words, scored such messages as self-harm
alarms in languages its encoder does not know (stop 31). Only the whole message counts: "cảm ơn, tạm biệt mọi người"
(thanks, goodbye everyone) is not small talk here, and goodbyes are left out of the list on purpose.

>>> is_small_talk("Cảm ơn bạn nhiều!! 🙏"), is_small_talk("你好"), is_small_talk("你好，我不想活了")
(True, True, False)
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import yaml

PHRASES = Path(__file__).with_name("smalltalk.yaml")
_SPACES = re.compile(r"\s+")


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
    """Folded phrase -> the languages whose list has it ("no" is Spanish, Italian and more)."""
    data = yaml.safe_load(PHRASES.read_text(encoding="utf-8")) or {}
    out: dict[str, set[str]] = {}
    for code, phrases in data.items():
        for phrase in phrases:
            out.setdefault(fold(str(phrase)), set()).add(str(code))
    return {phrase: frozenset(codes) for phrase, codes in out.items()}


def is_small_talk(text: str) -> bool:
    return fold(text) in _languages_of()


def small_talk_language(text: str) -> str | None:
    """The one language whose small talk the whole message is ("hola" -> "es"), or None (not small talk, or shared
    by several languages or with English: "ok", "no", "si").

    >>> small_talk_language("¡Hola!"), small_talk_language("xin chào"), small_talk_language("ok")
    ('es', 'vi', None)
    """
    codes = _languages_of().get(fold(text), frozenset())
    return next(iter(codes)) if len(codes) == 1 else None
