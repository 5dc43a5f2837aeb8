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

A second, separate door into the tier (``quiet_alarm``, round 4): the classifier alone heard a middling alarm in an
English message that has no sign of anything happening to anyone (``danger_sign``): no time word of now, nothing
taken, nobody feeling or looking a certain way, no word of self-harm or a method ("I burned my tongue on my coffee",
"thinking about ending my gym membership"). The model heard something, so the crisis line is still offered, gently.

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

from bot.safety.farewell import everyday_farewell, finality_cue
from bot.safety.mentions import ACUTE_NOW, said_to_be_over
from bot.safety.rules import DESPAIR_RULE, EMERGENCY_SELF_HARM, mask_benign, match_rules, normalize

_DESPAIR = re.compile(EMERGENCY_SELF_HARM[int(DESPAIR_RULE.split("#")[1])], re.IGNORECASE)

# Everyday causes people vent about: work, machines, travel, weather, noise, bills, school, sport, chores.
EVERYDAY_CAUSE = re.compile(
    r"\b(?:work|job|boss|co-?workers?|colleagues?|meetings?|shifts?|overtime|office|printer|copier|computer|laptop|"
    r"wi-?fi|internet|app|apps|website|emails?|inbox|spreadsheets?|project|deadlines?|traffic|commute|flights?|train|"
    r"bus|car|towed|ticket|airport|airline|weather|heat|humidity|rain|snow|noise|neighbou?rs?|landlord|rent|bills?|taxes|paperwork|"
    r"forms?|insurance|homework|exams?|class|school|teacher|lecture|grades?|game|team|match|final|finals|season|"
    r"playoffs|league|referee|kids|toddler|chores|laundry|dishes|mosquito(?:e)?s|line|queue|parking|printer|"
    r"crossword|puzzle|mondays?|"
    # (stop 31) the writer says it is venting ("sick of being sick, new statin too. just venting")
    r"just venting|only venting|needed to vent|need to vent|end (?:of )?rant|rant over)\b", re.IGNORECASE)

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
    r"(?:has|have) self[- ]?harmed|used to self[- ]?harm|(?:is|are) self[- ]?harming)\b|"
    # ... or how to tell whether someone is at risk ("how can I tell if a friend is thinking about suicide", "signs that my
    # teen is self-harming")
    r"\b(?:tell|know|notice|spot|recogni[sz]e|see|find out|signs?|warning signs?)\s+(?:(?:if|whether|when|that|of)\s+)?(?:a |my |our |"
    r"your |their )?(?:friend|child|kid|teen|teenager|son|daughter|student|partner|boyfriend|girlfriend|sibling|brother|"
    r"sister|someone|somebody|loved one|family member|patient|coworker|co-worker|classmate|person)s?\s+(?:is|are|might be|"
    r"may be|could be)\s+(?:suicidal|self[- ]?harming|cutting|thinking (?:about|of) (?:suicide|killing (?:him|her|them)sel"
    r"(?:f|ves)|ending (?:it|(?:his|her|their) life))|at risk of (?:suicide|self[- ]?harm))\b", re.IGNORECASE)


# Signs that something is happening to someone (``danger_sign``): something taken or swallowed; someone feeling,
# hurting or looking some way; self-harm words, a method or a medicine in hand. With ``ACUTE_NOW`` (a time word of now,
# a call for help, someone who is not breathing ...) these keep a model-only alarm an emergency.
TAKEN = re.compile(r"\b(?:took|taken|tak(?:e|ing) (?:all|every|the whole|them all|(?:like )?\d{2,}(?!\d)(?!\s*(?:mg|mcg|ug|g|ml|"
                   r"units?|iu)\b))|swallow\w*|drank|drunk|popped|downed|"
                    r"ate (?:like |about |around |maybe )?(?:\d+|two|three|four|five|six|ten|a few|several|a bunch|a handful)|"
                    r"chugged|snort\w*|inject\w*|smok\w*|mix(?:ed|ing)|overdos\w*|od'?d|od'?ing|poison\w*|high)\b",
                    re.IGNORECASE)
