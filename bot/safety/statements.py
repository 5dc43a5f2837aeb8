"""Messages that only tell a state, with nothing happening in them: on a medicine ("i take lipitor"), a medicine named
bare ("tylenol", "my opioids"), a pregnancy told ("I'm pregnant"), a planned procedure told ("my son is having his
tonsils out"). A model-only alarm on such a message is not an emergency (triage.py); the emergency rules still decide,
and right after an emergency reply a bare medicine is read as part of it (conversation/subject.py).

Split from check_in.py (stop 39): the check-in tier there judges signs of danger; this module judges their absence in a
statement, with the same sign vocabulary (``check_in.TAKEN``, ``FEELING``, ``EVENT``, ``HARM_WORDS``).
"""

from __future__ import annotations

import re

from bot.safety.asks import mentions_body_signs
from bot.safety.check_in import EVENT, FEELING, HARM_WORDS, TAKEN, acute_beyond_time, strong_sign
from bot.safety.mentions import ACUTE_NOW
from bot.safety.overdose import PAIN_RELIEVERS
from bot.safety.rules import mask_benign, normalize

# A medicine the knowledge base does not hold, read from its name (round 5: "any gene issue with metformin for me" was
# escalated while "does my result affect metformin" was answered). Generic names carry the naming stems of the USAN
# Council (-pril, -sartan, -statin, ...); a few everyday medicines and brands have none. Only ever used to read a
# question as being about a medicine; which results concern it still comes from the report and the KB. Kept here, in
# the safety layer, because a medicine named with nothing happening is no emergency either (``nothing_happening``).
UNLISTED_MEDICINE = re.compile(
    r"\b(?:[a-z]{2,}(?:pril|sartan|olol|alol|dipine|statin|formin|gliptin|gliflozin|glitazone|cillin|mycin|micin|"
    r"floxacin|cycline|conazole|prazole|tidine|setron|triptan|oxetine|afil|azepam|azolam|bazam|barbital|caine|pentin|"
    r"gabalin|thyroxine|parin|xaban|gatran|mab|tinib|lukast|profen|fenac|coxib|triptyline|pramine|zosin|semide|"
    r"thiazide|tiazem|pamil|nisone|nisolone|sonide|dronate|apine|peridol)|insulin|aspirin|acetaminophen|"
    r"paracetamol|lithium|naproxen|methotrexate|digoxin|synthroid|glucophage|neurontin|lyrica|zestril|norvasc|lasix|"
    r"eliquis|xarelto|pradaxa|savaysa|ozempic|wegovy|mounjaro|jardiance|farxiga|tylenol|advil|motrin|aleve|"
    # (stop 39: "I take Adderall" had the 911 reply, "I take Eliquis" the crisis one)
    r"adderall|ritalin|vyvanse|concerta|focalin|methylphenidate|amphetamine|dextroamphetamine|lisdexamfetamine)\b",
    re.IGNORECASE,
)
_ON_A_MEDICINE = re.compile(
    r"^\W*(?:(?:so|ok|okay|fyi|btw|also|and|well|hi|hey|just so you know|one more thing|another thing|oh and|oh|"
    r"by the way|ps)\W+)*"
    r"(?:(?:i|i'?m|im|i am|i'?ve been|ive been|i have been|my (?:\w+\s+){1,2}?(?:is|was|are|has been|have|has|had|put|started|"
    r"keeps?))\s+(?:(?:now|still|currently|also|already|just|recently|been)\s+){0,2}"
    r"(?:on|taking|take|use|using|me on|got me on|prescribed(?: me)?|put on|started on|"
    # (stop 48, thirteenth pass F1: "I just started tramadol" had the crisis reply from a model-only vote, 8 of 20)
    r"started|starting|began|begun)|"
    r"(?:just\s+)?(?:started|starting|began)|"
    r"my (?:\w+\s+){1,2}?(?:gave|prescribed|started) me|my (?:\w+\s+){1,2}?(?:takes|uses))\b"
    r"(?!\s+(?:the|a|an|my|his|her|their|this|that|it|them|floor|ground)\b)",
    re.IGNORECASE)
