"""Does a message ask how a medicine and a result relate (explained from the KB and the report), or for a decision
about the medicine (a person decides)? Issue 15, round 4: the triage classifier sometimes escalates a question on a
medicine's name alone ("plavix?", "tramadol and my CYP2D6?", "so plavix needs my liver enzyme to work?") while the
same question in other words is answered, so the action followed the wording, not the meaning.

A question is *about the link* when it names a medicine (or a class of them: "my chemo drugs", "painkillers like
ibuprofen") and either says nothing else but names and the words of asking about them ("plavix and me", "warfarin
and my results?"), or has the shape of an explanation question ("how does", "why does", "does X need", "what about").
It asks a *decision* when it asks to take, stop, switch or change a medicine, an amount, whether it is safe, right,
okay or will work for them, or what to do: that always stays with a person.

>>> from bot.answering.vocabulary import Vocabulary
>>> blank = Vocabulary.builtin().without_names
>>> explains_medicine("plavix and me", blank("plavix and me")), explains_medicine("plavix and me")
(True, False)
>>> explains_medicine("so plavix needs my liver enzyme to work?")
True
>>> explains_medicine("is plavix safe for me"), explains_medicine("should I stop plavix")
(False, False)
>>> explains_medicine("what about my chemo drugs"), explains_medicine("I had a bad reaction to codeine")
(True, False)
>>> explains_medicine("gabapentin and my results?", blank("gabapentin and my results?"))
True
"""

from __future__ import annotations

import re

from bot.safety.asks import asks_for_medicine_judgement, mentions_body_signs
from bot.safety.statements import UNLISTED_MEDICINE