FEELING = re.compile(
    r"\b(?:i feel|i'?m feeling|feeling|feels?|felt|hurts?|hurting|aches?|aching|pain\w*|sore|can'?t (?:breathe?|feel|move|see|"
    r"stop|stay awake|talk|speak|walk|swallow|think)|(?:i'?m|im|i am|he'?s|she'?s|they'?re|(?:he|she|it) is|(?:my|his|her|their) "
    r"\w+ (?:is|are|feels?|went|looks?|keeps?|started)) (?:so |really |very |super |getting |all |kinda |still )?(?:dizzy|"
    r"sweat\w*|shak\w*|bleed\w*|numb|tingl\w*|confused|faint\w*|weak|sick|burning|itch\w*|swell\w*|swollen|cold|hot|sleepy|"
    r"drowsy|throw\w* up|vomit\w*|pass\w* out|limp|pale|grey|gray|blue|purple|tight|racing|pounding|stiff|weird|wrong|"
    r"off|strange|funny|slurr\w*|droop\w*|struggling|panick\w*|scared|terrified|losing)|"
    # a body state told without a subject (round 5): "shaking all over and burning up after taking tramadol"
    r"shak(?:ing|y) all over|burning up|"
    # (round 8) a drug's toxicity told by its signs: "now bloody diarrhea all day, mouth full of sores and a fever"
    r"bloody (?:diarrh\w*|stools?|poop|vomit)|blood in (?:my|his|her|the) (?:stool|poop|vomit|pee|urine)|mouth (?:is )?full of "
    r"(?:sores|ulcers|blisters)|sweating (?:buckets|like crazy|so much)|drenched in sweat|seeing spots|"
    r"heart (?:is )?(?:racing|pounding|skipping|fluttering|beating (?:so |really )?fast)|(?:everything|vision) (?:is )?"
    r"(?:going|went|turning) (?:dark|black|blurry)|(?:hands|feet|face|lips|arms?|legs?) (?:are |is )?(?:tingling|numb|"
    r"swelling|swollen|puffy)|twitching|jerking|fitting|convuls\w*|wheez\w*|(?:super|really|very|so|now|all) (?:wobbly|"
    r"sleepy|drowsy|floppy|limp|confused|pale|out of it|spinning)|everything is spinning|(?:is|are|keeps|kept|started|now) "
    r"(?:throwing up|vomiting|puking|shaking|seizing|twitching)|"
    # (round 6) stroke signs told plainly: "her face looks lopsided", "she's mumbling", "talking gibberish"
    r"(?:face|smile|mouth|eyelid)s? (?:is |are |looks? |went |seems? )?(?:all )?(?:lopsided|crooked|uneven|droop\w*|sagg\w*)|"
    r"mumbling|babbling|talking gibberish|(?:words?|speech) (?:are |is )?(?:slurred|garbled|jumbled|coming out wrong))\b",
    re.IGNORECASE)
# The word "blood" as a sign, not as the name of a medicine or a test ("blood thinner", "blood test": stop 47, twelfth pass
# F2, "ok and the blood thinner genes" was an emergency on a 0.39 vote)
_BLOOD = r"blood(?![\s-]*(?:thinners?|pressure|tests?|work|type|group|sugar|draw|donor|donation|cells?)\b)"
HARM_WORDS = re.compile(
    r"\b(?:die|died|dying|dead|death|kill\w*|suicid\w*|unaliv\w*|ctb|kms|end (?:it|my life|things|everything)|life|live|"
    r"living|alive|gone|goodbye|note|letters?|hurt (?:my|him|her|them)sel\w*|harm\w*|cutting|cuts|cut (?:my|him|her|them)sel\w*|"
    r"cut (?:my|his|her|their) (?:wrists?|arms?|legs?|thighs?|skin)|slit\w*|jump\w*(?! (?:around|about|all over|up and down|for joy|to conclusions))|rope|noose|gun|knife|"
    r"blade|razor|bridge|pills?|meds|tablets?|plan(?:ned|ning)?|forever|(?:nobody|no one)(?! (?:in (?:this|the|my|our)|here|else|at (?:work|home|school)))|burden|better off|disappear\w*|never wake|"
    r"suffocat\w*|chok\w*|drown\w*|strangl\w*|smother\w*|tonight'?s|tonite|2nite|the night|it'?s time|its time|"
    r"stockpil\w*|hoard\w*|sav(?:ed|ing) up|oxy\w*|percs?|xans?|xanax|benzos?|opioids?|fent\w*|heroin|insulin|lithium|"
    rf"wake up|breath\w*|chest|heart|{_BLOOD}|seiz\w*|unconscious|collaps\w*|stroke|allerg\w*|911|988|ambulance|hospital|er)\b",
    re.IGNORECASE)