_MORE_THAN_ON_IT = re.compile(r"\b(?:too (?:many|much)|extra|double\w*|twice|again|overdos\w*|all (?:of )?(?:my|the|them)|"
                              r"whole|bottles?|packs?|handful|\d+\s*(?:pills?|tabs?|tablets?|caps?|capsules?|x)|"
                              r"accident\w*|mistake|wrong|forgot|missed|stopp?\w*|quit|reaction|side effects?)\b",
                              re.IGNORECASE)


# A bare medicine named ("tylenol", "my blood thinner", "what about lipitor?") or a pregnancy told ("I'm pregnant",
# "just found out i'm pregnant"): nothing happening, and both had the 911 reply from the alarm model alone (stop 37)
_BARE_MEDICINE = re.compile(r"^\W*(?:(?:and|so|ok|what about|how about|about|re)\W+)?(?:my|the|his|her|our)?\s*"
                            r"(?:[\w'-]+\s*){1,3}\W*$", re.IGNORECASE)
# A pregnancy, a new baby or breastfeeding told, one or two of them ("I'm pregnant", "I just had a baby and I'm
# breastfeeding": the second had the 988 check-in, stop 39)
_STATE = (r"(?:i just found out |just found out )?(?:(?:i'?m|im|i am|we'?re|we are|my (?:wife|partner|girlfriend) is)\s+"
          r"(?:\w+\s+){0,2}?(?:pregnant|breastfeeding|breast feeding|nursing|pumping)(?:\s+(?:again|now|with (?:my|our) "
          r"(?:first|second|third) (?:baby|child)|(?:my|the|our) (?:baby|son|daughter|newborn)))?|"
          r"(?:(?:i|we|my (?:wife|partner|girlfriend))\s+)?(?:just\s+)?(?:had|gave birth to|delivered)\s+(?:a|my|our|the)\s+"
          r"(?:baby|son|daughter|little (?:boy|girl))(?:\s+(?:\w+\s+){0,2}?(?:ago|last week|yesterday|this week|last month))?)")
_PREGNANT_ONLY = re.compile(rf"^\W*(?:(?:so|ok|well|hi|hey|fyi|btw|also)\W+)*{_STATE}(?:\W+(?:and|so)?\W*{_STATE})?\W*$",
                            re.IGNORECASE)
# A medicine a clinician gave, told anywhere in the message ("I just had a baby and the hospital sent me home with Tylenol
# 3": the 911 reply, stop 39): the prescription is taken out, and the rest is judged like any statement
# The clinicians who prescribe, as patients name them (here and in ``_PRESCRIBED``)
_CLINICIANS = (r"(?:doc|doctor|gp|ob|obgyn|midwife|surgeon|dentist|pain (?:doctor|specialist|clinic)|prescriber|specialist|"
               r"oncologist|cardiologist|psychiatrist|rheumatologist|neurologist|nurse practitioner)s?")
_PRESCRIPTION_TOLD = re.compile(
    rf"\b(?:the (?:hospital|doctors?|er|clinic|nurses?|surgeon|dentist|midwife)|my (?:\w+\s+)?{_CLINICIANS}|they|he|she)\s+"
    r"(?:sent me home with|sent me home on|gave me|prescribed(?: me)?|put me on|"
    r"started me on|switched me (?:over )?(?:to|onto)|moved me (?:over )?(?:to|onto)|changed me (?:over )?(?:to|onto))\s+"
    r"(?P<medicine>(?:some\s+)?(?:[\w'-]+\s*){1,3}?)(?:for (?:the |my )?(?:pain|afib|a-fib|clots?|adhd|nausea|heartburn))?"
    r"\W*$",
    re.IGNORECASE)


