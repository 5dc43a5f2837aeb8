"""Too much of a medicine taken just now, told calmly (stop 36): an emergency whatever the tone.

"Swallowed about 20 extra strength tylenol around noon, feel basically normal rn lol", "I've taken my metoprolol three
times today instead of once", "took 8 of my mom's tramadol like 30 min ago", "gone through my whole bottle of ibuprofen
today": the English rules read overdoses in alarm words, and the models read these as questions about a medicine
(a dose question, a medicine change). An amount well beyond one dose, a taking verb beside it, and a time of today or
just now make the emergency; a young child who got into a medicine today does too (poison control), with no amount.
Feeling fine is no reassurance here: many overdoses (acetaminophen above all) show nothing for hours.

Triage asks this only when no other language's rules fired and the message is not a mention (a story, a class, a
definition: ``mentions.mention_only``); a routine ("my 8 morning pills as usual") is not an amount taken.
"""

from __future__ import annotations

import re

from bot.safety.rules import normalize

_TAKEN = (r"(?:took|taken|taking|swallowed|swallowing|ate|eaten|eating|popped|downed|chugged|drank|drunk|had|"
          r"gone through|went through|used up|got into|gotten into|getting into|finished)")
# More than a dose: a count of five or more (not milligrams, an age or a time), a handful, a whole pack, all of them,
# "a few more", or the same medicine three times today.
# (a number joined to a medicine's name is no count: "5-FU", "6-MP", "5-ASA", "5-HTP"; stop 48, thirteenth pass F2)
_NOT_A_COUNT = (r"(?![-\u2010](?=[a-z])|\s*(?:mg|mcg|µg|ug|ml|cc|units?|iu|%|minutes?|mins?|hours?|hrs?|h\b|days?|weeks?|months?|years?|yrs?|"
                r"y/?o|yo\b|am\b|pm\b|o'?clock|kg|lbs?|pounds?|percent|degrees?|°|times a (?:day|week)))")
_MANY = (r"(?:\b(?:[5-9]|[1-9]\d)\b" + _NOT_A_COUNT + r"|\b(?:five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
         r"twenty|thirty|forty|fifty|a dozen|dozens)\b" + _NOT_A_COUNT + r"|\ba handful\b|\bhandfuls\b|\ba bunch\b|"
         r"\b(?:a few|several|some|lots|way) more\b|\b(?:whole|entire|full) (?:bottle|pack|packet|box|strip|blister|"
         r"sheet|container|tub|week'?s?|month'?s?|supply|prescription)\b|\ball (?:of )?(?:my|her|his|their|the|them|it)\b|"
         r"\b(?:three|four|five|3|4|5) (?:times|full doses|doses|lots)\b|\ba third (?:time|dose)\b|\btriple\b)")
_NOW = re.compile(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening)|just now|just (?:took|swallowed|ate|had|realized|noticed|"
    r"found|got into|chewed|drank|licked)|(?:an?|one|two|three|few|couple(?: of)?|\d+|half an?)\s+(?:hours?|hrs?|minutes?|mins?)\s+ago|"
    r"(?:in|over) the (?:last|past) (?:\w+ )?(?:hours?|hrs?|minutes?|mins?)|around (?:noon|midnight|lunch|\d)|"
    # (stop 45, corpus 23 dev: "about 25 extra strength Tylenol over the last day for a toothache")
    r"(?:in|over|during) the (?:last|past) (?:day|24 hours|night)|since yesterday|overnight|"
    r"earlier|rn|right now|since (?:noon|this morning|lunch|breakfast|dinner|then))\b", re.IGNORECASE)
MEDICINE_WORDS = re.compile(r"\b(?:pills?|tablets?|tabs|capsules?|caps|meds|medicines?|medications?|doses?|"
                             r"painkillers?|sleeping pills|gummies|syrup|patch(?:es)?)\b", re.IGNORECASE)
_TOO_MUCH = re.compile(rf"\b{_TAKEN}\b[^.?!;]{{0,50}}{_MANY}|{_MANY}[^.?!;]{{0,40}}\b{_TAKEN}\b", re.IGNORECASE)
# A routine, not an amount ("took my 8 morning pills like always").
_ROUTINE = re.compile(r"\b(?:like always|as usual|as always|as prescribed|as directed|every (?:day|morning|night)|"
                      r"my (?:usual|normal|regular|daily|morning|evening|nightly|night) (?:\d+ )?(?:pills|meds|"
                      r"medicines|tablets|vitamins))\b", re.IGNORECASE)
_YOUNG_CHILD = re.compile(r"\b(?:toddler|baby|infant|little one|(?:[1-9]|1[0-2])[- ]?(?:yo|y/o|year[- ]old|yr[- ]old)|"
                          r"(?:my|our|the) (?:son|daughter|kid|child|boy|girl))\b", re.IGNORECASE)
_CHILD_GOT_INTO = re.compile(r"\b(?:got into|gotten into|getting into|ate|eaten|swallowed|chewed|drank|licked)\s+"
                             r"(?:some|one|a few|part|half|most|\d+)?\s*(?:of\s+)?(?:my|her|his|their|the|our|grandma'?s|"
                             r"grandpa'?s|\w+'s)\b", re.IGNORECASE)


# Medicines people overdose on that name no gene (so understand.py does not mark the message as one about a medicine):
# "I took 20 paracetamol an hour ago" (stop 43, seventh pass M1)
# The pain relievers patients name, shared with statements.EVERYDAY_MEDICINE
PAIN_RELIEVERS = r"tylenol|acetaminophen|paracetamol|advil|motrin|ibuprofen|aspirin|aleve|naproxen"
_COMMON_MEDICINES = re.compile(rf"\b(?:{PAIN_RELIEVERS}|panadol|calpol|nurofen|benadryl|diphenhydramine|antihistamines?|"
                               r"melatonin|iron tablets?|insulin|lithium|xanax|valium|diazepam|ambien|zolpidem|zopiclone|"
                               r"co-?codamol)\b", re.IGNORECASE)


def too_much_taken_now(text: str, medicine_named: bool = False) -> bool:
    """Well over a dose of a medicine taken today or just now, or a young child into a medicine today.
    ``medicine_named``: the message names a medicine (understand.py).

    >>> too_much_taken_now("took like 12 benadryl an hour ago trying to sleep, im fine tho", medicine_named=True)
    True
    >>> too_much_taken_now("took 2 tylenol an hour ago for my headache", medicine_named=True)
    False
    >>> too_much_taken_now("I took 20 paracetamol an hour ago but I regret it")
    True
    >>> too_much_taken_now("my 3 year old just got into my bag and chewed some of my warfarin tablets, he seems fine")
    True
    >>> too_much_taken_now("took my 8 morning pills as usual today")
    False
    >>> too_much_taken_now("years ago i took 20 tylenol, does my cyp2d6 matter", medicine_named=True)
    False
    """
    text = normalize(text)
    named = medicine_named or MEDICINE_WORDS.search(text) or _COMMON_MEDICINES.search(text)
    if not named or not _NOW.search(text) or _ROUTINE.search(text):
        return False
    if _TOO_MUCH.search(text):
        return True
    return bool(_YOUNG_CHILD.search(text) and _CHILD_GOT_INTO.search(text))