# Words of English that other languages rarely use: the model reads English only, and a message in another language
# keeps its usual handling (its own rules, its own emergency wording) whatever the model says.
_ENGLISH = re.compile(r"\b(?:the|my|is|and|to|of|it|with|this|that|you|was|have|for|at|but|just|i'?m|im|i'?ve|ive|can'?t|"
                      r"don'?t|dont|what|how|your|he'?s|she'?s|they|are|be|got|been|will|so|on|off|up|after|because|cuz|"
                      r"when|all|about|from|like|really|his|her|our|we|he|she|some|an|by|did|had|has|who|why|there|out|into|over|"
                      # (stop 35: "bf keeps bailing on plans last min, shud i dump him" had one word of this list)
                      r"him|them|should|would|could|if|not|"
                      # (stop 48, thirteenth pass F1/F3: "I just started tramadol", "my INR keeps jumping around" had one
                      # word of the list, so a middling model-only vote on them was the emergency reply)
                      # (only words with no feeling or intent in them: "ugh I want to scream" keeps the usual bar)
                      r"keeps?|around|started|starting|since|today|yesterday|very|than|then|which|while|getting|know|"
                      # (stop 51: "tell me every finding" and "run down each thing they found please" had the crisis
                      # reply at 0.50 and 0.56)
                      r"please|tell|every|each|thing|things|give|show|found|find)\b",
                      re.IGNORECASE)


# Things people (children most of all) swallow without danger: food, gum, toothpaste, a little water, a seed, sand, a
# crayon, a bug (round 5). "Swallowed" is a sign of something taken only when what was swallowed is not one of these, so
# "my toddler swallowed a blueberry whole" is no sign, while "swallowed a magnet", "a pod" or "something from under the
# sink" stay one; a symptom or a call for help in the same message is a sign of its own.
_HARMLESS_SWALLOWED = re.compile(
    r"\b(?:swallow(?:ed|s|ing)?|ate|eaten|eats?|eating|drank|drink(?:s|ing)?|gulped|licked|nibbled|chewed|had)\s+(?:down\s+)?"
    r"(?:(?:a|an|some|his|her|my|their|the|its|one|two|a few|a couple of|a piece of|a bit of|a little|a little bit of|a bite of|"
    r"a mouthful of|a sip of|a lick of|part of|some of(?: the| his| her| my| their| its)?|half (?:a|an|of)(?: a| an)?)\s+)?(?:(?:little|tiny|small|whole|old|raw|frozen|"
    r"plastic-free|purple|red|green|orange|blue|fresh|\w+'s)\s+)?"
    r"(?:gum|bubble ?gum|toothpaste|mouthwash|(?:bath|pool|sea|lake|tub|shower|toilet) ?water|water|seeds?|pits?|"
    r"blueberr(?:y|ies)|grapes?|raisins?|cherr(?:y|ies)|cherry tomato(?:es)?|peas?|corn|popcorn|kernels?|fruit|food|cereal|"
    r"bread|crackers?|cheerios?|candy|sweets|sand|dirt|soil|mud|snow|ice(?: cubes?)?|crayons?|chalk|paper|soap|bugs?|flies|fly|"
    r"gnats?|ants?|eggshells?|shells?|hair|boogers?|play-?doh|lip balm|chapstick|sunscreen|watermelon|orange (?:slice|segment)s?|"
    r"apple|banana|noodles?|rice|spaghetti|pasta|chips?|pretzels?|shampoo bubbles|bubbles|bubble bath|worms?|"
    r"formula|milk|breast ?milk|juice)\b",
    re.IGNORECASE)


# ... and one's own vitamins or supplements taken twice ("I took my vitamins twice this morning by accident"); a child who
# got into them is a rule of its own (iron).
_OWN_SUPPLEMENT_TWICE = re.compile(
    r"\bi (?:just |accidentally |already )?(?:took|taken|had|swallowed)\s+(?:my|an extra|two of my|both of my)\s+(?:daily\s+|morning\s+|usual\s+)?(?:multi-?vitamins?|"
    r"vitamins?(?: [a-d]\d*)?|fish oil|probiotics?|supplements?|fiber (?:pills?|gummies))\b(?=[^.?!]{0,30}\b(?:twice|two times|"
    r"again|double|by accident|by mistake|accidentally)\b)", re.IGNORECASE)