# A planned procedure told ("my son is having his tonsils out", "I'm getting my wisdom teeth pulled next week", "she is
# booked for a c-section in March"): "is having" reads as something happening now, and the alarm model gave the tonsils
# 0.88 (stop 39, a new-user pass). Only the procedure is taken out; anything else in the message is judged as usual.
_PROCEDURE = (r"surgery|an? operation|(?:a |an |the )?(?:\w+ )?(?:procedure|op)|(?:a |an )?(?:colonoscopy|endoscopy|"
              r"mammogram|biopsy|mri|ct scan|scan|c-?section|caesarean|cesarean|tonsillectomy|appendectomy|mastectomy|"
              r"hysterectomy|filling|root canal|crown|extraction|cataract surgery|knee replacement|hip replacement|"
              r"(?:his|her|my|their|a|the) (?:\w+ )?(?:tonsils|adenoids|wisdom teeth|teeth|tooth|appendix|gallbladder|"
              r"gall bladder|tubes|cataracts?|knee|hip|ovaries|uterus)(?: (?:out|removed|pulled|taken out|done|fixed|replaced|"
              r"put in))?)")
_PLANNED_PROCEDURE = re.compile(
    # (stop 44: with the age between, "my son is 4 and having his tonsils out next week")
    rf"\b(?:(?:i'?m|im|i am|(?:he|she|they|we)(?:'s|'re| is| are)|(?:my|our) \w+(?:'s| is| are))"
    rf"(?:\s+(?:\d+|[a-z]+)(?:\s+(?:years?|yrs?|months?)(?:\s+old)?)?,?\s+and)?\s+"
    rf"(?:(?:going|gonna|about|booked|scheduled|due|set|supposed) (?:to (?:have|get|go in for)|for|in for)|having|getting|"
    rf"going in for|booked for|scheduled for|due for)|(?:i|we|(?:he|she) (?:needs|has)|(?:my|our) \w+ (?:needs|has)) "
    rf"(?:need|have|has|needs)(?: to (?:have|get))?)\s+(?:{_PROCEDURE})"
    rf"(?:\s+(?:next|this|on|in|tomorrow|soon|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b[\w ]{{0,20}})?",
    re.IGNORECASE)


# A medicine a clinician plans or gives, told as news ("post-op they're planning tramadol for me", "the hospital is giving
# my son gentamicin for an infection", "my 7 year old is getting codeine after his ear surgery next month"): the alarm
# model gave such statements 0.61-0.64 and the crisis reply followed (stop 51, sixteenth pass F1). Only the statement is
# taken out; anything else in the message is judged as usual.
_GIVER = (rf"(?:(?:the|my|our|his|her) (?:\w+ )?(?:hospital|doctors?|team|clinic|nurses?|an(?:a)?esthetists?|er|icu|nicu|ward|"
          rf"pharmacist|{_CLINICIANS})|they|he|she)")
_PLANNED_MEDICINE = re.compile(
    rf"\b{_GIVER}(?:'s|'re| is| are| will| wants? to| plans? to| might| may| would)?\s+"
    r"(?:planning(?: on| to (?:give|use|start|put|prescribe))?|going to (?:give|start|put|use|switch|prescribe)|"
    r"gonna (?:give|start|put|use|prescribe)|giving|starting|switching|prescribing|sending (?:me|him|her|us) home with|"
    r"mentioned|talking about|suggest(?:ed|ing|s)?|recommend(?:ed|ing|s)?|give|start|put|prescribe|switch)\s+"
    r"(?:(?:me|him|her|them|us|my \w+|our \w+)\s+)?(?:(?:on|onto|to|with)\s+)?(?:some\s+)?[\w'-]+(?:\s+[\w'-]+)?"
    r"|\b(?:i|he|she|they|(?:my|our) (?:\w+ ){0,3}?(?:son|daughter|kid|child|baby|boy|girl|husband|wife|partner|mom|mum|dad|"
    r"old))(?:'s|'re|'m| is| are| am| will be)\s+(?:getting|going to get|gonna get|due to (?:get|start)|being given|"
    r"to be given|going on|going to start)\s+[\w'-]+(?:\s+[\w'-]+)?",
    re.IGNORECASE)


