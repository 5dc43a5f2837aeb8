"""Text rules shared by the KB linter: readable text, dose-like phrases and medicine-change advice.

>>> dose_matches("Most adults take 2 tablets of 75 mg daily.")
['take 2', '75 mg']
>>> advice_sentences("Do not stop your medicine on your own. You should stop taking codeine.")
['You should stop taking codeine.']
"""

from __future__ import annotations

import re

_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_BULLET = re.compile(r"^\s*(?:[-+]|\d+\.)\s+", re.MULTILINE)
_HEADING = re.compile(r"^#+\s.*$", re.MULTILINE)

_NUMBER_WORDS = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|half|a half)"
_DOSE_PATTERNS = [
    # The guards skip variant names such as "-1639G>A" and "c.521T>C".
    re.compile(rf"(?<![\w.\-*>]){_NUMBER_WORDS}\s*(?:mg|mcg|µg|ug|micrograms?|milligrams?|grams?|g|ml|units?|iu)"
               r"(?![\w>])(?:\s*(?:/|per)\s*(?:day|kg|dose|m2))?", re.IGNORECASE),
    re.compile(rf"\btake\s+{_NUMBER_WORDS}\b", re.IGNORECASE),
    re.compile(rf"\b{_NUMBER_WORDS}\s+(?:tablets?|pills?|capsules?|doses?|times)\s+(?:a|per|each)\s+day\b",
               re.IGNORECASE),
    re.compile(r"\b(?:once|twice|three times)\s+(?:a\s+)?(?:day|daily)\b", re.IGNORECASE),
]

_VERBS = r"(?:start|stop|change|switch|quit|discontinue|increase|decrease|lower|raise|double|halve|skip|restart)"
# "Lower" and "raise" start many harmless sentences ("Lower levels..."), so imperatives use a narrower list.
_IMPERATIVES = r"(?:start|stop|change|switch|quit|discontinue|increase|decrease|double|halve|skip|restart)"
_ADVICE_PATTERNS = [
    re.compile(rf"^\s*(?:please\s+)?{_IMPERATIVES}\b", re.IGNORECASE),  # an imperative opening a sentence
    re.compile(rf"\byou\s+(?:should|must|need\s+to|have\s+to|ought\s+to|can|could|may\s+want\s+to)\s+"
               rf"(?:\w+\s+)?{_VERBS}\w*\b", re.IGNORECASE),
    re.compile(rf"\b(?:ask|tell)\s+your\s+\w+\s+to\s+{_VERBS}\b", re.IGNORECASE),
    re.compile(rf"\b(?:best|better|wise|safest|important)\s+to\s+{_VERBS}\b", re.IGNORECASE),
]
_NEGATED = re.compile(rf"\b(?:do\s+not|don't|never|not|no\s+need\s+to)\s+(?:\w+\s+)?{_VERBS}\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")


def plain_text(markdown: str) -> str:
    """Readable text of a markdown fragment: headings dropped, links, emphasis and bullets unwrapped."""
    text = _HEADING.sub("", markdown)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _BULLET.sub("", text)
    return " ".join(text.replace("`", "").split())


def dose_matches(text: str) -> list[str]:
    """Dose-like phrases (amounts with units, 'take N', 'N pills a day'), in order of appearance."""
    found = [(m.start(), m.group(0)) for pattern in _DOSE_PATTERNS for m in pattern.finditer(text)]
    return [phrase for _, phrase in sorted(found)]


def advice_sentences(text: str) -> list[str]:
    """Sentences that tell the reader to start, stop or change a medicine (negated warnings are fine)."""
    out = []
    for sentence in _SENTENCE.findall(plain_text(text)):
        if _NEGATED.search(sentence):
            continue
        if any(p.search(sentence) for p in _ADVICE_PATTERNS):
            out.append(sentence.strip())
    return out


def mentions(text: str, term: str) -> bool:
    """Whether ``term`` appears in ``text`` as a whole word, ignoring case."""
    return re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text, re.IGNORECASE) is not None