def _without_harmless(masked: str) -> str:
    return _OWN_SUPPLEMENT_TWICE.sub(" ", _HARMLESS_SWALLOWED.sub(" ", masked))


def danger_sign(text: str) -> bool:
    """Something happening now (more than a word of time: "you can do anything now" is none), something taken, someone
    feeling or looking some way, or a word of self-harm, a method, a medicine or an emergency (harmless idioms and
    harmless things swallowed masked first).

    >>> danger_sign("I burned my tongue on hot coffee this morning"), danger_sign("my chest feels tight")
    (False, True)
    >>> danger_sign("my toddler swallowed a blueberry whole"), danger_sign("my toddler swallowed a magnet")
    (False, True)
    """
    masked = _GOOD_FEELING.sub(" ", _without_harmless(mask_benign(text)[0]))
    # (round 7) a veiled farewell is a sign too: "i've been giving my things away all week", "it's permanent"
    return (acute_beyond_time(masked) or any(p.search(masked) for p in (TAKEN, FEELING, HARM_WORDS))
            or finality_cue(text))


# A sign that something is happening to someone, not only an alarm word: a time of now, something taken, someone feeling
# something, or a body or self-harm event ("bleeding", "not breathing", "collapsed", "overdosed", "kill myself").
EVENT = re.compile(rf"\b(?:{_BLOOD}|bleed\w*|breath\w*|unconscious|collaps\w*|seiz\w*|chok(?:ing|ed|es)|suicid\w*|"
                    r"kill(?:ing)? (?:my|him|her|them)sel\w*|die|dying|end (?:it|my life)|overdos\w*|od'?d|"
                    r"hurt(?:ing)? (?:my|him|her|them)sel\w*|cut(?:ting)? (?:my|him|her|them)sel\w*|wrists?)\b", re.IGNORECASE)
# The writer plays it down ("a tiny drop of blood", "he's fine", "is that bad", "lol").
_PLAYED_DOWN = re.compile(r"\b(?:tiny|a little|little bit|a bit|just a|small|minor|no big deal|(?:he|she|i|it|they)'?(?:s|m|re)? "
                          r"(?:totally |completely )?(?:fine|ok|okay)|seems? (?:fine|ok|okay)|all good|lol|lmao|haha|"
                          r"is (?:that|this|it) (?:bad|normal|ok|okay|dangerous)|still works?|"
                          # (round 7) "I'm being paranoid right?", "he's happy as a clam", "feeling better after a bottle"
                          r"(?:i'?m|am i|im) (?:being )?(?:paranoid|overreacting|silly|dramatic)|happy as a clam|"
                          r"(?:he|she|they)'?(?:s|re)? (?:happy|laughing|playing|smiling|giggling)|"
                          r"feel(?:ing|s)? (?:much |a lot |way )?better|"
                          # ... or asks how to keep medicines safe ("want to store them safely, i have kids in the house")
                          r"stor(?:e|ing) (?:\w+ )?safely|safe(?:ly)? stor\w*|lock(?:ed)? (?:\w+ )?(?:up|away)|out of (?:their )?reach|"
                          r"child-?proof|"
                          # (round 8) an everyday explanation the writer gives ("more tired than usual, probably just work")
                          # (not "feel fine": after an overdose, feeling fine is no reassurance)
                          r"phew|"
                          # (stop 36) well now after time has passed: "he's 10 now and totally fine", "she is two and
                          # completely healthy" (a subject says it; a bare "feel totally fine" after an overdose does not)
                          r"(?:he|she|they|i)(?:'s|'m|'re| is| am| are) (?:\w+ ){0,3}(?:and )?(?:totally|completely|"
                          r"perfectly) (?:fine|healthy|normal|ok|okay|well)|"
                          # (stop 36, c13dev) over and well said other ways: "hasn't had one since", "made a full
                          # recovery", "back to her usual self", "the doctors cleared him"
                          r"(?:has|have)(?:n'?t| not) had (?:one|another|any|a (?:single|second) one|(?:any )?(?:problems?|"
                          r"issues?|trouble|episodes?))(?: \w+)? since|no (?:problems?|issues?|trouble|episodes?|more \w+|"
                          r"further \w+) since|(?:made|making) a full recovery|fully recovered|recovered fully|back to "
                          r"(?:normal|(?:her|his|my|their) (?:usual|normal|old) self)|doctors? cleared (?:him|her|me|them)|"
                          r"false alarm|"
                          # (round 8) medicines got rid of ("how do i get rid of my old meds safely")
                          r"(?:get(?:ting)? rid of|dispos(?:e|ing) of|throw(?:ing)? (?:out|away)|drop(?:ping)? off|clear(?:ing)? "
                          r"out) (?:\w+ )?(?:old|expired|leftover|unused|out of date|extra) (?:\w+ )?(?:meds|medications?|"
                          r"medicines?|pills|tablets|prescriptions?)|take[- ]back (?:day|program|box|bin)|"
                          r"probably (?:just |only )?(?:work|stress|nothing|age|the weather|allergies|a cold|lack of sleep|"
                          r"the heat|the season|getting older|(?:a |the )?long week))\b", re.IGNORECASE)