# Medicines given to rescue someone (an antidote, adrenaline, antivenom): their being given says an emergency is under way
_RESCUE_MEDICINE = re.compile(r"\b(?:naloxone|narcan|antivenom|anti-venom|antivenin|adrenaline|epinephrine|epi-?pens?|"
                              r"charcoal|atropine|glucagon|antidote|flumazenil|dantrolene|oxygen|n-?acetylcysteine|nac)\b",
                              re.IGNORECASE)
_NOW_WORD = re.compile(r"\b(?:now|right now|rn|currently|at the moment|tonight|today)\b", re.IGNORECASE)


# A long-term condition told bare ("I have epilepsy", "my husband has a heart condition", "I'm a cancer survivor"): the
# background of a question to come, nothing happening; the alarm model gave these 0.45-0.89 (stop 43, seventh pass M2)
_CONDITION_TOLD = re.compile(
    r"^\W*(?:(?:also|and|so|fyi|btw|just so you know|for context)\W+)?(?:i|my \w+|he|she|we)\s*(?:have|has|'?ve got|got|"
    r"suffer(?:s)? from|live(?:s)? with|(?:was|were|am|is|'m|'s) diagnosed with)\s+(?:(?:a|an|the|bad|severe|chronic|mild|"
    r"some|long-term|type [12])\s+)*(?:epilepsy|seizure disorder|heart (?:condition|disease|problems?|failure)|"
    r"a ?fib|atrial fibrillation|asthma|diabetes|high blood pressure|hypertension|high cholesterol|migraines?|anxiety|"
    r"depression|bipolar(?: disorder)?|adhd|copd|arthritis|crohn'?s(?: disease)?|colitis|lupus|kidney disease|"
    r"thyroid (?:problems?|disease)|a (?:bad|weak) heart|sickle cell(?: disease)?)\W*$|"
    r"^\W*(?:i'?m|im|i am|he'?s|she'?s|my \w+ is) an? (?:cancer|stroke|heart attack|breast cancer) survivor\W*$",
    re.IGNORECASE)


def tells_condition(text: str) -> bool:
    """The whole message tells a long-term condition and asks nothing ("I have epilepsy", "my husband has asthma").

    >>> tells_condition("I have epilepsy"), tells_condition("I have epilepsy, what does HLA-B mean for me")
    (True, False)
    """
    return bool(_CONDITION_TOLD.search(text.strip()))


