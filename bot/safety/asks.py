"""What a message asks for beyond its triage action, as the engine needs to know it: does it ask to judge the
patient's medicines, to get high on them, or say something was swallowed. Pattern checks like rules.py, kept apart
because they shape the reply rather than pick the action.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.safety.rules import normalize

# A question that asks GeneChat to judge the patient's medicines: a clinical decision, so it goes to a counselor
# even when the facts can be shown ("are my medicines OK with my genes?").
_JUDGES_MEDICINES = re.compile(
    r"\b(?:ok|okay|safe|fine|alright|all right|good|bad|right|wrong|dangerous|risky|problems?|worr\w*|"
    r"work|compatible|conflict\w*|clash\w*|interact\w*|should|need to|have to|keep|continue)\b",
    re.IGNORECASE,
)


def asks_for_medicine_judgement(text: str) -> bool:
    """True when the patient asks whether their medicines are right for them, not only which are linked.

    >>> asks_for_medicine_judgement("are my medicines OK with my genes?")
    True
    >>> asks_for_medicine_judgement("which of my medicines are linked to my results?")
    False
    """
    return bool(_JUDGES_MEDICINES.search(normalize(text)))


# Using a medicine to get high: out of scope (issue 15), unless something was already taken (then the usual
# emergency and escalation checks decide, and "when in doubt, escalate" holds).
_GETTING_HIGH = re.compile(
    r"\b(?:get|getting|feel|be)\s+(?:me\s+|you\s+)?(?:high|stoned|buzzed|a buzz|a high|wasted|a rush)\b|"
    r"\bgets?\s+(?:you|me|people|someone)\s+(?:high|buzzed|stoned)\b|\brecreational(?:ly)?\b", re.IGNORECASE)
_ALREADY_TAKEN = re.compile(r"\b(?:took|taken|swallow\w*|ate|drank|snorted|injected|overdos\w*|feel\w*|can'?t|cannot|"
                            r"right now|passed out|not waking|unconscious|help)\b", re.IGNORECASE)


def asks_how_to_get_high(text: str) -> bool:
    """A question about using medicines to get high, with nothing taken yet.

    >>> asks_how_to_get_high("which of my pills gets you high"), asks_how_to_get_high("I took 10 to get high, help")
    (True, False)
    """
    text = normalize(text)
    return bool(_GETTING_HIGH.search(text)) and not _ALREADY_TAKEN.search(text)


# Something taken by mouth: an emergency that mentions it also gets the poison-control line (wording.POISON_CONTROL).
_SWALLOWED = re.compile(r"\b(?:took|taken|swallow\w*|overdos\w*|too many|too much|ate|drank|pills)\b", re.IGNORECASE)


def mentions_swallowing(text: str) -> bool:
    """Whether a message says something was swallowed or taken (pills, too much, an overdose).

    >>> mentions_swallowing("I took too many of my pills and feel dizzy")
    True
    >>> mentions_swallowing("I have crushing chest pain")
    False
    """
    return bool(_SWALLOWED.search(text))


# A pet that swallowed or got into a medicine (stop 34): "my dog ate my pills" had been declined as an everyday
# request with no word of help, "the cat swallowed one of my clopidogrel tablets" given the human emergency reply.
_PET = re.compile(r"\b(?:dogs?|dog'?s|pupp(?:y|ies)|pups?|cats?|cat'?s|kittens?|kitty|pets?|pet'?s)\b", re.IGNORECASE)
_PET_INGESTED = re.compile(
    r"\b(?:ate|eaten|eats|eating|swallow(?:ed|s)?|chew(?:ed|s)?(?:\s+(?:up|on|open|through))?|got\s+into|"
    r"get\s+into|gotten\s+into|licked|gobbled|scarfed)\b", re.IGNORECASE)
_PET_MEDICINE = re.compile(r"\b(?:pills?|tablets?|capsules?|meds|medicines?|medications?|prescriptions?|"
                           r"pill\s+bottle|doses?)\b", re.IGNORECASE)
# a person who may have swallowed it too: the usual emergency handling, not the pet reply
_PERSON = re.compile(r"\b(?:son|daughter|child|children|kids?|baby|toddler|boy|girl|mom|mum|dad|husband|wife|partner|"
                     r"grand(?:ma|pa|mother|father|son|daughter)|brother|sister|friend|someone|somebody|i\s+(?:took|"
                     r"swallowed|ate|had)|me\s+too|we\s+both)\b", re.IGNORECASE)


def pet_swallowed_medicine(text: str, medicine_named: bool = False) -> bool:
    """A pet ate, chewed or got into a medicine, and no person is said to have ("my dog ate my pills").
    ``medicine_named``: the message names a medicine ("my dog got into my ibuprofen").

    >>> pet_swallowed_medicine("my dog ate my pills"), pet_swallowed_medicine("my dog and my son both ate my pills")
    (True, False)
    >>> pet_swallowed_medicine("can my dog take my codeine"), pet_swallowed_medicine("my dog ate a sock")
    (False, False)
    >>> pet_swallowed_medicine("my dog ate my homework lol, anyway what does my CYP2C19 result mean", True)
    False
    """
    pet_clauses = [p for p in _clauses(text) if _PET.search(p)]
    if aside(text, lambda clause: bool(_PET.search(clause))) and not any(_PET_MEDICINE.search(p) for p in pet_clauses):
        return False  # "my dog ate my homework lol, anyway what does my CYP2C19 result mean": the medicine is asked apart
    return bool(_PET.search(text) and _PET_INGESTED.search(text) and (medicine_named or _PET_MEDICINE.search(text))
                and not _PERSON.search(text))


# Worry about a result, said in few words ("am I gonna be ok", "that's scary", "I'm so worried"): fear is not an
# emergency by itself. With no emergency rule matched, the model's alarm vote needs the calm bar (triage.py).
_WORRY_ONLY = re.compile(
    # (stop 44, eighth pass M2: "ok. im a bit shaken tbh", "I'm terrified honestly", "im kinda stressed about all of this
    # honestly" had the crisis reply from the alarm model)
    r"^\W*(?:(?:so|and|but|ok|okay|omg|wow|honestly|tbh|ngl|well|um+|uh+)\W+)*(?:"
    r"(?:am i|will i|i'?m|im|i am)\s+(?:going|gonna)\s+(?:to\s+)?be\s+(?:ok|okay|alright|all right|fine)|"
    r"will i be\s+(?:ok|okay|alright|all right|fine)|(?:am i|i'?m|im|i am)\s+(?:ok|okay|alright|fine)|"
    r"(?:that'?s|thats|this is|that is|it'?s|its)\s+(?:so\s+|really\s+|very\s+|kinda\s+|pretty\s+)?"
    r"(?:scary|frightening|terrifying|worrying|upsetting|a lot|bad|not good)|"
    r"(?:i'?m|im|i am)\s+(?:(?:so|really|very|kinda|kind of|a bit|a little|honestly|pretty|just|quite)\s+)*(?:scared|worried|"
    r"nervous|afraid|freaked out|freaking out|anxious|upset|shocked|terrified|frightened|petrified|panicking|"
    r"stressed(?: out)?|shaken(?: up)?|shook|rattled|on edge|worried sick|uneasy|unsettled|concerned|spooked|tense)"
    # (stop 43, seventh pass M2: "I'm scared for my daughter", "I'm honestly kind of scared about all this" had the crisis reply)
    r"(?:\s+(?:about|of|by|for)\s+(?:this|that|it|all (?:of )?(?:this|that)|my \w+))?|"
    r"should i (?:be )?(?:worried|scared|afraid)|"
    # (stop 49, fourteenth pass F1: "please just tell me its going to be ok" had the crisis reply from a model vote)
    r"(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:please\s+|pls\s+|just\s+)*(?:tell|promise)\s+me\s+(?:that\s+)?(?:it'?s|its|it is|"
    r"it will|it'?ll|everything(?:'?s| is| will)?|i'?ll|i will|i'?m|im|i am)\s+(?:(?:going to|gonna)\s+)?(?:be\s+)?(?:ok|okay|"
    r"alright|all right|fine)(?:\s+please)?|(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:please\s+)?reassure me(?:\s+(?:a little|"
    r"a bit|please))?|"
    # one word ("bad?", "worried.", "dangerous??"): the whole message is the worry
    r"(?:bad|dangerous|serious|scary|deadly|fatal|worried|worrying|worry|scared|concerning|harmful)|"
    r"(?:hmm+\s+|so\s+|but\s+|therefore\s+|then\s+)?is (?:it|this|that)\s+(?:really\s+|so\s+)?"
    r"(?:bad|dangerous|serious|scary|deadly|(?:a\s+)?(?:bad|negative|harmful|dangerous|serious)\s+(?:thing|outcome|result|"
    r"sign|news))(?:\s+for\s+me)?|"
    r"(?:this|that|it|these|the results?|my results?|the report)\s+(?:can'?t|cant|cannot)\s+be\s+(?:right|true|mine)"
    r"(?:[,.;]?\s+[^.?!]{0,60})?"
    r")\W*(?:(?:right|now|lol|tbh|honestly|ngl|tho|though|rn|tbf|atm|to be honest)\W*)*$",
    re.IGNORECASE,
)


def only_worry(text: str) -> bool:
    """A short message that only says the patient is worried or asks if they will be okay.

    >>> only_worry("am i gonna be ok"), only_worry("thats scary"), only_worry("I'm scared, I took all my pills")
    (True, True, False)
    >>> only_worry("bad?"), only_worry("worried."), only_worry("bad pain")
    (True, True, False)
    """
    return bool(_WORRY_ONLY.search(text.strip()))

# Alone or overwhelmed with a result, said in few words ("I feel so alone with this", "this is a lot to take in"): a
# person to talk to (the distress rule, wants_human#2), not the crisis reply the alarm model gave "I feel alone" (0.88,
# stop 39). With no emergency rule matched, the model's alarm vote needs the calm bar (triage.py); any more ("... and I
# want to die") is judged as usual.
_OVERWHELMED_ONLY = re.compile(
    r"^\W*(?:(?:so|and|but|ok|okay|honestly|tbh|thanks|thank you|thx|wow|omg)\W+)*(?:"
    r"(?:i\s+)?(?:feel|feeling|felt)\s+(?:so\s+|really\s+|very\s+|kinda\s+|a bit\s+|a little\s+)?(?:alone|lonely|isolated|"
    r"overwhelmed|lost)(?:\s+(?:with|in|about)\s+(?:this|that|it|all this|all of this|my \w+))?|"
    r"(?:i'?m|im|i am)\s+(?:so\s+|really\s+|very\s+|kinda\s+)?(?:alone|lonely|overwhelmed)\s+(?:with|in)\s+(?:this|that|it|"
    r"all this)|"
    r"(?:this|that|it)(?:'?s| is)\s+(?:a lot|so much)\s+to\s+(?:take in|process|absorb|digest)|"
    # (stop 44, eighth pass M12) "this news has really upset me" was declined as off topic
    r"(?:this|the|that|my)\s+(?:news|result|results|report|diagnosis)\s+(?:has\s+|have\s+|'s\s+)?(?:really\s+|so\s+|totally\s+)?"
    r"(?:upset|shaken|floored|rattled|gutted|crushed|devastated|scared|frightened)\s+me(?:\s+(?:a lot|badly|up))?|"
    # (stop 44, eighth pass M2) the report as a headache: "this is giving me a headache" had the 911 reply
    r"(?:this|that|it|all this|all of this)(?:'?s| is)\s+(?:giving|gave)\s+me\s+(?:a |such a )?headache|"
    r"(?:i\s+)?(?:have|got|'ve got|ve got)\s+(?:a |such a )?headache\s+from\s+(?:reading|trying to (?:read|understand)|"
    r"looking at)?\s*(?:all\s+)?(?:this|that|it|my report|the report|these results)|"
    # (stop 39) "my heart is broken about this news" was declined as off topic
    r"(?:my heart is broken|(?:i'?m|im|i am|i feel)\s+(?:so\s+|really\s+)?(?:heartbroken|devastated|gutted|crushed|sad))"
    r"(?:\s+(?:about|by|over|with)\s+(?:this|that|it|the|my)(?:\s+(?:news|result|results|report))?)?"
    r")\W*(?:right now|rn|tbh|lol)?\W*$",
    re.IGNORECASE,
)


# An everyday complaint said bare ("cant sleep", "so tired"): a model alarm on it needs the calm bar (stop 39, corpus 17
# dev: "cant sleep" had the 911 reply)
_COMPLAINT_ONLY = re.compile(
    r"^\W*(?:(?:i|and|also|just|still)\s+)*(?:(?:can'?t|cant|cannot)\s+sleep(?:\s+(?:lately|at night|well|much|anymore))?|"
    r"(?:i'?m|im|i am|so|really|very|always)?\s*(?:so\s+|really\s+|very\s+)?(?:tired|exhausted|stressed(?: out)?|bored|"
    r"burnt out|burned out|worn out)(?:\s+(?:lately|all the time|today))?|"
    # (stop 49, fourteenth pass F1: "you're useless" had the crisis reply from a model vote) the bot told off
    r"(?:you'?re|youre|you are|ur|u r|this (?:bot|app|chat|thing) is)\s+(?:so\s+|really\s+|totally\s+|completely\s+)?"
    r"(?:useless|not helpful|unhelpful|no help|stupid|dumb|annoying|rubbish|terrible|awful|hopeless at this))\W*$",
    re.IGNORECASE)


def only_complains(text: str) -> bool:
    """The whole message is an everyday complaint.

    >>> only_complains("cant sleep"), only_complains("cant sleep, took 10 sleeping pills")
    (True, False)
    """
    return bool(_COMPLAINT_ONLY.search(text.strip()))


def only_overwhelmed(text: str) -> bool:
    """A short message that only says the patient feels alone or overwhelmed with their result.

    >>> only_overwhelmed("I feel so alone with this"), only_overwhelmed("this is a lot to take in")
    (True, True)
    >>> only_overwhelmed("I feel alone and want to die"), only_overwhelmed("I'm overwhelmed, should I stop my plavix")
    (False, False)
    """
    return bool(_OVERWHELMED_ONLY.search(text.strip()))



# Asking for help or a way in, in few words ("can you help me", "where do I even start", "I'm so lost right now"):
# a patient facing a new report, not a crisis by itself. With no emergency rule matched, the model's alarm vote needs
# the calm bar (triage.py); any more ("... anymore", "... with my life") is judged as usual. A result word may lead
# ("no call, now what": stop 32, the alarm model gave it 0.39).
_HELP_ONLY = re.compile(
    r"^\W*(?:(?:so|ok|okay|um+|hello|hi|hey|please|pls|alright|right|no[- ]call|vus|carrier|positive|negative)\W+)*(?:"
    r"(?:can|could|will|would)\s+(?:you|u|someone|somebody|anyone|anybody)\s+(?:please\s+)?help(?:\s+me)?"
    r"(?:\s+(?:out|understand|with (?:this|that|it|my (?:report|results?))))?|"
    r"(?:i\s+)?(?:need|want)\s+(?:some\s+)?help(?:\s+(?:understanding|with (?:this|that|it|my (?:report|results?))))?|"
    r"help me understand(?:\s+(?:this|that|it|my (?:report|results?)))?|"
    r"(?:i\s+)?(?:don'?t|do not|dont)\s+know what to (?:do|think|make of (?:this|it|that))|"
    # (stop 38: bare, "what should I do" after a result had the crisis reply)
    r"what (?:am i|do i|should i|do i have to|can i)\s+(?:supposed to\s+)?do(?:\s+(?:now|next|about (?:it|this|that)|"
    r"with (?:this|that|it|these|my (?:info|information|results?|report))))?|"
    r"(?:so\s+)?what now|now what|what'?s next|what are my next steps|where do i (?:even\s+)?(?:start|begin)|"
    r"(?:please\s+)?tell me (?:it'?s|its|this is|that it'?s) not (?:serious|bad|that bad)|"
    r"(?:i'?m|im|i am|i feel)\s+(?:so\s+|really\s+|very\s+|kinda\s+|a bit\s+|totally\s+)?(?:lost|confused|overwhelmed)"
    r"(?:\s+(?:by|with|about)\s+(?:all\s+)?(?:of\s+)?(?:this|that|it|my (?:report|results?)))?|"
    # the next step after a result, or a person to talk to (round 4: "where do i go from here", "connect me to someone")
    r"(?:so\s+|ok\s+)?where do (?:i|we) go from here|"
    r"(?:connect|put|transfer|pass)\s+me\s+(?:through\s+)?(?:to|with)\s+(?:someone|somebody|a (?:real )?(?:person|human)|"
    r"someone real|a counsell?or)"
    r")\W*(?:please|pls|plz|lol|tbh|right now)?\W*$",
    re.IGNORECASE,
)


def only_asks_for_help(text: str) -> bool:
    """A short message that only asks for help or a way in, with nothing said about what is wrong.

    >>> only_asks_for_help("can you help me"), only_asks_for_help("where do i even start?")
    (True, True)
    >>> only_asks_for_help("what should I do"), only_asks_for_help("what should i do, i took 20 pills")
    (True, False)
    >>> only_asks_for_help("i don't know what to do anymore"), only_asks_for_help("can you help me, i took 20 pills")
    (False, False)
    """
    return bool(_HELP_ONLY.search(text.strip()))


# Asking whether a result is deadly ("could this gene kill me", "will I die from this", "scared to death of my
# result"): a risk question, not a crisis. With no emergency rule matched and nothing happening now, the model's
# alarm vote needs the calm bar (triage.py); "I took my pills and I'm going to die" is still caught by the rules.
_DEADLY_RESULT = re.compile(
    r"\b(?:will|could|can|would|might|is|does|do)\s+(?:this|it|that|these|my\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:\w+\s+){0,3}?"
    r"(?:kill me|make me die|be (?:deadly|fatal|lethal|dangerous)|deadly|fatal|lethal|dangerous)\b|"
    r"\b(?:will|could|can|might|am|would)\s+i\s+(?:\w+\s+)?(?:going to |gonna )?die\s+(?:from|of|because of|with|early)\b|"
    r"\b(?:scared|worried|terrified|frightened)\s+(?:to death|sick)\b|\bam i (?:going to|gonna) die\b|"
    r"^\W*(?:could|will|might|can|would)\s+i\b[^.?!]{0,30}\b(?:die|be killed)\b",
    re.IGNORECASE,
)
_NOW = re.compile(r"\b(?:now|right now|rn|tonight|just|currently|took|taken|swallowed|can'?t|cant|cannot|won'?t|"
                  r"help|emergency|hurry|asap|bleeding|breath\w*|chest|pills?|overdos\w*)\b", re.IGNORECASE)


def asks_if_result_is_deadly(text: str) -> bool:
    """A question whether a result or condition is deadly, with nothing happening now.

    >>> asks_if_result_is_deadly("could this gene kill me"), asks_if_result_is_deadly("will i die from lynch syndrome")
    (True, True)
    >>> asks_if_result_is_deadly("i took all my pills, will i die from this")
    False
    """
    return bool(_DEADLY_RESULT.search(text)) and not _NOW.search(text)


# "am I going to die from this MLH1 thing", "could this gene end my life early", "just found out I have Lynch, am I
# going to die": "going to die" and "end my life" are also self-harm phrases ("I'm going to die tonight"), so a question
# whether a genetic result (or the operation a result is about) is deadly is masked before the rules look again
# (triage.py). Only a result, gene, genetic condition or an operation counts, after the question or just before it:
# "am I going to die from this rash" stays with the rules, and so does anything else in the message.
# (stop 45, ninth pass M9: "am i going to die of cancer" on a BRCA2 report had the crisis reply; the illness a result
# raises the risk of is the result's too)
_RESULT_THING = (r"(?:results?|genes?|variants?|mutations?|reports?|findings?|dna|syndrome|lynch|brca\w*|operations?|"
                 r"surgery|an(?:a)?esthe\w*|anaesthe\w*|cancers?|tumou?rs?|cystic fibrosis|cf|[a-z]{1,5}-?\d[a-z0-9]*)")
_DIE_FROM_RESULT = re.compile(
    r"\b(?:am i|will i|are we|is (?:he|she|my \w+))\s+(?:really\s+|actually\s+)?(?:going to|gonna)\s+die\s+"
    r"(?:young\s+|early\s+|soon\s+|sooner\s+)?(?:from|of|because of|with|if|when|under|during)\b[^.?!]{0,40}?"
    rf"\b{_RESULT_THING}\b|"
    r"\b(?:could|will|would|can|might|is|does)\s+(?:this|that|it|my\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:\w+\s+){0,2}?"
    r"(?:end|shorten|take)\s+my\s+life\b|"
    rf"\b(?:i have|i'?ve got|i got|i carry|i'?m a carrier of|with)\s+(?:an?\s+|the\s+|this\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"{_RESULT_THING}\b[^.?!]{{0,30}}?\b(?:am i|will i)\s+(?:really\s+)?(?:going to|gonna)\s+die\b|"
    # (stop 43, seventh pass M2) the bare question and nothing else, asked of a report: "am I going to die?" had the
    # crisis-line reply on every hereditary report
    r"^\W*(?:(?:so|ok|okay|omg|honestly|seriously|be honest|tell me|please|pls|just tell me)\W+)*(?:am i|will i)\s+"
    r"(?:really\s+|actually\s+)?(?:going to\s+|gonna\s+)?die(?:\s+(?:from|of|because of)\s+(?:this|it|that))?"
    # (stop 44, eighth pass M2: "am I going to die like her", of a mother who died of the family's cancer)
    r"(?:\s+(?:like|the same way as|the way)\s+(?:her|him|them|my \w+|mum|mom|mother|dad|father|she did|he did))?\W*$|"
    # (stop 37) how long one will live, asked: "am i going to die young", "will i die early"
    r"\b(?:am i|will i)\s+(?:really\s+|actually\s+)?(?:going to\s+|gonna\s+)?die\s+(?:young|early|before (?:my|i'?m|50|60|40)\b)\b|"
    # (round 6) "does a BRCA1 variant mean i'm going to die young"
    rf"\b(?:does|do|will|would|could)\s+(?:an?\s+|the\s+|this\s+|that\s+|my\s+)?(?:[\w-]+\s+){{0,2}}?{_RESULT_THING}\s+"
    r"(?:mean|means)\s+(?:that\s+)?(?:i'?m|im|i am|i'?ll|i will)\s+(?:going to\s+|gonna\s+)?die\b",
    re.IGNORECASE,
)
# News of a result is not something happening now ("just found out", "just got my results").
_RESULT_NEWS = re.compile(r"\bjust (?:found out|learn(?:ed|t)|heard|got (?:my|the) (?:results?|report)|"
                          r"read (?:my|the) (?:results?|report))\b", re.IGNORECASE)


def without_deadly_result_question(text: str) -> str | None:
    """The message with a question whether a result is deadly masked, or None when it has none (or when something is
    happening now: then the question is part of an emergency).

    >>> without_deadly_result_question("am i going to die from this MLH1 thing")
    'it ... thing'
    >>> without_deadly_result_question("just found out i have lynch, am i going to die") is not None
    True
    >>> without_deadly_result_question("am i going to die from this rash") is None
    True
    >>> without_deadly_result_question("i took all my pills, am i going to die from my meds") is None
    True
    >>> without_deadly_result_question("does a BRCA1 variant mean i'm going to die young") is not None
    True
    >>> without_deadly_result_question("am i going to die young") is not None
    True
    >>> without_deadly_result_question("am I going to die?") is not None
    True
    """
    if _NOW.search(_RESULT_NEWS.sub("", text)) or not _DIE_FROM_RESULT.search(text):
        return None
    return _DIE_FROM_RESULT.sub("it ...", text)


# Signs in the body ("I feel faint", "my pee is dark", "chest", "bleeding"): a worried question that names one is not
# only a question about a result, so a weak alarm on it is never set aside (plan_worry in bot/conversation/plans/worry.py).
_BODY_SIGNS = re.compile(
    r"\b(?:feel\w*|felt|pain\w*|hurt\w*|ach(?:e|es|ing)|bleed\w*|blood|breath\w*|dizz\w*|faint\w*|vomit\w*|"
    r"throw\w* up|threw up|puk\w*|rash\w*|blister\w*|swell\w*|swollen|fever\w*|yellow\w*|jaundice\w*|pee|urine|"
    r"seiz\w*|numb\w*|weak\w*|confus\w*|collaps\w*|unconscious|passed out|chest|heart|palpitat\w*|shak\w*|trembl\w*|"
    r"sweat\w*|cramp\w*|muscles?|fits?)\b",
    re.IGNORECASE,
)


def mentions_body_signs(text: str) -> bool:
    """Whether a message names something felt or seen in the body.

    >>> mentions_body_signs("is my G6PD result dangerous, my pee is dark"), mentions_body_signs("is my G6PD result bad")
    (True, False)
    """
    return bool(_BODY_SIGNS.search(text))


# A dose asked under a frame that talks around the rule against doses: the frame is how the rule is talked around, so
# the dose is declined as manipulation, with a refusal that names who gives doses (replies.decline_draft). A medicine
# question under the same frame that asks no dose ("in theory would codeine work for me") keeps its own route: only a
# message a dosing rule fired on is read for a frame. Every paraphrase batch labels these decline; the dosing rule had
# escalated them. Stop 33: the hypothetical frame. Stop 36: a story, a role, a permission claimed, a refusal pushed past,
# and a dose for another adult or a pet, each a frame of its own (the locked groups missed them in other words).
_PEOPLE = (r"(?:mom|mum|mother|mam|ma|dad|father|pa|husband|hubby|wife|wifey|spouse|partner|fianc[eé]e?|boyfriend|"
           r"girlfriend|bf|gf|friend|mate|buddy|pal|roommate|flatmate|housemate|coworker|co-worker|colleague|boss|"
           r"neighbou?r|sister|sis|brother|bro|aunt|uncle|cousin|grandma|grandpa|grandmother|grandfather|granny|nan|"
           r"nana|in-laws?|mother-in-law|father-in-law|client|patient|tenant)")
_PETS = r"(?:dog|cat|pet|puppy|kitten|horse|rabbit|bunny|hamster|parrot|pup|doggo|pooch)"
DOSE_FRAMES: dict[str, re.Pattern[str]] = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in {
    "hypothetical": (
        r"\bhypothetic\w*|\bin theory\b|\btheoretically\b|\bthought experiment\b|\bpurely academic\b|"
        r"\bjust curious,? not (?:for|asking for) me\b|\bnot asking for me\b|\bimagine (?:a|some)(?:one| person)\b|"
        r"\b(?:say|suppose|supposing|let''?s say)\s+(?:some(?:one|body)|a (?:person|patient|guy|woman|man))\b"),
    "story": (
        r"\b(?:novel|story|stories|screenplay|screen play|script|fanfic|fan fiction|short film|movie|tv show|sitcom|"
        r"comic|manga|video game|rpg|d&d|dnd|scene|chapter|plot|protagonist|antagonist|characters?)\b|"
        r"\b(?:my|a) (?:book|play)\b"),
    "role": (
        r"\brole[- ]?play\w*|\bpretend\w*|\bmake believe\b|\bact(?:ing)? as\b|\bplay(?:ing)? (?:the )?(?:role|part)\b|"
        r"\bimagine (?:you|u)(?:''re| are| r| were)\b|\b(?:you|u)(?:''re| are| r) (?:now )?(?:my|a|an) (?:\w+ )?"
        r"(?:pharmacist|doctor|nurse|physician|prescriber|gp|chemist|oncologist)\b"),
    "permission": (
        # a clinician's say-so that the app may tell or give the dose ("my dr said the app can tell me my dose", "she
        # said, 'just ask the genetics app, it can tell you the dose'"); not "my pharmacist told me the dose depends on
        # my CYP2C19, do you know why", nor "said you could explain what VKORC1 means"
        r"\b(?:doctor|dr|doc|gp|physician|oncologist|onc|specialist|pharmacist|nurse|prescriber|consultant|surgeon|"
        r"cardiologist|psychiatrist|she|he|they)\b[^.?!]{0,40}\b(?:said|says|told|approved|ok''?d|okayed|cleared|"
        r"authori[sz]ed|signed off|is fine with|agreed|allowed|permitted)\b[^.?!]{0,60}\b(?:you|u|ur|app|bot|chatbot|"
        r"genechat)\b[^.?!]{0,25}\b(?:tell|give|say|calculate|work out|figure out|advise|share|provide|recommend)\b"
        r"[^.?!]{0,40}\b(?:doses?|dosage|dosing|mg|milligrams?|how much|how many|amount)\b|"
        r"\b(?:permission|go-ahead|green light|ok|okay|consent|approval)\s+for\s+(?:you|u|the app|this app|the bot|"
        r"genechat)\s+to\b|"
        r"\bi (?:give|grant) (?:you|u) (?:full |my )?(?:permission|consent)\b|\b(?:you|u) have my (?:permission|consent)\b|"
        r"\bi (?:take|accept) (?:full |all |the )?(?:responsibility|blame|risk)\b|\bat my own risk\b|"
        r"\bi (?:won''?t|will not|promise not to) (?:sue|blame|tell)\b|\bi consent\b|\bi(?:''m| am) an adult\b|"
        r"\bi(?:''m| am) (?:a|an) (?:doctor|nurse|pharmacist|physician|medic)\b"),
    "pushed": (
        r"\b(?:tell|give|say|share|answer|spill|just)\b[^.?!]{0,60}\b(?:anyway|anyways|regardless)\b|"
        r"\b(?:just this once|this one time|off the record|between (?:us|you and me)|no one will know|"
        r"nobody will know|no one(?:''ll| will) find out|won''?t tell anyone|bend the rules?|make an exception)\b|"
        r"\b(?:skip|spare me|without|no|forget) (?:the |any |your )?(?:disclaimers?|lectures?|warnings?|caveats?|"
        r"spiel)\b|\bi know (?:you|u|you''re|youre|ur) (?:\w+ )?(?:can''?t|cannot|can not|aren''?t|are not|r not|"
        r"shouldn''?t|won''?t|not (?:supposed|allowed|meant))\b"),
    "another_adult": (
        rf"\b(?:for|give|giving|gave|to)\s+(?:my|our|a|her|his|their)\s+(?:\w+\s+)?{_PEOPLE}\b|"
        rf"\b(?:should|can|could|does|do|would|will|must)\s+my\s+{_PEOPLE}\s+(?:\w+\s+)?"
        r"(?:take|be on|get|have|use|start|give)\b|"
        rf"\bmy\s+{_PEOPLE}''?s\s+(?:\w+\s+){{0,2}}(?:doses?|dosage|dosing|mg|meds|medicines?|medications?|pills?|"
        r"tablets?|prescription)\b|"
        r"\b(?:her|his|their)\s+(?:\w+\s+)?(?:doses?|dosage|dosing|mg)\b|\b(?:someone|somebody) else\b|"
        # ("my friend takes escitalopram, how many mg should she take")
        r"\b(?:should|can|could|would|must|does|do|ought)\s+(?:she|he|they)\s+(?:\w+\s+)?(?:to\s+)?(?:take|taking|have|having|get|"
        r"getting|use|using|be on|be given|give|start)\b|\b(?:for|give)\s+(?:him|her|them)\b"),
    "pet": rf"\b(?:my|our|a|the)\s+(?:\w+\s+)?{_PETS}s?\b|\bvet\b",
}.items()}
# A child is not "another adult": a parent asking about their young child's medicine is a caregiver, and a counselor
# helps (the dose is escalated like the writer's own).
_AGE = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
        r"seventeen)[- ]?(?:year|yr|month)s?[- ]?old")  # ("my six-year-old daughter": stop 39)
_CHILD = re.compile(rf"\b(?:my|our)\s+(?:{_AGE}\s+|little\s+|baby\s+|teenage\s+|young\s+)?"
                    r"(?:son|daughter|kid|kids|kiddo|child|children|baby|toddler|boy|girl|infant|newborn|teen|teenager|"
                    rf"little one)\b|\bmy\s+{_AGE}\b",
                    re.IGNORECASE)


def dose_frame(text: str, escalate_reasons: set[str]) -> str | None:
    """The frame a dose is asked under (a name from ``DOSE_FRAMES``), when a dosing rule fired; else None.

    >>> dose_frame("in my novel the nurse gives codeine, what dose would she give", {"dosing"})
    'story'
    >>> dose_frame("what dose of warfarin should my mom be on, she has my VKORC1 result", {"dosing"})
    'another_adult'
    >>> dose_frame("what dose of codeine should my 6 year old son get", {"dosing"}) is None
    True
    >>> dose_frame("hypothetically, could my kids have it", {"family_testing_decision"}) is None
    True
    """
    if "dosing" not in escalate_reasons:
        return None
    text = normalize(text)  # ("how many mg shud she take")
    for name, pattern in DOSE_FRAMES.items():
        if pattern.search(text) and not (name == "another_adult" and _CHILD.search(text)):
            return name
    return None


# A medicine prescribed for someone else, taken, borrowed or shared ("can I take my husband's tramadol", "my friend gave
# me some of her pills", "is it ok to use the tramadol prescribed to my brother"; stop 36): escalated with its own
# wording (a medicine is chosen for one person; the writer's own prescriber or pharmacist) and no passages about the
# drug beside it, not as a change to the writer's own medicine. The third-party prompts name this case; the
# suites accept a counselor or a refusal, and the triage suite asks for the counselor (when in doubt, escalate).
_SHARE_VERB = r"(?:take|taking|took|use|using|used|borrow|borrowing|borrowed|try|trying|tried|share|sharing|steal|pinch|nick|swipe)"
# what is taken is not their report, results or things ("i have my neighbor's brca report" is someone else's report)
_NOT_MEDICINE = (r"(?!(?:\w+\s+)?(?:report|results?|tests?|screening|panel|file|dna|genes?|brca\w*|genetic\w*|car|phone|"
                 r"laptop|clothes|account|login|password|insurance|card)\b)")
_SOMEONE_ELSES_MEDICINE = re.compile(
    rf"\b(?:{_SHARE_VERB}|have some(?: of)?)\s+(?:(?:some|a few|one|two|a couple)\s+(?:of\s+)?)?(?:my|our|a)\s+(?:\w+\s+)?"
    rf"{_PEOPLE}(?:'?s|s')\s+{_NOT_MEDICINE}|"
    rf"\b(?:prescribed|given)\s+(?:to|for)\s+(?:my|our|a|her|his|their)\s+(?:\w+\s+)?{_PEOPLE}\b|"
    rf"\b{_PEOPLE}\b[^.?!]{{0,40}}\b(?:gave|give|gives|offered|offers|lent|lends|left|passed|handed)\s+me\s+"
    rf"(?:some\s+(?:of\s+)?|a few\s+(?:of\s+)?|one\s+(?:of\s+)?)?(?:her|his|their)\s+(?:old\s+)?{_NOT_MEDICINE}|"
    rf"\b{_PEOPLE}\s+(?:has|had|have|got)\s+(?:some\s+)?(?:\w+\s+){{0,2}}(?:left ?over|spare|extra)\b",
    re.IGNORECASE)
# medicine words the pet check does not list ("my friend gave me some of her painkillers")
_OTHER_MEDICINE_WORDS = re.compile(r"\b(?:painkillers?|inhalers?|antibiotics?|sleeping pills?|patch(?:es)?|drops|"
                                   r"injections?|jabs?|shots?)\b", re.IGNORECASE)
_SHARE_USE = re.compile(rf"\b{_SHARE_VERB}\b|\bgave me\b|\boffered me\b", re.IGNORECASE)


def someone_elses_medicine(text: str, medicine_named: bool = False) -> bool:
    """The writer asks about taking a medicine prescribed for someone else (``medicine_named``: a medicine is named).

    >>> someone_elses_medicine("can i take my husbands tramadol for my back", medicine_named=True)
    True
    >>> someone_elses_medicine("my friend gave me some of her pills, are they ok with my cyp2d6")
    True
    >>> someone_elses_medicine("can I borrow my husband's car"), someone_elses_medicine("my mom takes warfarin too")
    (False, False)
    """
    return bool(_SOMEONE_ELSES_MEDICINE.search(text) and _SHARE_USE.search(text)
                and (medicine_named or _PET_MEDICINE.search(text) or _OTHER_MEDICINE_WORDS.search(text)))


# A relative's own medicine, asked about with the writer's result ("my wife is on clopidogrel, does my result matter for
# her?", "my mum takes codeine, is she ok?"): the writer's genes say nothing sure about anyone else's, and answering
# with the writer's genotype read as hers (stop 43, seventh pass M3). Escalated with its own wording, no passages on
# the medicine. A dose for them is a dose frame first (triage.py).
_KIN = rf"(?:{_PEOPLE}|son|daughter|kid|child|baby|boy|girl|teen|teenager|stepson|stepdaughter)"
_RELATIVE_ON_MEDICINE = re.compile(
    rf"\b(?:my|our)\s+(?:(?:\w+\s+)?{_KIN}|\d{{1,2}}[\s-]*(?:years?[\s-]*old|yrs?[\s-]*old|yo|y/o))\b(?:\s*,?\s*(?:he|she|they))?"
    # ("my son is 8 and was given codeine": the age between)
    r"(?:\s+(?:is|'s)\s+\d{1,2}(?:\s*(?:years? old|yrs? old|yo|y/o))?\s*,?\s+(?:and\s+)?)?\s*(?:is|'s|was|has been|are|'re|were)?\s*"
    r"(?:now\s+|also\s+|still\s+|just\s+|currently\s+|being\s+)?(?:on|taking|takes|uses|using|prescribed|given|started on|"
    r"put on|got prescribed|been prescribed|needs|going on)\b",
    re.IGNORECASE)
_FOR_THEM = re.compile(r"\b(?:for|to|about|with)\s+(?:him|her|them)\b|\b(?:is|will|would|does|could|can|should)\s+(?:he|she|they)\b|"
                       r"\b(?:his|her|their)\s+(?:body|genes?|results?|dose|medicine|meds|pills?)\b|"
                       # (stop 47, twelfth pass G3: the child's age says the question is about the child, "my daughter was
                       # prescribed codeine after tonsil surgery, she's 7. does it matter?" was a family-testing escalation)
                       rf"\b(?:he|she|{_KIN})(?:'s| is)\s+(?:only\s+)?\d+\b|\b\d+\s*(?:years? old|yrs? old|yo|y/o)\b|"
                       r"\b(?:his|her|their)\s+(?:tonsils|adenoids|op|operation|surgery)\b", re.IGNORECASE)


# A medicine's name by its ending, or the word for one ("codeine", "plavix", "her meds")
_DRUG_WORD = (r"(?:[a-z]+(?:ine|ol|in|am|ide|ate|one|il|ex|ax|ix|pam|lam|pril|sartan|olol|grel|arin|statin|azole|prazole|"
              r"pram|oxetine|codone|adol|fen|mab|nib|vir|cycline|mycin|cillin)|meds|medicines?|medications?|pills|tablets|"
              r"painkillers?|prescription)")
# ... or asked of them without saying they are on it ("can he take codeine if I'm CYP2D6 intermediate", "will they give
# him codeine", "does CYP2C19 matter for his plavix", "does my result mean tamoxifen works better for her?"), or told bare
# ("my mum is also on clopidogrel"): stop 44, eighth pass M8, each was answered with the writer's own genotype
_THEIR_MEDICINE_ASKED = re.compile(
    r"\b(?:can|could|should|may|will|would)\s+(?:he|she|they|my\s+\w+)\s+(?:still\s+|safely\s+)?(?:take|have|use|be given|"
    rf"get|start|stay on)\s+(?:the\s+|some\s+|any\s+)?{_DRUG_WORD}\b|"
    rf"\b(?:give|giving|gives|prescribe|prescribing)\s+(?:him|her|them)\s+(?:the\s+|some\s+)?{_DRUG_WORD}\b|"
    r"\b(?:matter|matters|mean|means|affect|affects|change|changes)\s+(?:anything\s+)?(?:for|to)\s+(?:his|her|their)\s+"
    rf"{_DRUG_WORD}\b|"
    rf"\b{_DRUG_WORD}\s+(?:works?|working|will work)\s+(?:better|worse|well|at all)?\s*for\s+(?:him|her|them)\b",
    re.IGNORECASE)
_RELATIVE_ON_DRUG = re.compile(rf"{_RELATIVE_ON_MEDICINE.pattern}\s+(?:the\s+|some\s+|a\s+)?{_DRUG_WORD}\b", re.IGNORECASE)
# a medicine the care team means to give the writer's child or relative ("my baby is in the NICU and they want to give
# gentamicin": thirteenth pass W7, escalated with the wording about testing relatives)
_TO_BE_GIVEN = re.compile(
    rf"\b(?:my|our)\s+(?:\w+\s+)?(?:{_KIN}|newborn|infant|toddler)\b[^.?!]{{0,60}}\b(?:they|doctors?|the (?:doctors?|nurses?|team|nicu|hospital|"
    r"surgeon|dentist))\s+(?:want|wants|are going|is going|plan|plans|are planning|need|needs|are about|would like)\s+to\s+"
    r"(?:give|start|put)\b(?!\s+me\b)", re.IGNORECASE)
_WRITERS_OWN = re.compile(r"\b(?:for me|(?:can|should|could|may|do) i\b|i'?m (?:on|taking))", re.IGNORECASE)


def relatives_medicine(text: str, medicine_named: bool = False) -> bool:
    """A relative's own medicine asked about for them ("my wife is on clopidogrel, does my result matter for her?").

    >>> relatives_medicine("my husband takes warfarin, does my result mean anything for him?", medicine_named=True)
    True
    >>> relatives_medicine("my mum takes codeine, is she ok?", medicine_named=True)
    True
    >>> relatives_medicine("my wife is on clopidogrel, what does my CYP2C19 result mean for me", medicine_named=True)
    False
    >>> relatives_medicine("can i take my husbands tramadol", medicine_named=True)
    False
    >>> relatives_medicine("what are the signs of a stroke? my dad's on warfarin, he's fine", medicine_named=True)
    False
    >>> relatives_medicine("my son is 15, can he take codeine if I'm CYP2D6 intermediate", medicine_named=True)
    True
    >>> relatives_medicine("my mum is also on clopidogrel", medicine_named=True)
    True
    >>> relatives_medicine("my mum is on clopidogrel, can I take it too?", medicine_named=True)
    False
    >>> relatives_medicine("our newborn is on the ward and the doctors want to start gentamicin", medicine_named=True)
    True
    """
    if not medicine_named:
        return False
    if _RELATIVE_ON_MEDICINE.search(text) and _FOR_THEM.search(text):
        return True
    if _TO_BE_GIVEN.search(text):  # "my baby is in the NICU and they want to give gentamicin" (stop 48)
        return True
    if _WRITERS_OWN.search(text):
        return False
    return bool(_THEIR_MEDICINE_ASKED.search(text) or _RELATIVE_ON_DRUG.search(text) and not _ASKING.search(text))


# A pet named in a clause of its own before or after a real question ("my cat is sick too haha. ok what about warfarin
# and my genes", "my dog died last week, anyway what does CYP2D6 mean"): an aside, not what is asked (stop 39). A
# question about the pet itself ("is my dog a carrier for hip dysplasia") is one clause.
_MY_PET = re.compile(r"\bmy (?:dog|cat|pet|puppy|kitten|horse)(?:'s)?\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[.!;,]+|\?+|\b(?:anyway|anyways|btw|but|ok so|so anyway)\b", re.IGNORECASE)
_ASKING = re.compile(r"\?|^\W*(?:(?:so|ok|okay|and|but|well)\s+)?(?:what|whats|what's|how|why|which|who|when|where|is|are|does|do|did|can|could|should|will|"
                     r"would|explain|tell me)\b", re.IGNORECASE)


# ... and that question names its own subject ("what does that mean for her" after "my dog's DNA test" is about the dog)
_ON_TOPIC = re.compile(r"\b(?:[a-z]*\d[a-z0-9]*|genes?|genetic\w*|dna|results?|report|metaboli\w+|medicines?|meds|drugs?|"
                       r"tpmt|dpyd|cftr|apoe|hla\w*|brca\w*|lynch|pgx|pharmaco\w*|"
                       r"pills?|[a-z]+(?:arin|grel|statin|azole|prazole|pram|oxetine|codone|adol|eine))\b", re.IGNORECASE)


def pet_aside(text: str) -> bool:
    """A pet is named only in a clause that asks nothing, beside another clause that asks something.

    >>> pet_aside("my dog died last week. anyway what does CYP2D6 mean"), pet_aside("is my dog a carrier for hip dysplasia")
    (True, False)
    >>> pet_aside("My dog's DNA test says she's part husky. What does that mean for her?")
    False
    """
    return aside(text, lambda clause: bool(_MY_PET.search(clause)))


def aside(text: str, marked: Callable[[str], bool], *, own: bool = False) -> bool:
    """The ``marked`` clauses (a pet, homework) ask nothing, and another clause asks a question on the topic (with
    ``own``, about the writer's own result: "for my homework, explain what DNA is" is the homework itself)."""
    pieces = _clauses(text)
    apart = [p for p in pieces if marked(p)]
    rest = [p for p in pieces if not marked(p)]
    asked = [p for p in rest if _ASKING.search(p) and _ON_TOPIC.search(p) and (not own or _OWN.search(p))]
    if own and not asked and any(_RESULT_NAMED.search(p) for p in rest):  # (the result makes its question on topic)
        asked = [p for p in rest if _ASKING.search(p)]
    return bool(apart) and bool(asked) and not any(_ASKING.search(p) for p in apart)


_OWN = re.compile(r"\b(?:my|mine|me|i)\b", re.IGNORECASE)
# a result named as reports write it is the writer's own question ("Real question: with CYP2C19 Poor Metabolizer, is
# sertraline one of the medicines affected?" after a horoscope; stop 52, corpus 29 dev)
_RESULT_NAMED = re.compile(r"\b(?:CYP\w+|HLA-?[A-Z]\w*|BRCA[12]|DPYD|TPMT|NUDT15|VKORC1|SLCO1B1|G6PD|RYR1|CFTR|MLH1|MSH[26]|"
                           r"UGT1A1|CACNA1S|MT-RNR1)\b[^.?!]{0,40}\b(?:metaboli[sz]er|function|positive|negative|carrier|"
                           r"pathogenic|deficien\w*|susceptib\w*|variant|result)\b", re.IGNORECASE)


def _clauses(text: str) -> list[str]:
    return [p.strip() for p in _CLAUSE_BREAK.split(text) if p and p.strip()]


# Another person's result told beside the writer's own ("my friend's result explained why painkillers never worked for
# her. But mine just says no call"): the question is about the writer's own (stop 39, batch 15 dev).
_MINE_TOO = re.compile(r"\b(?:mine|my own(?: result| report| results| test)?)\s+(?:just |only |also |too |instead |still )?"
                       r"(?:says?|shows?|is|has|came back|reads|lists|looks)\b", re.IGNORECASE)


def own_result_too(text: str) -> bool:
    """The writer speaks of their own result beside someone else's.

    >>> own_result_too("my friend's report said poor, but mine just says no call"), own_result_too("my mom's report")
    (True, False)
    """
    return bool(_MINE_TOO.search(text))