def happening_sign(text: str) -> bool:
    """Something is happening to someone (a danger sign beyond alarm vocabulary), and the writer does not play it down.

    >>> happening_sign("my baby swallowed a button battery"), happening_sign("I could strangle my brother")
    (True, False)
    >>> happening_sign("the toddler swallowed a blueberry whole, he's fine")
    False
    """
    masked = _without_harmless(mask_benign(text)[0])
    if _PLAYED_DOWN.search(masked) or everyday_farewell(text):  # (round 7: "a burden asking them for rides")
        return False
    return any(p.search(masked) for p in (ACUTE_NOW, TAKEN, FEELING, EVENT))


# Words of time alone ("right now", "tonight", "again"): a sign only beside something else. "I could murder a pizza right
# now" and "ending my shift early tonight" say when, not that anything is happening to anyone.
_TIME_ONLY = re.compile(r"\b(?:right now|now|rn|tonight|just|currently|still|keeps?|again|(?:is|are|am|'s|'re|'m) going to)\b",
                        re.IGNORECASE)  # (a future, "my mom is going to be the death of me", is not now either)
# A condition is not an event ("can I text an ambulance if I can't speak").
_CONDITION = re.compile(r"\b(?:if|when|in case|unless|whenever)\s+(?:i|you|we|someone|somebody|they|he|she|a person|people)\s+"
                        r"(?:can'?t|cannot|cant|won'?t|isn'?t|is not|are not|aren'?t)\b", re.IGNORECASE)


# Mild discomfort ("nose is sore", "knees are scraped"): a sign that something happened, not a strong one (round 6: a sure
# main-model alarm on "got hit in the face with a volleyball, nose is sore" is no emergency).
_MILD = re.compile(r"\b(?:(?:a (?:bit|little) |kinda |kind of |slightly )?(?:sore|achy|aches?|aching|itch\w*|bruised?|scraped?|"
                   r"stiff|tender)|pain ?(?:meds|medicines?|medications?|pills|killers?|relievers?|management|clinic|"
                   r"doctor|specialist))\b", re.IGNORECASE)


def strong_sign(text: str) -> bool:
    """``happening_sign`` beyond a word of time: someone feeling, hurting or looking some way, a body or self-harm event,
    something other than a harmless thing swallowed, or a call for help; and not said to be over ("she's playing again").
    A main-model alarm the alarm model does not share needs one of these to stay an emergency (triage).

    >>> strong_sign("my baby swallowed something from under the sink"), strong_sign("I could murder a pizza right now")
    (True, False)
    >>> strong_sign("my toddler bumped her head, cried, and she's playing normally now")
    False
    """
    masked = _without_harmless(mask_benign(text)[0])
    if _PLAYED_DOWN.search(masked) or said_to_be_over(masked) or everyday_farewell(text):
        return False
    if FEELING.search(_MILD.sub(" ", masked)) or EVENT.search(masked) or TAKEN.search(masked):
        return True
    return acute_beyond_time(masked)


def quiet_alarm(text: str) -> bool:
    """An English message with no danger sign: a middling model-only alarm on it gets the check-in tier.

    >>> quiet_alarm("thinking about ending my gym membership"), quiet_alarm("thinking about ending my life")
    (True, False)
    >>> quiet_alarm("quiero terminar mi membresía del gimnasio")  # not English: its own rules decide
    False
    """
    text = normalize(text)
    english = len({m.lower() for m in _ENGLISH.findall(text)}) >= 2 or bool(_HARMLESS_SWALLOWED.search(text))
    return english and not danger_sign(text)