def nothing_happening(text: str, *, medicine_named: bool) -> bool:
    """A statement with nothing happening in it: on a medicine (``on_a_medicine_only``), a medicine named bare, a
    pregnancy or a planned procedure told. A model-only alarm on it is not an emergency (rules still decide).

    >>> nothing_happening("tylenol", medicine_named=True), nothing_happening("I'm pregnant", medicine_named=False)
    (True, True)
    >>> nothing_happening("opioids", medicine_named=True), nothing_happening("im pregnant and bleeding", medicine_named=False)
    (True, False)
    >>> nothing_happening("my opioids tonight", medicine_named=True), nothing_happening("took all my opioids", medicine_named=True)
    (False, False)
    >>> nothing_happening("what about my pain pills", medicine_named=False), nothing_happening("my water pill", medicine_named=False)
    (True, True)
    >>> nothing_happening("took all my pain pills", medicine_named=False)
    False
    >>> nothing_happening("my son is having his tonsils out", medicine_named=False)
    True
    >>> nothing_happening("I just had a baby and the hospital sent me home with Tylenol 3", medicine_named=True)
    True
    >>> nothing_happening("I just had a baby and I'm breastfeeding", medicine_named=False)
    True
    >>> nothing_happening("my son had his tonsils out and now he won't wake up", medicine_named=False)
    False
    >>> nothing_happening("I have epilepsy", medicine_named=False), nothing_happening("I have chest pain", medicine_named=False)
    (True, False)
    """
    if on_a_medicine_only(text, medicine_named=medicine_named) or tells_condition(text):
        return True
    told = _PRESCRIPTION_TOLD.search(text)
    if told and (medicine_named or _names_medicine(told.group()) or _RISKY_MEDICINE.search(told.group())):
        rest = text[:told.start()]
        if not rest.strip() or _PREGNANT_ONLY.match(re.sub(r"\W*(?:and|so|but)\W*$", "", rest, flags=re.IGNORECASE)):
            given = _RISKY_MEDICINE.sub(" medicine ", told.group("medicine"))  # (a clinician chose it: no method)
            return not _more_than_named(normalize(given), mask_benign(given)[0])
    planned = _PLANNED_MEDICINE.search(text)
    # ("they are giving her antivenom": a rescue under way is judged whole)
    if planned and not _RESCUE_MEDICINE.search(text) \
            and (medicine_named or _names_medicine(planned.group()) or _RISKY_MEDICINE.search(planned.group())):
        rest = f"{text[:planned.start()]} {text[planned.end():]}"
        masked_rest = mask_benign(rest)[0]
        return _nothing_beside(rest, masked_rest) and not (strong_sign(masked_rest) or _NOW_WORD.search(masked_rest))
    if _PLANNED_PROCEDURE.search(text):
        rest = _PLANNED_PROCEDURE.sub(" ", text)
        return _nothing_beside(rest, mask_benign(rest)[0])
    unnamed = EVERYDAY_MEDICINE.sub(" medicine ", text)  # ("pain pills" names a medicine, not a pain)
    bare = (medicine_named or _names_medicine(text)) and bool(_BARE_MEDICINE.match(text))
    if bare and not ACUTE_NOW.search(text):
        # a risky medicine named bare ("opioids", "my opioids") is a topic, not a method: a patient checking their pain
        # medicines had the suicide-crisis reply (stop 39). With a time word ("my opioids tonight") the alarm decides.
        unnamed = _RISKY_MEDICINE.sub(" medicine ", unnamed)
    if _more_than_named(normalize(unnamed), mask_benign(unnamed)[0]):
        return False
    return bare or bool(_PREGNANT_ONLY.match(text))


def _names_medicine(text: str) -> bool:
    """A medicine named by its name or by what it is for, without the engine's vocabulary ("xarelto", "pain pills")."""
    return bool(EVERYDAY_MEDICINE.search(text) or UNLISTED_MEDICINE.search(text))


def _nothing_beside(rest: str, masked_rest: str) -> bool:
    """What is left beside a statement taken out (``masked_rest``: it with harmless idioms masked) names nothing more
    than a medicine or a state, and no acute word beyond one of time."""
    return not (_more_than_named(normalize(rest), masked_rest) or acute_beyond_time(masked_rest))


def _more_than_named(norm: str, masked: str) -> bool:
    """More than a medicine or a state named: an amount or a mistake, something taken, felt or happening, a word of
    harm or a sign in the body (``asks.mentions_body_signs``)."""
    return bool(_MORE_THAN_ON_IT.search(norm) or TAKEN.search(masked) or FEELING.search(masked)
                or EVENT.search(masked) or HARM_WORDS.search(masked) or mentions_body_signs(masked))


# Medicines and kinds of medicine the knowledge base has no document for, named as patients name them
EVERYDAY_MEDICINE = re.compile(rf"\b(?:{PAIN_RELIEVERS}|"
                                r"blood thinners?|antidepressants?|statins?|painkillers?|pain killers?|heart (?:medicine|pills?)|"
                                r"cholesterol (?:medicine|pills?)|antibiotics?|inhalers?|birth control|"
                                # (stop 38: "what about my pain pills" had the crisis reply, "my water pill" the 911 one)
                                r"(?:pain|water|blood pressure|bp|thyroid|diabetes|acid reflux|reflux|heartburn|stomach|"
                                r"allergy|migraine|adhd|cholesterol|heart) (?:pills?|meds|medicines?|medications?|tablets?))\b",
                                re.IGNORECASE)