# A decision about a medicine, however a question is shaped: taking, stopping, switching, amounts, whether it is
# safe, right or will work for them, what to do.
MEDICINE_DECISION = re.compile(
    r"\b(?:can|could|may|should|shall|do|must|would|will) (?:i|we|he|she|they) (?:still |even |safely )?(?:take|use|have|"
    r"stop|start|switch|change|quit|keep|continue|drink|mix|combine|skip|get)\b|"
    r"\b(?:i|we) (?:can|could|may|should|must|need to|have to|am able to|am allowed to) (?:still |even |safely )?"
    r"(?:take|use|have|stop|start|switch|change|quit|keep|continue|get)\b|"
    r"\b(?:stop\w*|quit\w*|switch\w*|swap\w*|replac\w*|instead|alternatives?|lower\w*|rais\w*|increas\w*|"
    r"decreas\w*|doubl\w*|halv\w*|cut\w*|doses?|dosage|dosing|mg|how much|how many|safe\w*|danger\w*|risk\w*|"
    r"avoid\w*|allowed|okay|ok|fine|work|right for|best|better|what (?:do|should) i do|ditch\w*|keep\w*|"
    r"do i need|less|fewer|smaller|bigger|higher|reduc\w*|(?:need|take|use|get|give)\w*\s+(?:\w+\s+)?more|"
    r"what (?:would|do|should) (?:you|u) (?:do|think|suggest|recommend|advise)|yes or no|or not|worth\w*|"
    r"recommend\w*|suggest\w*|advis\w*|"
    # whether it works for them ("is plavix doing anything for me", "how well does it protect me")
    r"doing anything|do anything|protect\w*|effective\w*|working|helps? me|helping me|enough|"
    # a judgement of it for them ("is codeine strong for me", "too much for me", "a good idea")
    # ("ear drops too?" is "as well": only a "too" before a word judges, "too strong", "too much")
    r"too(?=\s+[a-z])|strong|stronger|weak|suitable|appropriate|idea|harmful|toxic|"
    # (stop 41) a switch put in other words: "is it wise to change over from Plavix to another antiplatelet agent"
    r"wise|unwise|sensible|advisable|prudent|chang\w*\s+(?:over|to|from)|(?:go|get|come|be taken)\s+off|"
    # (stop 44) asked ahead of a clinician's change: "if my doctor ever wants me off warfarin, what then"
    r"(?:wants?|takes?|took|taking|taken|puts?|putting|gets?|getting) (?:me|him|her|them|us) off|"
    r"chang\w* (?:my|his|her|their|the) (?:med\w*|prescription|pills?|drugs?|treatment)|"
    r"(?:another|a different|some other|an alternative|an?other)\s+(?:\w+\s+)?(?:medicines?|medications?|drugs?|pills?|"
    r"blood thinners?|agents?|options?|brands?)|"
    # (stop 49) a stop thought of in other words: "I don't think I need it anymore", "tempted to just skip it"
    r"(?:don'?t|do not|dont|doesn'?t|does not|no longer)\s+(?:\w+\s+){0,3}?need\b[^.?!]{0,30}\b(?:anymore|any more|"
    r"these days|now)|need\w*\b[^.?!]{0,30}\b(?:anymore|any more)|skip\w*)\b",
    re.IGNORECASE,
)
# How a medicine works, not whether it will work for them: "needs my liver enzyme to work", "is activated by".
_MECHANISM = re.compile(
    r"\b(?:needs?|uses?|relies on|depends? on|requires?)\b[^.?!]{0,40}?\bto (?:start )?(?:work|working|be activated|"
    r"get activated|activate|turn on|break (?:it )?down)\b|\b(?:activated|broken down|processed|cleared) by\b|"
    # what a result does to how it works ("does that combo change how the drug works for me", round 5)
    r"\b(?:chang\w*|affect\w*|alter\w*|explain\w*)\s+how\s+(?:\w+\s+){0,3}?(?:works?|acts?|is (?:broken down|processed))\b"
    r"(?:\s+(?:for|in)\s+me)?",
    re.IGNORECASE,
)
# A problem between a medicine and the genes is the link itself, not a judgement of the medicine ("any problem with
# plavix and my genes", "a gene issue with metformin": round 5), so its problem word asks nothing to be decided.
_LINK_PROBLEM = re.compile(
    r"\b(?:gene|genetic|dna)\s+(?:problems?|issues?|conflicts?|clash\w*)\b|"
    r"\b(?:problems?|issues?|conflicts?|clash\w*)\s+(?:with|between|for)\b(?=[^.?!]{0,40}\b(?:and|with|for)\s+"
    r"(?:my\s+)?(?:genes?|genetics|dna|results?|report|[a-z]*\d\w*)\b)",
    re.IGNORECASE,
)
# A class of medicines named in place of one ("my chemo drugs", "painkillers", "blood thinners").
MEDICINE_CLASS = re.compile(
    r"\b(?:chemo\w*|painkillers?|pain (?:meds|pills?|tablets?|medicines?)|pain relievers?|opioids?|statins?|"
    r"blood thinners?|antidepressants?|ssris?|water pills?|(?:cholesterol|acid reflux|heartburn) (?:pills?|meds|medicines?)|"
    # (stop 40: "what about my blood pressure pills" was declined as a health topic, "my thyroid medicine" escalated)
    r"(?:blood pressure|bp|thyroid|diabetes|diabetic|sugar|allergy|migraine|heart|seizure|epilepsy|asthma|sleeping|sleep|depression|"
    r"adhd|anxiety|arthritis|gout) (?:pills?|meds|medicines?|medications?|tablets?)|"
    r"snris?|ppis?|antacids?|nsaids?|anti-?inflammator\w*|antibiotics?|anaesthe\w*|anesthe\w*|thiopurines?|inhalers?|puffers?)\b",
    re.IGNORECASE,
)
# The shape of an explanation question ("how does ...", "why does ...", "what about ...", "does X need ...").
_EXPLAIN_FRAME = re.compile(
    # (stop 42: "ok cool n wat abt my statin tho")
    r"(?:^|[,.;:!?]\s*)\W*(?:(?:so|and|n|ok|okay|cool|nice|great|right|alright|thanks|wait|hmm|then|but|also|pls|"
    r"please)\W+)*(?:how|why|what|wat|which|whats|what's|does|do|did|is|are|any|anything|explain|tell me)\b",
    re.IGNORECASE,
)
# Words that ask about a named thing and nothing more ("plavix and me", "warfarin and my results?", "CYP2D6 meaning").
_ABOUT_WORDS = frozenset(
    "and also ok okay so then but what how about for with same of the my me mine i too as well pls please now next "
    "one tell more result results report gene genes genetics dna meaning mean means say says link linked any "
    "anything on in is it a an like affect affects affected impact impacted matter matters relevant "
    # (stop 46, batch 23 dev) the result's type and the medicine's form beside the names: "tamoxifen + 2D6 intermediate?",
    # "Efudex cream + DPYD?" were escalated as a change
    "poor intermediate normal rapid ultrarapid metabolizer metaboliser positive negative deficient decreased increased "
    "function type status cream gel ointment patch tablets pills syrup drops injection".split()
)
# Things that happened or were felt: a statement a person should hear, not a question to explain.
# (and a medicine's history with them, "never worked for me", or one being prescribed now, "my doctor wants me on it":
# the classifier's escalation of those is a person's question about their care, not a link to explain)
_HAPPENED = re.compile(r"\b(?:reaction|reacted|side effects?|allerg\w*|took|taken|taking too|overdos\w*|missed|"
                       r"forgot|stopped|ran out|pregnan\w*|breastfeed\w*|nursing|bruis\w*|bleed\w*|aches?|aching|pain|"
                       r"hurts?|symptoms?|feel\w*|felt|tired|dizzy|sick|nause\w*|rash\w*|itch\w*|makes? me|made me|"
                       r"never (?:worked|helped|did)|"
                       r"(?:didn'?t|doesn'?t|don'?t|did not|does not|won'?t|wasn'?t|isn'?t|not) (?:work\w*|help\w*|do anything)|"
                       r"wants? me (?:on|to)|put me on|prescrib\w*|start(?:ed|ing)? (?:me )?on|can'?t|cannot|can not)\b",
                       re.IGNORECASE)


