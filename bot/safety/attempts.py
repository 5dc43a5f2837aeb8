"""A suicide attempt before, and one meant to work this time (stop 35): the emergency, or the check-in tier.

"Tried last year and messed it up. not messing it up this time", "so it actually works this time, last time I just woke
up in the hospital", "survived an overdose in 2023 ... im going to do it again". The attempt is read before harmless
idioms are masked ("survived an overdose in 2023" is one), the rest on the masked message (``farewell.masked_text``).
"""

from __future__ import annotations

import re

from bot.safety.farewell import IN_HAND, masked_text, signals
from bot.safety.rules import normalize

_WOKE_IN_HOSPITAL = r"woke up in (?:the |a )?(?:hospital|er|icu|a&e|psych ward)"
WOKE_IN_HOSPITAL = re.compile(rf"\b{_WOKE_IN_HOSPITAL}\b", re.IGNORECASE)
PAST_ATTEMPT = re.compile(
    rf"\b(?:{_WOKE_IN_HOSPITAL}|tried (?:it )?(?:before|once before|last (?:year|month|"
    r"week|time|summer|winter|spring|fall|autumn))|"
    # (stop 35, c12dev) the attempt named: "the first time I attempted", "my last attempt failed", "survived an
    # overdose", "lucky to survive the tramadol overdose", "swallowed the whole bottle and survived", "tried to end it"
    r"(?:first|last|previous|other) time i attempted|my (?:last |first |previous |)attempt\b|"
    r"attempt(?:ed)? (?:at|in|last|back)\b|survived?\b[^.?!]{0,30}\b(?:overdose|attempt|od)|"
    r"(?:overdose|overdosed|attempt|swallowed|took|downed)\b[^.?!]{0,30}\band survived|pumped my stomach|"
    r"(?:od'?d|overdosed) (?:on|in|at|last|when|back|before)\b|tried to (?:end it|kill myself|"
    r"end my life|die))\b",
    re.IGNORECASE)
# Trying again, said outright ("im gonna try again this weekend", "I'm doing it again", "not making that mistake again",
# "I've planned it better now", "going to do it again, properly this time"): with a past attempt, the emergency.
AGAIN = re.compile(
    r"\b(?:(?:try|trying|tryin) again|(?:do|doing|going to do|gonna do) it again|again,? (?:properly|for real|and (?:this time )?"
    r"(?:right|properly))|not making (?:that|the same) mistake again|planned it better|(?:get|getting|do|doing) it right "
    r"this time|won'?t (?:fail|survive|mess (?:it )?up) (?:again|this time)|"
    # (stop 36) the attempt to be completed ("going to finish what i started", "finish the job this time")
    r"finish (?:what i (?:started|began)|the job|it (?:off|properly|for good))|complete what i (?:started|began))\b",
    re.IGNORECASE)
# Long over, and the writer well ("That's long over, I'm genuinely happy now"): a past attempt told as history.
WELL_NOW = re.compile(
    r"\b(?:long over|years (?:ago|back)|(?:in|at) a (?:really |much |very )?good place|(?:genuinely |really |very )?happy now|"
    r"doing (?:really |so |much )?(?:well|better|great|good) now|recovered|(?:i'?m|im|i am) (?:better|well|ok|okay|fine|safe|"
    r"stable) now)\b", re.IGNORECASE)
THIS_TIME = re.compile(
    r"\bthis time\b[^.?!]{0,40}\b(?:works?|right|properly|for real|done|finish(?:ed)?)\b|\b(?:works?|right|properly|"
    r"for real|done|finish(?:ed)?)\b[^.?!]{0,40}\bthis time\b|\bnot (?:messing|screwing) (?:it )?up (?:again|this time)\b",
    re.IGNORECASE)


def another_attempt(text: str) -> str | None:
    """An attempt before and one meant to work this time: "emergency" with trying again said outright, or with a means
    or a hospital wake-up told; "check_in" with only "this time" (a medicine that did not work before can sound the
    same), else None.

    >>> another_attempt("tried last year and messed it up. not messing it up this time. the pills are counted out")
    'emergency'
    >>> another_attempt("i tried it last year and want it to actually work this time, what should i ask")
    'check_in'
    >>> another_attempt("last time codeine put me in the hospital, is it safe this time with my CYP2D6 result?") is None
    True
    """
    t = masked_text(text)
    again = bool(AGAIN.search(t))
    if not PAST_ATTEMPT.search(normalize(text)) or WELL_NOW.search(t) and not again:
        return None
    if again:
        return "emergency"
    if not THIS_TIME.search(t):
        return None
    if WOKE_IN_HOSPITAL.search(t) or signals(text) & {"means", "amount"} or IN_HAND.search(t):
        return "emergency"
    return "check_in"