_LAB_WORDS = re.compile(r"\bblood (?:counts?|tests?|work|levels?|pressure|sugars?|results?|draws?|panels?)\b", re.IGNORECASE)


# Background after the statement ("... too", "... after a heart valve surgery"): why the medicine was started, long
# done; the alarm model gave "I'm on warfarin after a heart valve surgery" 0.72 (stop 43, seventh pass M2). A time of
# today or now is not background: the statement is judged whole.
_BACKGROUND_TAIL = re.compile(
    r"(?:\s+(?:too|as well|also)|,?\s+(?:after|since|following|because of)\s+(?:a|an|my|his|her|the|their)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:surgery|operation|replacement|stent|bypass|heart attack|stroke|clot|dvt|transplant|diagnosis)"
    r"(?:\s+(?:last|in|a few|a couple of|two|three|four|five|\d+)\b[\w ]{0,20}?)?)\W*$", re.IGNORECASE)


def on_a_medicine_only(text: str, *, medicine_named: bool = True) -> bool:
    """The message only says that the writer or someone close is on a medicine (a short statement, no sign, no amount).
    ``medicine_named``: the engine found a medicine or gene in it (triage's ``domain``).

    >>> on_a_medicine_only("i take lipitor"), on_a_medicine_only("my doc has me on simvastatin 20")
    (True, True)
    >>> on_a_medicine_only("my mom is on the floor and won't answer me")
    False
    >>> on_a_medicine_only("I'm on warfarin after a heart valve surgery"), on_a_medicine_only("my husband takes warfarin too")
    (True, True)
    >>> on_a_medicine_only("I'm on warfarin after a stroke this morning")
    False
    >>> on_a_medicine_only("i take lipitor and my muscles hurt"), on_a_medicine_only("i took 30 lipitor")
    (False, False)
    >>> on_a_medicine_only("im on lipitor and want to die")
    False
    >>> on_a_medicine_only("my doctor put me on oxycodone"), on_a_medicine_only("i take fentanyl")
    (True, False)
    """
    text = _BACKGROUND_TAIL.sub("", text)
    norm = normalize(text)
    medicine_named = medicine_named or _names_medicine(text)
    if not medicine_named or len(norm.split()) > 14 or not _ON_A_MEDICINE.search(norm):
        return False
    masked = _LAB_WORDS.sub(" ", mask_benign(text)[0])  # ("blood counts have been normal": a lab value, no bleeding)
    if _PRESCRIBED.search(norm):  # "my doctor put me on oxycodone": a medicine a prescriber chose is no method
        masked = _RISKY_MEDICINE.sub(" ", masked)
    return not _more_than_named(norm, masked)


_PRESCRIBED = re.compile(rf"\bmy {_CLINICIANS} (?:has|have|had|put|started|keeps?|prescribed)\b", re.IGNORECASE)
_RISKY_MEDICINE = re.compile(r"\b(?:oxy\w*|percs?|percocet|xans?|xanax|benzos?|opioids?|fent\w*|insulin|lithium)\b",
                             re.IGNORECASE)


# A fear of what may come ("I'm scared I'll have a heart attack like my dad did", "my mom had a stroke and I'm scared I'll
# end up the same way", "I'm scared of bleeding to death on warfarin"): the event feared has not happened. Each had the
# 911 reply from the alarm model alone (stop 39, a new-user pass).
_FEAR_AHEAD = re.compile(
    r"\b(?:scared|afraid|worried|terrified|frightened|petrified|nervous|anxious|fear(?:ful)?|worry)\s+(?:that\s+)?"
    r"(?:(?:i|it|this|my (?:\w+ )?kids?|my (?:son|daughter|children|baby))(?:'ll| will| might| may| could| would|'?m going to|"
    r"'?m gonna| am going to| is going to| are going to| gets?| end up)|im (?:going to|gonna)|"
    r"(?:of|about)\s+(?:getting|having|bleeding|dying|ending up|developing|passing|a (?:stroke|heart attack|clot|bleed|"
    r"reaction)|cancer|the same))\b[^.!?;,]*",
    re.IGNORECASE)