def asks_medicine_decision(text: str) -> bool:
    """Whether the message asks for a decision about a medicine (not how it works: "needs CYP2C19 to work").

    >>> asks_medicine_decision("will plavix work for me"), asks_medicine_decision("does clopidogrel need CYP2C19 to work")
    (True, False)
    >>> asks_medicine_decision("any problem with plavix and my genes"), asks_medicine_decision("any problem with plavix")
    (False, True)
    >>> asks_medicine_decision("does my result change how plavix works for me"), asks_medicine_decision("will it work for me")
    (False, True)
    >>> asks_medicine_decision("ok cool n what about my statin"), asks_medicine_decision("ok to take it with food?")
    (False, True)
    """
    rest = _RESULT_TYPE.sub(" ", _LINK_PROBLEM.sub(" ", _MECHANISM.sub(" ", _LEAD_IN.sub("", text))))
    return asks_for_medicine_judgement(rest) or bool(MEDICINE_DECISION.search(rest))


# a result type that reads like a change ("SLCO1B1 decreased function"): the report's words, not a dose asked (stop 46)
_RESULT_TYPE = re.compile(r"\b(?:possibly\s+)?(?:decreased|increased|reduced)\s+(?:function|activity)\b", re.IGNORECASE)
# "ok, ..." / "ok cool n ..." before a follow-up: an acknowledgement, not the "ok" of "is it ok to take" (stops 41-42)
_LEAD_IN = re.compile(r"^\W*(?:(?:ok(?:ay)?(?!\s+to\b)|so|and|n|alright|right|cool|great|thanks|thank you|o+h+|ah+|wow|"
                      r"hmm+|nice|interesting|bruh|wait|sorry|but)\b\W*)+", re.IGNORECASE)


