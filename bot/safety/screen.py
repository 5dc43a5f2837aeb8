"""A cheap first look before the safety regexes run: the words a pattern cannot match without.

Triage runs a few hundred patterns on every message (every language's emergency rules, the English rules),
and a Python regex scans the whole message once per pattern (~1.5 ms a message together, 2026-12-03). Most
patterns name at least one word they cannot match without (``\\bme quiero (?:matar|morir)`` needs "me quiero ").
A ``Screen`` reads those words from each pattern once, and for a message returns only the patterns whose words
appear in it; they then run exactly as before. A screen never drops a pattern that could match:

- the words come from the parsed pattern (``re``'s own parser): a literal run in a sequence that must match,
  the union over a branch's alternatives, a repeat only when it must occur at least once; anything else
  (classes, optional parts, lookarounds) just has no words, and a pattern with no words always runs;
- words and message are compared in one case form that is at least as loose as ``re.IGNORECASE``: each
  character lower-cased as ``re`` does it, and the characters ``re`` treats as equal under IGNORECASE beyond
  lower case ("ı" and "i", "ſ" and "s", "ς" and "σ", ...) mapped to one of them. A pattern compiled without
  IGNORECASE is compared the same loose way, which only lets more patterns through.

So the result of any caller that runs the returned patterns in the returned (original) order is the result of
running them all. ``tests/unit/test_screen.py`` checks this on every eval and KB text.

>>> screen = Screen([re.compile(r"\\bwant to (?:die|end it)\\b", re.I), re.compile(r"\\d+ pills", re.I)])
>>> screen.words(0), screen.words(1)
(frozenset({'want to '}), frozenset({' pills'}))
>>> screen.candidates("I WANT TO sleep"), screen.candidates("took 30 pills"), screen.candidates("hello")
([0], [1], [])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from re import _casefix, _parser  # the stdlib's own pattern parser and IGNORECASE table (Python 3.11)
from re._constants import (
    ASSERT,
    ATOMIC_GROUP,
    BRANCH,
    LITERAL,
    MAX_REPEAT,
    MIN_REPEAT,
    POSSESSIVE_REPEAT,
    SUBPATTERN,
)

Words = frozenset[str] | None  # None: no word is required (the pattern always runs)
_KEY = 2  # words are looked up by their first two characters


def _classes() -> dict[str, str]:
    """Characters ``re`` treats as equal under IGNORECASE beyond lower case, each mapped to its class's smallest."""
    out: dict[str, str] = {}
    for code, others in _casefix._EXTRA_CASES.items():
        members = {code, *others}
        out[chr(code)] = chr(min(members))
    return {c: r for c, r in out.items() if c != r}


_SAME = str.maketrans(_classes())
# "İ" is the one character whose lower case is two characters ("i" + a combining dot); ``re`` compares it as "i"
_DOTTED_I = str.maketrans({"\u0130": "i"})


def case_form(text: str) -> str:
    """The message as the screen compares it: lower case, IGNORECASE's extra equal characters made one."""
    if text.isascii():
        return text.lower()
    return text.translate(_DOTTED_I).lower().translate(_SAME)


def _required(items: Iterable[tuple]) -> Words:
    """Words one of which any match of this sequence contains; the most selective such set."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(frozenset([case_form("".join(run))]))
            run = []
        words = _node(op, av)
        if words:
            options.append(words)
    if run:
        options.append(frozenset([case_form("".join(run))]))
    # the rarest-looking set: longest shortest word, then the fewest words (one Latin letter or digit is in most
    # messages: "2" of a pregnancy week is in "cyp2c19", so it counts as no length at all)
    return max(options, key=lambda ws: (min(map(_length, ws)), -len(ws))) if options else None


def _length(word: str) -> int:
    return 0 if len(word) == 1 and word.isascii() else len(word)


def _node(op: object, av: object) -> Words:
    if op is SUBPATTERN:  # (group, add_flags, del_flags, pattern)
        return _required(av[-1])  # type: ignore[index]
    if op is ATOMIC_GROUP:
        return _required(av)  # type: ignore[arg-type]
    if op is BRANCH:  # (None, [alternatives]): any alternative may be the one that matches
        words: set[str] = set()
        for alternative in av[1]:  # type: ignore[index]
            found = _required(alternative)
            if not found:
                return None
            words |= found
        return frozenset(words)
    if op in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):  # (min, max, item)
        return _required(av[2]) if av[0] >= 1 else None  # type: ignore[index]
    if op is ASSERT:  # (direction, pattern): what a lookahead or lookbehind sees is in the text too (stop 50: rules
        # written as "^(?=...cause)(?=...sign)" had no word and always ran)
        return _required(av[1])  # type: ignore[index]
    return None  # a class, any character, an anchor, a negative lookaround, a back-reference: no word


def required_words(pattern: re.Pattern[str]) -> Words:
    """The words (in ``case_form``) one of which every match of ``pattern`` contains; None when there are none."""
    try:
        words = _required(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - a pattern the analysis cannot read simply always runs
        return None
    return words if words and all(words) else None


class Screen:
    """Patterns in their order; ``candidates(text)`` the indexes of those that may match ``text``, in order."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]):
        self.patterns = tuple(patterns)
        self._words = [required_words(p) for p in self.patterns]
        self._always = [i for i, w in enumerate(self._words) if w is None]
        self._by_key: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        self._short: list[tuple[str, tuple[int, ...]]] = []  # one-character words, looked for directly
        owners: dict[str, list[int]] = {}
        for i, words in enumerate(self._words):
            for word in words or ():
                owners.setdefault(word, []).append(i)
        for word, idx in owners.items():
            if len(word) < _KEY:
                self._short.append((word, tuple(idx)))
            else:
                self._by_key.setdefault(word[:_KEY], []).append((word, tuple(idx)))

    def words(self, index: int) -> Words:
        return self._words[index]

    def any(self, text: str) -> bool:
        """Whether any pattern is found in ``text``: ``any(p.search(text) for p in patterns)``.

        >>> Screen([re.compile(r"\\bnow\\b"), re.compile(r"years? ago")]).any("ten years ago")
        True
        """
        return any(self.patterns[k].search(text) for k in self.candidates(text))

    def mask(self, text: str, replacement: str) -> tuple[str, bool]:
        """What ``pattern.subn(replacement, text)`` for each pattern in turn gives, and whether any replaced something
        (patterns that cannot match are skipped; after a replacement the rest are looked at again).

        >>> Screen([re.compile(r"dying to know"), re.compile(r"\\bdying\\b")]).mask("dying to know, not dying", " _ ")
        (' _ , not  _ ', True)
        """
        hit = False
        start = 0
        while True:
            for k in self.candidates(text):
                if k < start:
                    continue
                text, n = self.patterns[k].subn(replacement, text)
                start = k + 1
                if n:
                    hit = True
                    break  # the text changed: look again for the patterns after this one
            else:
                return text, hit

    def candidates(self, text: str) -> list[int]:
        """Indexes of the patterns that may match ``text`` (every other one cannot), ascending."""
        form = case_form(text)
        found = set(self._always)
        by_key = self._by_key
        for key in {form[i : i + _KEY] for i in range(len(form) - _KEY + 1)}:
            for word, idx in by_key.get(key, ()):
                if word in form:
                    found.update(idx)
        for word, idx in self._short:
            if word in form:
                found.update(idx)
        return sorted(found)