def fears_ahead(text: str) -> bool:
    """The message tells a fear of something that may happen, and nothing happening now beside it: a model-only alarm
    on it needs the calm bar (triage.py).

    >>> fears_ahead("my mom had a stroke and I'm scared I'll end up the same way")
    True
    >>> fears_ahead("I'm scared of bleeding to death on warfarin"), fears_ahead("I'm scared, I can't breathe")
    (True, False)
    >>> fears_ahead("I'm scared I'll die, my chest is crushing right now")
    False
    """
    if not _FEAR_AHEAD.search(text):
        return False
    rest = _FEAR_AHEAD.sub(" ", text)
    return not (strong_sign(rest) or acute_beyond_time(mask_benign(rest)[0]))


# The amount of a medicine the writer takes, told as background ("I take sertraline 100mg, is that my genes?", "been on
# 40mg omeprazole for years. what does poor metabolizer mean for it"): the dose rules read any "100mg" as a dose asked,
# and escalated all eleven such questions of the ninth new-user pass (stop 45, explore9 M13). A question about the
# amount itself, a change or a missed or doubled dose is still a dose question.
_STATED_AMOUNT = re.compile(
    r"\b(?:i(?:'?m| am)?|i'?ve been|ive been|i have been|been|currently|now|still|my \w+ (?:is|has me|put me))\s+"
    r"(?:\w+\s+){0,2}?(?:on|taking|take|takes|prescribed|using)\b[^.?!]{0,40}?\b\d+(?:\.\d+)?\s*(?:mg|mcg|µg)\b|"
    r"^\W*(?:taking|on|been on|been taking)\s+(?:[\w-]+\s+){0,3}?\d+(?:\.\d+)?\s*(?:mg|mcg|µg)\b|"
    # (stop 45, tenth pass N11) a medicine named with its amount: "what about prilosec otc 20mg?", "lexapro 10mg - what
    # does my report mean for it?", "any problem with my simvastatin 20mg and my genes?"
    r"\b(?!(?:take|takes|taking|took|use|using|give|given|need|want|try|start|up|down|to|from|of|at|by|more|less|than|"
    r"about|is|was|be|the|a|an|dose|doses|dosage|another|extra|double|only|just|over|under)\b)[a-z][a-z-]{3,}"
    r"(?:\s+(?:otc|xl|er|sr|cr|xr))?\s+\d+(?:\.\d+)?\s*(?:mg|mcg|µg)\b",
    re.IGNORECASE)
_ASKS_AMOUNT = re.compile(
    r"\b(?:how (?:much|many|often)|doses?|dosage|dosing|more|less|higher|lower|increase\w*|decrease\w*|rais\w*|reduc\w*|"
    r"cut\w*|double\w*|half|halve|too (?:much|high|low|little|strong|weak|big|small)|enough|right amount|safe amount|"
    r"max\w*|limit|should i (?:take|use|be on)|can i (?:take|use)|chang\w*|adjust\w*|switch\w*|stop\w*|quit\w*|miss\w*|"
    r"skip\w*|forg[eo]t\w*|extra|instead|overdos\w*|safe|ok|okay|right|correct|normal|go(?:ing)? (?:up|down)|"
    r"up to|down to|bump\w*|can i (?:go|have|get))\b", re.IGNORECASE)
_AN_AMOUNT = re.compile(r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|µg)\b", re.IGNORECASE)


def stated_amount_only(text: str) -> bool:
    """The message tells the amount of a medicine the writer takes and asks nothing about the amount.

    >>> stated_amount_only("I take sertraline (zoloft) 100mg and it hasnt done anything, is that my genes??")
    True
    >>> stated_amount_only("I'm on 20mg of citalopram, is that too much for a poor metabolizer")
    False
    """
    # (two amounts are a choice between them: "lexapro 10mg or 20mg for me?")
    return bool(_STATED_AMOUNT.search(text)) and not _ASKS_AMOUNT.search(text) and len(_AN_AMOUNT.findall(text)) < 2