def explains_medicine(text: str, unnamed: str | None = None) -> bool:
    """Whether the message asks how a medicine and a result relate, and nothing a person must decide or hear.

    ``unnamed``: the message with its gene and medicine names blanked (``Vocabulary.without_names``); without it a
    message that is not an explanation question is no bare naming either.
    """
    # ("painkillers" names medicines, not a pain felt)
    classless = MEDICINE_CLASS.sub(" ", text)  # ("pain pills" names medicines, not a pain felt)
    if asks_medicine_decision(text) or _HAPPENED.search(classless) or mentions_body_signs(classless):
        return False
    if _EXPLAIN_FRAME.search(text) or _MECHANISM.search(text):  # asks about it, or how it works
        return True
    if unnamed is None:
        return False
    rest = UNLISTED_MEDICINE.sub(" ", MEDICINE_CLASS.sub(" ", unnamed))
    words = re.findall(r"[a-z']+", rest.lower())
    return all(w in _ABOUT_WORDS for w in words)


# A medicine the writer says they take, with at most a question of whether the result bears on it ("Nexium. I take it
# daily. relevant?", "im on crestor", "I'm on lansoprazole. Anything I should know?"): how the result and the medicine
# relate is explained, as when asked in so many words (stop 45, ninth pass M12: each was escalated as a change).
_TAKES = re.compile(r"\b(?:i'?m|im|i am|i'?ve been|ive been|been|i|currently|still|also)\s+(?:(?:now|still|currently|also|"
                    r"already|just)\s+)?(?:on|taking|take|use|using)\b", re.IGNORECASE)
_BEARS_ON_IT = re.compile(
    r"\b(?:(?:is )?(?:there )?anything (?:i should|i need to|to) know(?: about (?:it|that|this|them))?|relevant|relevance|"
    r"related|any (?:issues?|problems?|concerns?|impact|effect|link|connection)|(?:does|do|will|would|could) (?:it|that|"
    r"this|my (?:results?|report|genes?)) (?:matter|affect\w*|impact\w*|apply)|(?:is|are) (?:it|that|this|they) (?:affected|"
    r"relevant|related|linked)|matters?|affect(?:s|ed)?|daily|every ?day|each day|every (?:morning|night)|for years|"
    r"(?:once|twice) a day|a day|at night|in the morning|for (?:my|the) (?:heart|stomach|reflux|heartburn|cholesterol|"
    r"blood pressure|mood|depression|anxiety|pain))\b", re.IGNORECASE)
_TOLD_WORDS = _ABOUT_WORDS | frozenset("it them this that daily every day each morning night years been now still "
                                        "currently also already just".split())


def told_taking_it(text: str, unnamed: str) -> bool:
    """The writer tells a medicine they take and at most asks whether their result bears on it; nothing to decide.

    >>> from bot.answering.vocabulary import Vocabulary
    >>> blank = Vocabulary.builtin().without_names
    >>> told_taking_it("Nexium. I take it daily. relevant?", blank("Nexium. I take it daily. relevant?"))
    True
    >>> told_taking_it("I'm on lansoprazole, should I stop it?", blank("I'm on lansoprazole, should I stop it?"))
    False
    """
    if not _TAKES.search(text):
        return False
    plain = _BEARS_ON_IT.sub(" ", text)
    classless = MEDICINE_CLASS.sub(" ", plain)
    if asks_medicine_decision(plain) or _HAPPENED.search(_TAKES.sub(" ", classless)) or mentions_body_signs(classless):
        return False
    rest = _BEARS_ON_IT.sub(" ", _TAKES.sub(" ", UNLISTED_MEDICINE.sub(" ", MEDICINE_CLASS.sub(" ", unnamed))))
    return all(w in _TOLD_WORDS for w in re.findall(r"[a-z']+", rest.lower()))
