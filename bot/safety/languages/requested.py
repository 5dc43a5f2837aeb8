"""A reply asked for in another language, in English words: "in Spanish please", "can you translate that to Chinese".

Only a message that asks for the language and nothing else counts ("what is Spanish flu" does not); the reply is the
fixed English-only text in that language (its counselor offer comes with an interpreter), never a machine translation.
"""

from __future__ import annotations

import re

# English names of the languages with a wording (bot/safety/languages/wording/), and of others a patient may ask for,
# which get the English-only reply in English ("und" is no code in wording/)
LANGUAGE_NAMES = {
    "spanish": "es", "espanol": "es", "español": "es", "chinese": "zh", "mandarin": "zh", "cantonese": "zh",
    "vietnamese": "vi", "tagalog": "tl", "filipino": "tl", "french": "fr", "arabic": "ar", "korean": "ko",
    "russian": "ru", "german": "de", "portuguese": "und", "italian": "und", "japanese": "und", "hindi": "und",
    "polish": "und", "turkish": "und",
}
_NAME = "|".join(sorted(LANGUAGE_NAMES, key=len, reverse=True))
_ASKED = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|but|also|please|pls|hi|hey|sorry)\W+)*"
    r"(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?)?(?:please\s+)?"
    r"(?:(?:say|write|explain|tell me|give|put|answer|reply|respond|repeat|send)\s+(?:it|that|this|me that|me it|"
    r"everything|the answer|me)?\s*(?:again\s+)?|translate\s+(?:it|that|this|everything|the answer)?\s*(?:to|into)?\s*|"
    rf"(?:do|can)\s+(?:you|u)\s+(?:speak|talk|write|answer)\s+(?:in\s+)?)?(?:in\s+|en\s+)?(?P<name>{_NAME})"
    r"(?:\s+(?:please|pls|plz|por favor|version|translation))?\W*$",
    re.IGNORECASE,
)


def asked_language(text: str) -> str | None:
    """The language code a message only asks the reply to be in ("und" for one we have no wording for), else None.

    >>> asked_language("in Spanish please"), asked_language("can you translate that to Chinese")
    ('es', 'zh')
    >>> asked_language("say it in Portuguese"), asked_language("what is the Spanish flu")
    ('und', None)
    """
    match = _ASKED.match(text.strip())
    return LANGUAGE_NAMES[match.group("name").lower()] if match else None