def played_down(text: str) -> bool:
    """The writer plays it down or says it is over ("he's fine", "a tiny drop", "all good now"): with no danger sign, a
    model-only alarm then needs the calm bar (triage).

    >>> played_down("the toddler swallowed a blueberry whole, he's fine"), played_down("my toddler swallowed a magnet")
    (True, False)
    """
    masked = mask_benign(text)[0]
    # (round 7) a farewell-like act with an everyday reason ("goodbye for now, i'll come back with more questions tomorrow")
    return bool(_PLAYED_DOWN.search(masked)) or said_to_be_over(masked) or everyday_farewell(text)


def body_event(text: str) -> bool:
    """Something taken, someone feeling or hurting some way, or a body or self-harm event, outside a condition ("i think
    i just took one" yes; "can I text an ambulance if I can't speak" no).

    >>> body_event("what does overdose mean? i think i just took one"), body_event("if I can't speak can I text 911")
    (True, False)
    """
    text = _without_harmless(_CONDITION.sub(" ", text))
    return any(p.search(text) for p in (TAKEN, FEELING, EVENT))


# Things that are not ready or not working (round 7: "my prescription isn't ready" is no "isn't breathing").
_NOT_READY = re.compile(r"\b(?:isn'?t|is not|wasn'?t|won'?t|wont|aren'?t|are not) (?:ready|open|available|in stock|done|finished|"
                        r"working|loading|charging|compiling|there yet|back yet)\b", re.IGNORECASE)
# A good feeling is no symptom (round 7: "finally unfollowing my ex's friends, feels good"); relief and lightness are not
# listed, a farewell can bring them.
_GOOD_FEELING = re.compile(r"\b(?:i )?(?:feel|feels|feeling|felt) (?:so |really |very |pretty |super )?(?:good|great|amazing|"
                           r"awesome|nice|fine|free|proud|happy|better|fantastic)\b", re.IGNORECASE)


def acute_beyond_time(text: str) -> bool:
    """``ACUTE_NOW`` on more than a word of time or a condition ("i think i just took one" yes; "... tonight, wish me
    luck" and "if I can't speak" no)."""
    return bool(ACUTE_NOW.search(_NOT_READY.sub(" ", _CONDITION.sub(" ", _TIME_ONLY.sub(" ", text)))))


def _danger(text: str) -> bool:
    masked, _ = mask_benign(text)
    masked = _DESPAIR.sub(" ", masked)  # the despair words themselves ("I hate my life") are what is weighed here
    return bool(DANGER.search(masked)) or finality_cue(masked)  # (round 7: "i told her it's permanent")


def venting(text: str) -> bool:
    """Despair or alarm words said about an everyday cause, with no sign of danger anywhere in the message."""
    text = normalize(text)
    return bool(EVERYDAY_CAUSE.search(text)) and not _danger(text)


# A food or drink whose lethal amount people ask about out of curiosity ("what is the lethal dose of caffeine in
# general"): like a class setting, a question about a term, never about someone's medicines.
_FOOD_OR_DRINK = re.compile(r"\b(?:caffeine|coffee|espresso|energy drinks?|water|salt|sugar|nutmeg|chocolate|cinnamon|"
                            r"carrots?|bananas?|apple seeds|cherry pits|potatoes|licorice|tea)\b", re.IGNORECASE)


def class_question(text: str) -> bool:
    """A question about a term in a class setting, or about a food or drink, that names no one (so no one's own
    medicines), with no danger sign.

    >>> class_question("what is the lethal dose of caffeine in general, just curious")
    True
    """
    text = normalize(text)
    unowned = _MY_CLASS.sub(" ", text)  # "for my pharmacology exam": the exam is theirs, no medicine is
    setting = bool(_CLASS.search(text)) or bool(_FOOD_OR_DRINK.search(text))
    return setting and not _PERSON.search(unowned) and not _danger(text)


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
    return not match_rules(rest).has_emergency and not _danger(rest)


