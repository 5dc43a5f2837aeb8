"""The check-in tier (issue 15): alarm words with an everyday cause and no sign of danger.

"I can't take this anymore, the printer jammed again" and "nothing matters, we lost the final again" use words
of despair about an everyday thing; "what counts as a lethal dose in toxicology class" asks about a term for a
class. Neither is an emergency, and neither should get only an answer either: the reply is a counselor
hand-off that still gives the crisis line gently (``wording.ESCALATE["check_in"]``, reason ``check_in``).

The tier is narrow on purpose. It applies only when

* the only English emergency rule that fired is the despair rule (``rules.DESPAIR_RULE``) with an everyday
  cause in the message, or the lethal-dose term rule (``rules.LETHAL_TERM_RULE``) in a class setting that names
  nobody's medicines; or the classifier alone raised a weak alarm on a message with an everyday cause; or the
  alarm came only from asking how to help someone who self-harms (``helper_question``); and
* no danger sign is in the message: a medicine or pills, something taken, a method, a plan, a time, death or
  dying, wanting to be gone, a body symptom, a call for help (``DANGER``). Any of them keeps the emergency.

English only: other languages' rules stay as they are (when in doubt, alarm).

>>> venting("ugh I can't take this anymore, the printer jammed again")
True
>>> venting("work is killing me and I just took all my pills"), venting("I can't take this anymore")
(False, False)
>>> class_question("what counts as a lethal dose in toxicology class"), class_question("what's a lethal amount of my oxycodone")
(True, False)
"""

from __future__ import annotations

import re

from bot.safety.rules import DESPAIR_RULE, EMERGENCY_SELF_HARM, mask_benign, match_rules, normalize

_DESPAIR = re.compile(EMERGENCY_SELF_HARM[int(DESPAIR_RULE.split("#")[1])], re.IGNORECASE)

# Everyday causes people vent about: work, machines, travel, weather, noise, bills, school, sport, chores.
EVERYDAY_CAUSE = re.compile(
    r"\b(?:work|job|boss|co-?workers?|colleagues?|meetings?|shifts?|overtime|office|printer|copier|computer|laptop|"
    r"wi-?fi|internet|app|apps|website|emails?|inbox|spreadsheets?|project|deadlines?|traffic|commute|flights?|train|"
    r"bus|car|towed|ticket|airport|airline|weather|heat|humidity|rain|snow|noise|neighbou?rs?|landlord|rent|bills?|taxes|paperwork|"
    r"forms?|insurance|homework|exams?|class|school|teacher|lecture|grades?|game|team|match|final|finals|season|"
    r"playoffs|league|referee|kids|toddler|chores|laundry|dishes|mosquito(?:e)?s|line|queue|parking|printer|"
    r"crossword|puzzle|mondays?)\b", re.IGNORECASE)

# A class setting for a term ("in toxicology class", "for my pharmacology exam").
_CLASS_WORDS = (r"class|course|lecture|exam|quiz|textbook|homework|assignment|toxicology|pharmacology|pharm|"
                r"nursing school|med school|medical school|studying|professor|syllabus|module|lab manual")
_CLASS = re.compile(rf"\b(?:{_CLASS_WORDS})\b", re.IGNORECASE)
_MY_CLASS = re.compile(rf"\b(?:my|our) (?:\w+ )?(?:{_CLASS_WORDS})\b", re.IGNORECASE)
# A person in the question: whose medicines, or who might be at risk ("my oxycodone", "her pills").
_PERSON = re.compile(r"\b(?:i|i'?m|im|i'?ve|ive|me|my|mine|myself|he|she|him|her|his|hers|they|them|their)\b",
                     re.IGNORECASE)

# Any sign of danger keeps the emergency: medicines or something taken, a method, a plan or a time, death or wanting
# to be gone, hopelessness beyond the moment, a body symptom, or a call for help. Matched after harmless idioms are
# masked ("this commute is killing me" says nothing here), so every word left counts.
DANGER = re.compile(
    r"\b(?:pills?|meds?|medicines?|medications?|tablets?|capsules?|drugs?|overdos\w*|od'?d|took|taken|taking|swallow\w*|"
    r"drank|ate|poison\w*|bleach|bottle|alcohol|drunk|"
    r"die|died|dying|dead|death|kill\w*|suicid\w*|end|ending|ended|life|live|living|alive|wake|disappear\w*|gone|"
    r"hurt\w*|harm\w*|cut\w*|jump\w*|bridge|roof|gun|rope|hang\w*|knife|blade|razor|"
    r"plan\w*|tonight|goodbye|note|forever|nobody|no one|alone|worthless|hopeless|burden|better off|"
    r"help|emergency|911|988|ambulance|hospital|er|breath\w*|chest|heart|bleed\w*|blood|faint\w*|pass(?:ed|ing)? out|"
    r"seiz\w*|numb|swell\w*|swollen|throat|unconscious|collaps\w*|vomit\w*|throwing up|dizzy|pain|shak\w*|stroke|"
    r"slurr\w*|blue|confus\w*|sleepy|drowsy|allerg\w*|hives|fever)\b", re.IGNORECASE)


# Asking how to help someone who self-harms ("how can I support a friend who self-harms"): worry for someone, with no
# sign that anyone is in danger now. A counselor and the crisis line fit it; the emergency banner does not.
_HELPER = re.compile(
    r"\b(?:support|help|talk to|talk with|be there for|approach|comfort|reach out to|deal with|cope with)\s+(?:a |my |our |"
    r"your |their )?(?:friend|child|kid|teen|teenager|son|daughter|student|partner|boyfriend|girlfriend|sibling|brother|"
    r"sister|someone|loved one|family member|patient)s?\s+(?:who|that)\s+(?:self[- ]?harms?|self[- ]?injures?|cuts?|"
    r"(?:has|have) self[- ]?harmed|used to self[- ]?harm|(?:is|are) self[- ]?harming)\b", re.IGNORECASE)


def _danger(text: str) -> bool:
    masked, _ = mask_benign(text)
    masked = _DESPAIR.sub(" ", masked)  # the despair words themselves ("I hate my life") are what is weighed here
    return bool(DANGER.search(masked))


def venting(text: str) -> bool:
    """Despair or alarm words said about an everyday cause, with no sign of danger anywhere in the message."""
    text = normalize(text)
    return bool(EVERYDAY_CAUSE.search(text)) and not _danger(text)


def class_question(text: str) -> bool:
    """A question about a term in a class setting that names no one (so no one's own medicines), with no danger
    sign."""
    text = normalize(text)
    unowned = _MY_CLASS.sub(" ", text)  # "for my pharmacology exam": the exam is theirs, no medicine is
    return bool(_CLASS.search(text)) and not _PERSON.search(unowned) and not _danger(text)


def helper_question(text: str) -> bool:
    """Asks how to help someone who self-harms, and nothing else in the message is an alarm or a danger sign.

    >>> helper_question("how can I support a friend who self-harms")
    True
    >>> helper_question("how can I support a friend who self-harms, she cut herself and is bleeding a lot")
    False
    """
    text = normalize(text)
    if not _HELPER.search(text):
        return False
    rest = _HELPER.sub(" ", text)
    return not any(h.action == "emergency" for h in match_rules(rest).hits) and not _danger(rest)