# The writer says they are not in danger of harming themself ("not suicidal or anything, just tired of it"): the
# self-harm words are in a denial. stop 31 (c9dev).
_DENIAL = re.compile(
    r"\b(?:(?:i'?m|im|i am) )?(?:not|never been|not feeling|no longer) (?:suicidal|going to (?:hurt|harm|kill) myself|"
    r"gonna (?:hurt|harm|kill) myself)\b|\bno (?:suicidal|self[- ]?harm) (?:thoughts|ideas|plans|feelings|intent)\b|"
    r"\bnot (?:thinking|planning) (?:of|about|on) (?:suicide|hurting myself|killing myself|ending (?:it|my life))\b",
    re.IGNORECASE)


def without_denials(text: str) -> str | None:
    """The message with its denials of self-harm blanked out, or None when it has none.

    >>> without_denials("not suicidal or anything, just tired of it")
    '_ or anything, just tired of it'
    """
    text = normalize(text)
    return _DENIAL.sub("_", text) if _DENIAL.search(text) else None



# A mild side effect since a medicine was started (stop 34): "a bit nauseous in the mornings since starting metformin"
# and "tummy upset since the antibiotic, otherwise ok" had the emergency banner from the models alone (0.87-0.97). Such a
# message is a question for the prescriber or pharmacist. A sign that can be serious in any words keeps the usual
# handling: breathing, the chest or heart, swelling, fainting, a seizure, blood, the skin (a rash can be the start of
# SJS on carbamazepine or allopurinol), fever, confusion, yellow eyes, or thoughts of self-harm.
_MILDLY = re.compile(r"\b(?:a (?:bit|little|tad|touch)(?: of)?|a little bit|slightly|mild(?:ly)?|kind of|kinda|sort of|"
                     r"somewhat|minor|otherwise (?:ok|okay|fine|good|alright)|nothing (?:major|serious)|"
                     r"not (?:too|that|so) bad)\b", re.IGNORECASE)
_SINCE_MEDICINE = re.compile(
    r"\b(?:since|ever since|after|from)\s+(?:i\s+|we\s+)?(?:start(?:ed|ing)?|began|beginning|switch(?:ed|ing)(?: to)?|"
    r"went on|going on|taking|the|my|this|that|a)\b[^.?!]{0,40}?\b(?:pills?|tablets?|capsules?|meds?|medicines?|"
    r"medications?|doses?|prescriptions?|antibiotics?|antidepressants?|statins?|inhalers?|injections?|shots?|"
    r"drugs?|treatment|chemo|[a-z]{3,}(?:formin|statin|pril|sartan|olol|azole|cillin|mycin|prazole|xetine|pram|"
    r"dipine|gliptin|oxacin|cycline|ine|ide|one|lam|pam))\b", re.IGNORECASE)
_SERIOUS_SIGN = re.compile(
    r"\b(?:breath\w*|breathe|chest|heart\w*|palpitat\w*|swell\w*|swollen|faint\w*|passed out|pass out|black(?:ed)? out|"
    r"seizures?|fits?|convuls\w*|blood(?!\s+(?:pressure|thinners?|sugar))\w*|bleed\w*|rash\w*|hives|blisters?|peel\w*|skin|sores?|fever\w*|confus\w*|"
    r"yellow\w*|jaundice|throat|tongue|lips?|face|vision|speech|slurr\w*|numb\w*|weak\w*|collaps\w*|unconscious|"
    r"suicid\w*|kill\w*|die|dying|dead|harm\w*|severe\w*|worst|unbearable|emergency|911|ambulance)\b", re.IGNORECASE)


def mild_side_effect(text: str) -> bool:
    """A mild symptom said to have come with a medicine, and no sign that can be serious.

    >>> mild_side_effect("a bit nauseous in the mornings since starting metformin")
    True
    >>> mild_side_effect("a bit short of breath since starting the new pill"), mild_side_effect("a little rash since the new meds")
    (False, False)
    >>> mild_side_effect("a bit dizzy since my new job")
    False
    """
    return bool(_MILDLY.search(text) and _SINCE_MEDICINE.search(text) and not _SERIOUS_SIGN.search(text))


# "i take lipitor", "my doc has me on simvastatin 20mg", "my husband is on atorvastatin": a medicine someone is on, told
# with nothing happening, taken or felt. The statin names alone had pulled both models to an emergency (stop 37:
# "i take lipitor" got the 911 reply), so such a message gets no model-only alarm at all; a rule still decides.
