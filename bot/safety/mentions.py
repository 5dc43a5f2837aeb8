"""Alarm words that are talked about, or used figuratively, rather than an alarm (issue 15's false alarms).

Two checks, both English, both blind to the particular phrase:

* ``mention_only``: the message asks what a word means ("what is the medical term for fainting"), talks about
  the news, a story or a class ("a famous singer overdosed"), or about something long past ("my brother had a
  seizure years ago"), and says nothing about anyone being in trouble now. Triage then treats an English
  emergency rule hit as a mention and lets the classifier decide at its calm-question bar.
* ``FIGURATIVE_WORDS`` / ``without_figurative_words``: violent and death words that people use as hyperbole
  ("this commute is murdering me", "we crushed it"). Triage asks the classifier again with them blanked out;
  when its alarm vote disappears, the vote rested on those words alone and needs the calm-question bar too.

Neither check can stop an emergency rule that sees someone in trouble now: any sign of that (``NOW``) keeps the
alarm, and literal uses ("kill myself", "I feel like I'm dying") are emergency rules of their own.

>>> mention_only("is cutting a term doctors use for self-harm"), mention_only("what does self harm mean, i think i do it")
(True, False)
>>> without_figurative_words("my boss is going to murder me")
'my boss is going to _ me'
"""

from __future__ import annotations

import re

from bot.safety.overdose import too_much_taken_now

# Asks about a word or a concept: what it means, what it is called, where the term is used.
# ("slurring her words" and "my mom's words came out garbled" are speech, not vocabulary: a word or term someone owns
# is not asked about.) Comparing two
# terms counts too ("is self-harm the same thing as self-injury").
_TERM = re.compile(
    r"\b(?:mean|means|meaning|meant|definition|define[ds]?|defining|(?<!my )(?<!his )(?<!her )(?<!our )(?<!your )"
    r"(?<!their )(?<!'s )(?<!s' )(?:terms?|words?(?! (?:wrong|jumbled|garbled|slurred|mixed up|come out|coming out|came out))|phrase)|"
    r"stand for|stands for|called|abbreviation|jargon|explain (?:what|the)|"
    r"the same (?:thing )?as|diff?e?re?nce between|in (?:biochemistry|biology|medicine|psychology|pharmacology|"
    r"genetics|chemistry|science|statistics)|"
    # where a behaviour belongs ("is hair pulling considered self-harm", "does skin picking count as self-injury")
    r"considered|count(?:s|ed)? as|classified as|(?:a|an) (?:type|form|kind|sort) of)\b", re.IGNORECASE)
# A clinical concept built on an alarm word, asked about as a whole question ("what is passive suicidal ideation",
# "what is a suicide risk assessment"): the last word names the concept, not an act.
_CONCEPT = re.compile(
    r"^\s*(?:wh?at(?:'s| is| are| r| re|'re)|wh?ats)\s+(?:a |an |the )?(?:[\w-]+ ){0,3}(?:ideation|thoughts|attempts?|"
    r"pacts?|gestures?|clusters?|assessments?|screening|"
    r"prevention|risk|rates?|statistics|behaviou?rs?|disorders?|syndromes?|contagion|crisis|hotlines?|lifelines?|"
    r"interventions?|safety plan|warning signs?|protocols?|precautions|watch|postvention|survivors?|toxicity|"
    r"poisoning|hypersensitivity|reactions?)(?:\s+(?:with|without|in|among|versus|vs\.?)\s+(?:a |an |the )?[\w-]+(?: [\w-]+)?)?"
    r"\s*\??\s*$", re.IGNORECASE)
# A question about self-harm or suicide as a phenomenon ("is self-harm common in teenagers", "why do people self-harm").
_PHENOMENON = re.compile(
    r"^\s*(?:(?:is|are|how common is|how common are)\s+(?:\w+\s+){0,2}?(?:self[- ]?harm\w*|self[- ]?injur\w*|suicid\w*|"
    r"overdos\w*)\b[^.?!]{0,40}\b(?:common|normal|genetic|hereditary|inherited|treatable|preventable|rare|increasing|"
    r"rising|linked|related|caused|a mental illness|contagious)\b|(?:why (?:do|does|would) (?:people|teens|teenagers|kids|"
    r"someone|a person)|what causes|what makes (?:people|someone))\s+(?:\w+\s+){0,2}?(?:self[- ]?harm\w*|self[- ]?injur\w*|"
    r"suicid\w*|overdos\w*|commit suicide|attempt suicide)\b)", re.IGNORECASE)
# Talk about stories, school or the news: an alarm word in it is about someone else, not the person writing.
STORY = re.compile(r"\b(?:novel|story|book|movie|film|tv|show|series|character|video game|song|lyrics|scene|play|"
                   r"class|course|homework|essay|psychology|school|teacher|lecture|history|"
                   # (stop 37: "this cancer gene news is too much" is the writer's own news, not a story)
                   r"(?<!\bthis )(?<!\bmy )(?<!\bgene )(?<!\bbad )(?<!\bsad )(?<!\bsuch )(?<!\bthat )(?<!\bresult )(?<!\bresults )news|article|documentary|"
                   r"exam|quiz|textbook|flashcards?|study guide|nursing school|med school|pharmacy school|"
                   r"podcast|celebrity|famous|actor|actress|singer|rapper|musician|athlete|president|episode|sitcom|"
                   r"anime|manga|comic|cartoon|fiction|fictional|realistic|in real life|netflix|"
                   # (round 6) creative writing and role-play games: "write me a limerick about a guy who overdosed on puns"
                   r"poem|poetry|limerick|haiku|joke|jokes|puns?|riddle|meme|role-?play|rpg|d&d|dnd|dungeons? (?:and|&) dragons|"
                   r"campaign|dungeon master|npc|my (?:character|toon|avatar|sim|sims|villager|party)|"
                   # (round 8) writing for the screen or the stage, research for it
                   r"screenplay|screenplays|(?:film|movie|tv|play|stage) script|screenwrit\w*|playwright|manuscript|thriller|whodunn?it|"
                   # (stop 51, corpus 28 dev: "in last night's House rerun a patient went rigid under anaesthetic")
                   r"short film|rerun|re-run|box set|boxset|season \d+|medical drama|hospital drama|"
                   r"grey'?s anatomy|house md|dr\.? house|the pitt|er rerun)\b",
                   re.IGNORECASE)
_LONG_AGO = re.compile(
    r"\b(?:(?:\d+|a few|few|several|many|two|three|four|five|ten) )?(?:years|decades) (?:ago|back)\b|\b(?:\d+|a few|several|"
    r"many) months (?:ago|back)\b|\ba (?:while|long time|year|decade) (?:ago|back)\b|"
    r"\blast (?:month|summer|winter|spring|fall|autumn|christmas|season|semester|term|tournament|world cup|olympics)\b|\bin (?:high school|college|university|my (?:teens|"
    r"twenties|thirties|forties))\b|\bturned out (?:to be|it was)\b|"
    # a single past occurrence, said as such ("I passed out at a blood draw once, is that common")
    r"(?<!\bat )\bonce\b(?=\s*(?:[,.;!?]|$|before\b|in my life\b|as a\b|when (?:i|he|she|they) (?:was|were)\b))|\bas a (?:kid|child|baby|teen|teenager|toddler|little girl|little boy)\b|\bwhen (?:i|he|she|"
    r"they|we) (?:was|were) (?:a |an |in |little|young|small|younger|born)\w*|\bin (?:19|20)\d\d\b|\blast year\b|"
    r"\bin the past\b|\blong ago\b|"
    # (stop 36) an age in the past ("when i was 17", "when he was 3")
    r"\bwhen (?:i|he|she|they|we) (?:was|were) (?:about |around )?\d{1,2}\b(?!\s*(?:minutes?|hours?|mins?|am|pm|o'?clock))|\bback in (?:the )?\w+|\bgrowing up\b|\bin (?:his|her|their|my) childhood\b|"
    # (round 6) wars, decades, family lore, and a baby's first weeks told later ("stopped breathing as a newborn")
    r"\b(?:in|during) (?:the )?(?:war|(?:world war|ww) ?(?:i|ii|1|2|one|two)|(?:19)?\d0'?s|fifties|sixties|seventies|"
    r"eighties|nineties)\b|\bfamily (?:lore|legend)\b|\bas (?:a|an) (?:newborn|infant)\b",
    re.IGNORECASE)
# A named person's death, said in the past ("Robin Williams committed suicide", "did Chris Cornell kill himself"):
# a capitalised name after the first word, and no first-person word (the writer's own people are not "named").
_NAMED = re.compile(r"(?<!^)(?<![.?!] )\b[A-Z][a-z]+\b(?<!\bI\b)")
_FIRST_PERSON = re.compile(r"\b(?:i|i'?m|im|i'?ve|i'?d|me|my|mine|myself|we|our|us)\b", re.IGNORECASE)
_PAST_DEATH = re.compile(
    r"\b(?:died|committed suicide|killed (?:him|her|them)sel(?:f|ves)|took (?:his|her|their) (?:own )?life|overdosed|"
    r"od'?d|passed away|was (?:killed|murdered)|did (?:\w+ ){1,4}(?:die|kill (?:him|her|them)sel(?:f|ves)|overdose|"
    r"commit suicide|take (?:his|her|their) (?:own )?life)|\w+'s (?:death|suicide|overdose|murder|passing)|was it "
    r"(?:a |an )?(?:suicide|overdose|murder|accident))\b", re.IGNORECASE)
# How the emergency services work ("is it free to call an ambulance in Canada", "do I call 112 or 911 in Spain"):
# a question about calling, with a place, a price or a channel, not a call for help.
_HOW_CALLING_WORKS = re.compile(
    r"\b(?:call|calling|dial|dialing|text|texting|reach)\b[^.?!]{0,40}\b(?:in (?:the )?[A-Z][a-z]+|abroad|overseas|"
    r"when (?:i'?m|i am|you'?re|you are) (?:in|abroad|traveling|travelling)|cost|costs|free|charge|instead of)\b|"
    r"\b(?:cost|costs|free|charge)\b[^.?!]{0,30}\b(?:call|calling|dial|text)\b|"
    # ... or where ("if im in Mexico do i dial 911 or something else")
    r"\b(?i:if|when|while) (?i:i'?m|i am|we'?re|we are|you'?re|youre|you are) (?i:in|visiting|traveling in|travelling in|"
    r"going to) [A-Z][a-z]+\b[^.?!]{0,40}\b(?i:call|dial|text)\b")
# ... or for a day that may come (stop 42, corpus 20 dev: "how would he call an ambulance there if he ever needed one")
_IF_EVER_NEEDED = re.compile(
    r"\bhow (?:would|do|does|can|could|should|will) (?:he|she|they|i|we|you|one|people|someone) (?:call|dial|reach|get)\b"
    r"[^.?!]{0,40}\b(?:there|if (?:he|she|they|i|we|you) (?:ever )?(?:needed|needs|need)|in case|ever)\b", re.IGNORECASE)
# Self-harm method questions ("what is a lethal dose of my pills") stay alarms however they are framed.
_METHOD = re.compile(
    r"\b(?:lethal|fatal|deadly|toxic) (?:dose|amount)\b|\bhow (?:much|many)\b[^.?!]{0,40}\b(?:to die|to kill|"
    r"to end|would kill|would (?:it|that) take|be (?:lethal|fatal))\b|\b(?:most|more|least) (?:lethal|deadly|fatal)\b|"
    r"\b(?:easiest|easy|quickest|quick|fastest|best|surest|simplest|least painful|most effective|painless)\b[^.?!]{0,20}"
    r"\b(?:way|ways|method|methods|suicide|to die|to kill|to end)\b|\bpainless\b|"
    # (stop 39, corpus 17 dev) a means at hand, or finishing what was started, beside a question about a term
    r"\b(?:razor|blade|knife|rope|noose|gun|pills)\b[^.?!]{0,25}\b(?:right here|next to me|in my hand|beside me)\b|"
    r"\bfinish what i (?:started|began)\b|\bmakes? sure i (?:don'?t|do not|won'?t|never) wake up\b",
    re.IGNORECASE)
# An episode that is over, said as over ("I choked on my water laughing, all good now", "it went numb, it's fine now"):
# the "now" in it is not an alarm. Stripped before the now-check; a cue only when nothing was taken (``_INGESTED``).
_RESOLVED = re.compile(
    r"\b(?:(?:it|that|this|he|she|they|i|everything|all)(?:'s|'re|'m| is| are| am|s)?\s+)?(?:all\s+)?(?:good|fine|ok|okay|"
    r"better|gone|over|back to normal)\s+now\b|\b(?:went|goes|has gone|going|is going) away\b|\b(?:wearing|wore) off\b|"
    r"\bstopped (?:after|on its own|by itself)\b|"
    r"\b(?:it|that|this|the \w+)(?:'s| has| is)? (?:stopped|passed|wore off|cleared up|settled down|settled)\b(?! out)|"
    r"\b(?:coughed|spat|spit|got) it (?:out|up)\b|\b(?:he'?s|she'?s|they'?re|i'?m|it'?s) (?:totally |completely )?(?:fine|ok|okay)"
    r"(?: and| now|$|[,.!])|\bplaying (?:normally|fine|again)\b|"
    # a near miss ("i almost choked on a chip")
    r"\b(?:almost|nearly) (?:choked|fainted|passed out|drowned|died)\b", re.IGNORECASE)
# (stop 38) Well for a long time since ("I've been in a good place for years"): with a time long past named, the episode
# is history even when it was self-harm ("back in college I had suicidal thoughts ... I've been in a good place for years")
_WELL_SINCE = re.compile(
    r"\b(?:i'?ve|ive|i have) been (?:in a (?:good|great|much better|better) place|doing (?:well|great|fine|ok|okay|better)|"
    r"(?:well|fine|ok|okay|stable)) (?:for (?:years|many years|a long time|\d+ years|ages)|ever since|since then)\b",
    re.IGNORECASE)
# A past episode asked about afterwards ("I fainted during my blood draw last week, should the lab know").
_RECENT_PAST = re.compile(r"\blast (?:week|weekend)\b|\bthe other (?:day|week)\b", re.IGNORECASE)
# Something that goes on or gets worse: never over, never history ("chest pain since last week, getting worse").
_ONGOING = re.compile(r"\b(?:getting worse|worse|worsening|won'?t go away|not going away|doesn'?t go away|all (?:day|week|night)|"
                      r"every ?day|constant\w*|persistent|since (?:yesterday|last|this|then|\d)|for (?:\d+|a few|two|three|"
                      r"several) (?:hours|days))\b", re.IGNORECASE)
# Something taken, or words of self-harm: an episode with these is never "over" or "history" here.
_INGESTED = re.compile(r"\b(?:took|taken|taking|swallow\w*|pills?|meds?|tablets?|capsules?|overdos\w*|od'?d|drank|drunk|"
                       r"poison\w*|bottle|alcohol|drugs?|high|suicid\w*|kill\w*|die|dying|dead|hurt (?:my|him|her)sel\w*|"
                       r"harm\w*|cut(?:ting)? (?:my|him|her)sel\w*|living|alive|my life|end it|wake up|goodbye|no point|"
                       r"the point)\b", re.IGNORECASE)
# First aid asked about an indefinite person ("what should I do if someone has a seizure in front of me", "how do you
# help a person who is choking"): a question about what to do, not a report. "what do I do, my son is seizing" names
# someone and stays acute. Stripped before the now-check (its "what should I do" is not an alarm) and a cue.
_INDEFINITE = (r"(?:someone|somebody|anyone|anybody|a person|a stranger|a (?:friend|child|kid|baby|toddler|patient|"
               r"coworker|co-worker|classmate|student|family member|loved one|teen|teenager|adult|diabetic)|people|you)")
_HYPOTHETICAL = re.compile(
    rf"\b(?:what (?:do|should|would|can|must) (?:i|you|we|one|people) do|how (?:do|should|can|would) (?:i|you|we|one) "
    rf"(?:help|treat|handle|respond)|what(?:'s| is) the (?:right|best) (?:thing|way) to do|how to (?:help|treat|respond)|"
    rf"what to do)\s+(?:\w+\s+)?(?:if|when|in case|for)\s+{_INDEFINITE}\b|"
    rf"\b(?:how (?:do|should|can) (?:i|you|we|one) |how to )(?:help|treat|save|handle)\s+{_INDEFINITE}\s+(?:who|that|"
    rf"having|going through|in the middle of)\b|"
    rf"\bwhat (?:do|should|can|would) (?:i|you|we|one) say to\s+{_INDEFINITE}\s+(?:who|that)\b|"
    # (round 6) what happens if an indefinite person does something ("if a kid swallows a button battery what happens")
    rf"\bwhat (?:happens|would happen|will happen)\s+(?:if|when)\s+{_INDEFINITE}\b|\b(?:if|when)\s+{_INDEFINITE}\s+"
    rf"(?=[^,.;!?]*\bwhat (?:happens|would happen|will happen|do (?:you|i|we) do|should (?:you|i|we) do)\b)|"
    # (round 7) said to be general or for later ("if I ever find someone unconscious ... asking in general", "which one, in
    # general", "just in case", "for future reference")
    rf"\bif (?:i|you|we|one) (?:ever )?(?:find|see|come across|encounter|witness)\s+{_INDEFINITE}\b|"
    rf"\b(?:asking |just |speaking |talking )?(?:in general|hypothetically|generally speaking|for future reference|just in case)"
    rf"\s*(?:[.?!]|$)",
    re.IGNORECASE)
_MY_FRAME = re.compile(r"\b(?:what (?:do|should|can|would|must) (?:i|we) do|how (?:do|should|can|would) (?:i|we))\b",
                       re.IGNORECASE)
# ... and the condition that follows it, to the end of its clause ("... if someone is having a seizure"): not an event
_HYPOTHETICAL_CLAUSE = re.compile(rf"(?:{_HYPOTHETICAL.pattern})[^,.;!?]*", re.IGNORECASE)
# Support after someone else's suicide, attempt or overdose ("how do I support my brother after his friend died by
# suicide", "my friend attempted suicide last year, how can I keep supporting her"): something that happened, with a
# question about helping or coping.
_THIRD_PERSON_DEATH = re.compile(
    r"\b(?:he|she|they|friend|brother|sister|mom|mum|mother|dad|father|son|daughter|cousin|uncle|aunt|classmate|coworker|"
    r"co-worker|colleague|student|neighbou?r|partner|husband|wife|boyfriend|girlfriend|grandpa|grandma|grandfather|"
    r"grandmother|teacher|someone|somebody)(?:'s)?\s+(?:\w+\s+)?(?:died (?:by|of|from) (?:suicide|an overdose|overdose)|"
    r"killed (?:him|her|them)sel(?:f|ves)|hanged (?:him|her|them)sel(?:f|ves)|took (?:his|her|their) (?:own )?life|"
    r"overdosed|committed suicide|passed away|attempted suicide|tried to (?:kill|end) (?:him|her|them)sel(?:f|ves))\b",
    re.IGNORECASE)
# The crisis line itself asked about ("is the 988 line only for people who are suicidal"): how a service works.
_ABOUT_THE_LINE = re.compile(r"\b(?:is|are|does|do|can|who|what|how)\b[^.?!]{0,40}\b(?:988|crisis (?:line|hotline|text line)|"
                             r"suicide (?:hotline|lifeline|line|prevention line)|lifeline)\b|\b(?:988|crisis (?:line|hotline)|"
                             r"suicide (?:hotline|lifeline))\b[^.?!]{0,30}\b(?:only for|just for|for people)\b", re.IGNORECASE)
# A plan of the writer's for later ("tomorrow im going to walk into the lake ... its fine"): never an episode that is over
# (round 6), whatever reassurance follows it.
_MY_PLAN = re.compile(r"\b(?:i'?m|im|i am) (?:going to|gonna|about to)\b|\bi'?ll\b|\bi will\b|\btomorrow\b|\btonight\b",
                      re.IGNORECASE)
_STORY_TIME = re.compile(r"\b(?:just|now|right now|currently|still|again|today|tonight|this (?:morning|afternoon|evening|"
                         r"week))\b", re.IGNORECASE)
# What a writer wants of the story ("I want the scene to be accurate"): about the writing, not the writer now (stop 39,
# corpus 15 dev: "A character in my novel overdoses ... I want the scene to be accurate" had the 911 reply)
_WRITERS_WISH = re.compile(r"\bi (?:want|need|'?d like|would like|am trying|'?m trying)\s+(?:to make\s+)?(?:the |my |this |it |"
                           r"that )?(?:scene|story|chapter|book|novel|plot|script|screenplay|character|part|bit|it)?\s*(?:to )?"
                           r"(?:be |feel |sound |read |get it )?(?:accurate|realistic|right|believable|true to life|authentic)\b",
                           re.IGNORECASE)
_SUPPORT = re.compile(r"\b(?:support|comfort|help|talk to|talk with|be there for|cope|coping|grieve|grieving|grief|"
                      r"get through|deal with)\b", re.IGNORECASE)
# Someone in trouble now, or the writer speaking of themself at present: none of the checks here apply then.
_ACUTE = (r"now|rn|tonight|just|currently|still|keeps?(?! (?:supporting|helping|in touch|asking|saying|telling|up with))|again|"
          r"help|emergency|hurry|asap|urgent|i think i|i took|"
          r"can'?t|cannot|cant|won'?t|wont|isn'?t|not (?:breathing|responding|waking|moving|safe)|is (?:not|having|"
          r"shaking|bleeding|limp|swelling|turning|unconscious|dying)|are (?:swelling|swollen|turning)|"
          r"what (?:do|should) (?:i|we) do|should i (?:go|call)|(?:he|she|they|my \w+|his \w+|her \w+|their \w+|"
          r"someone|somebody) (?:is|are|'s|'re|keeps?) (?!going to\b)\w+ing|"
          # (stop 39, corpus 16 dev) an onset or a measure of now, a body state in the present: "slurred since about 20
          # min ago", "temp is 38.6 and I have chills", "chest pain going into my left arm and I'm sweating a lot"
          r"(?:since|for the (?:last|past)) (?:about |like |around |maybe )?(?:\d+|a few|few|ten|five|twenty|thirty) "
          r"(?:min|mins|minutes|hours?)|\d+ ?(?:min|mins|minutes) ago|"
          r"temp(?:erature)? (?:is|of|reads|at|just hit|hit|went up to) (?:3[89]|4[01]|10[0-5])|"
          r"i (?:have|'ve got|got) (?:the )?(?:chills|a fever|a high fever|a temp|shakes)|"
          r"(?:i'?m|im|i am|he'?s|she'?s|they'?re|(?:he|she) is) (?:\w+ )?(?:sweating|vomiting|throwing up|bleeding|"
          r"shaking|seizing|wheezing|gasping|drooling|slurring)|"
          r"(?:pain|ache|pressure) (?:is )?(?:going|spreading|radiating|shooting|moving) (?:into|down|up|to)")
# Something happening now, to anyone.
ACUTE_NOW = re.compile(rf"\b(?:{_ACUTE})\b", re.IGNORECASE)
NOW = re.compile(  # ... or the writer speaking of themself at present
    rf"\b(?:{_ACUTE}|today|this (?:morning|afternoon|evening|week)|i feel|i have|i'?ve|ive|i want|i wanna|i need|"
    r"(?:i'?m|im|i am) (?:not|so|going|gonna|thinking|feeling|having|scared|afraid|in (?:pain|trouble|danger)|"
    r"ready|done|dying|bleeding|"
    r"hurting|struggling|suicidal|sick|really|very|about|still|just|losing|shaking|passing)|"
    r"i will|i'?ll|i might|i plan|i did|i do|myself|me too|same (?:thing|way)(?! as\b)|feels?|feeling|hurts?|hurting|"
    r"that'?s me|thats me|it'?s me|its me|like me|am i|"
    # (round 8) an onset minutes ago, or while writing ("started maybe 15 min ago", "while sitting here")
    r"(?:started|began|happened|came on) (?:about |maybe |like |around |only |just )?(?:\d+|a few|few|ten|five|twenty) "
    r"(?:min|mins|minutes|hours?) ago|while (?:i'?m |i was |i am )?(?:sitting|typing|writing) (?:here|this))\b", re.IGNORECASE)


# Someone close to the writer said or wants something ("my son told his teacher he wants to ..."): a story, a class or
# school word in it does not make it talk about someone else.
_SOMEONE_CLOSE_SAYS = re.compile(
    r"\bmy (?:\w+ )?(?:son|daughter|kid|child|teen|teenager|boy|girl|brother|sister|friend|husband|wife|partner|boyfriend|"
    r"girlfriend|bf|gf|mom|mum|mother|dad|father|student|roommate)\b[^.?!]{0,40}\b(?:told|tells|said|says|saying|wants|wanted|"
    r"keeps saying|texted|wrote|posted|threaten\w*)\b", re.IGNORECASE)


def long_ago(text: str) -> bool:
    """A time long past is named ("years ago", "in my twenties", "as a kid").

    >>> long_ago("i attempted suicide in my twenties"), long_ago("i attempted it an hour ago")
    (True, False)
    """
    return bool(_LONG_AGO.search(text))


def someone_close_says(text: str) -> bool:
    """Someone close to the writer said, wrote or wants something.

    >>> someone_close_says("my son told his teacher he wants to sleep forever"), someone_close_says("a book about a son")
    (True, False)
    """
    return bool(_SOMEONE_CLOSE_SAYS.search(text))


def said_to_be_over(text: str) -> bool:
    """An episode said to be over, with nothing taken and no self-harm word in the message.

    >>> said_to_be_over("she bumped her head and she's playing normally now"), said_to_be_over("i took pills, i'm fine now")
    (True, False)
    """
    text = text.replace("\u2019", "'")
    return bool(_RESOLVED.search(text)) and not _INGESTED.search(text) and not _MY_PLAN.search(text)


# (stop 46, eleventh pass F1) an overdose told as long past and over: "back in 2015 I overdosed on sleeping pills but I'm
# doing well now", "took too many ibuprofen last week for a migraine, I'm fine now". A week or more ago and said to be
# over; "yesterday" or "this morning" is not long past (some overdoses harm days later).
_WEEK_OR_MORE_AGO = re.compile(r"\b(?:last (?:week|month|year|summer|winter|spring|autumn|fall|christmas)|(?:a|one|two|three|few|"
                       r"couple of|several|many|\d+) (?:weeks?|months?|years?) ago|years ago|ages ago|long ago|back in|"
                       r"in (?:19|20)\d\d|as a (?:teen|teenager|kid|child|student)|when i was (?:\d+|a teen\w*|young|a kid|"
                       r"in (?:school|college|uni))|in my (?:teens|twenties|20s|thirties|30s))\b", re.IGNORECASE)
_OVER_NOW = re.compile(r"\b(?:(?:i'?m|im|i am|i feel|feeling|i'?ve been|doing|all)\s+(?:totally |completely |perfectly |"
                       r"really |much |so much )?(?:fine|ok|okay|good|great|better|well|recovered|stable)(?: now)?|"
                       r"(?:fully )?recovered|in recovery|doing (?:well|fine|ok|okay|good|better) now|it'?s (?:all )?"
                       r"(?:over|behind me))\b|\b(?:totally |completely |perfectly )?(?:fine|ok|okay|good|well) now\b",
                       re.IGNORECASE)


def long_past_and_over(text: str) -> bool:
    """An event told as a week or more ago and over now, with no time of now beside it.

    >>> long_past_and_over("back in 2015 I overdosed on sleeping pills but I'm doing well now")
    True
    >>> long_past_and_over("I took too many pills yesterday, I'm fine now"), long_past_and_over("i overdosed last year and im doing it again tonight")
    (False, False)
    """
    text = text.replace("\u2019", "'")
    return bool(_WEEK_OR_MORE_AGO.search(text) and _OVER_NOW.search(text)) and not _NOW_AGAIN.search(text)


_NOW_AGAIN = re.compile(r"\b(?:now i|again|tonight|today|this morning|right now|just (?:took|now|swallowed)|an hour ago|"
                        r"minutes ago|yesterday|last night)\b", re.IGNORECASE)


# (round 7) A first-aid or how-to-tell question put in general, with nobody in it: "how can you tell if someone is having a
# stroke", "when should you call 911 for a seizure", "how do paramedics treat someone who stopped breathing". Said of
# nobody, its alarm words name what to look for, not something happening.
_GENERIC_HOWTO = re.compile(
    r"^\s*(?:(?:so|ok|okay|quick question|question)[,:]?\s+)?(?:how (?:can|do|would|should|could|does) (?:you|one|people|parents|"
    r"paramedics|doctors|nurses|emts|bystanders|a person|a bystander|first aiders)\b|when (?:should|do|must|would|is it|are) "
    r"(?:you|one|people)\b|when is\b|what are (?:the )?(?:main |warning |early |first |common |typical )?(?:signs|symptoms)\b|"
    r"what(?:'s| is) the (?:difference|first thing|best way|right way|first aid|treatment|protocol)\b|is it true (?:that )?(?:you|people)\b)", re.IGNORECASE)
_PERSONAL = re.compile(
    r"\b(?:i|i'?m|im|i'?ve|ive|i'?d|my|me|mine|myself|we|our|us|he|she|his|her|him|he'?s|she'?s|mom|mum|dad|son|daughter|baby|"
    r"husband|wife|partner|friend|brother|sister|grandma|grandpa|now|right now|rn|currently|tonight|today|(?<!to )(?<!you )help(?! (?:arrives|comes|gets there))|please|hurry|"
    r"asap|urgent)\b", re.IGNORECASE)


# (round 7) Being prepared: a condition said to be for some later time ("if my toddler ever starts choking", "in case my
# baby is choking", "how do I help if it happens again", "what should I watch for if ...", "if I start vomiting blood on
# this medicine"), or a first-aid class or guide, beside a question.
_PREPARED = re.compile(
    r"\b(?:if (?:\w+ ){0,3}ever\b|in case\b|in the event|if (?:it|that|this) (?:ever )?happens(?: again)?|if (?:it|that|this) "
    r"were to|next time|in the future|someday|one day|god forbid|(?:be|being|get|stay) (?:prepared|ready)|watch (?:out )?for|"
    r"look out for|if (?:i|he|she|they|my \w+|we) (?:ever )?(?:starts?|develops?|begins?|gets?) (?!(?:worse|bad|really))|"
    r"first[- ]aid (?:guide|course|class|training|kit|manual|booklet|poster)|cpr (?:class|course|training)|what counts as|"
    # (stop 48, corpus 25 dev: "fire warden training next week ... what is the Heimlich manoeuvre exactly")
    r"(?:fire warden|safety|lifeguard|babysitting|workplace|first[- ]aider|health and safety) (?:training|course|class|induction)|"
    # (stop 46, eleventh pass F3) "so I'm prepared", "just so I know", "asking for my trip"
    r"so (?:i'?m|i am|we'?re|we are|i can be|i'?ll be|we'?ll be) (?:prepared|ready)|just so (?:i|we) know|"
    r"asking for (?:my|a|our|an upcoming|the) (?:trip|travel|travels|holiday|vacation|journey|class|course)|"
    r"for (?:my|our|an upcoming) (?:trip|travels?|holiday|vacation|journey)\b(?=[^.?!]*\?|\W*$)|"
    # (stop 47, batch 24 dev: "for future ref when is bleeding on warfarin an emergency" had the emergency reply)
    r"for (?:future|later) (?:ref(?:erence)?|use)\b|\bfuture ref\b|ahead of time|in advance|beforehand|"
    r"nothing (?:is )?happening(?: (?:right )?now| at (?:the|this) moment| rn)?|(?:a )?list for the fridge|for the future|"
    # ... or a habit, not an event ("it happens to me a lot in winter", "she chokes on her food sometimes when she eats fast")
    r"happens? (?:to (?:me|him|her|them) )?(?:a lot|often|sometimes|all the time|every \w+)|sometimes when|whenever)",
    re.IGNORECASE)
_ASKED = re.compile(r"\?|\b(?:what|how|should|when|which|better|is (?:that|it|this)|do (?:i|you|we)|can (?:i|you|we))\b",
                    re.IGNORECASE)
_WHAT_TO_DO = re.compile(r"\bwhat (?:do|should|would|can|must|need to|have to) (?:i|we) do\b|\bwhat to do\b|\bhow (?:do|can|should|would) (?:i|we|you) help\b",
                         re.IGNORECASE)


def prepared_question(text: str) -> bool:
    """A question about what to do if something happens some later time, with nothing happening now outside the
    condition ("if my toddler ever starts choking, what should i do first"; not "my baby is choking, what do i do").

    >>> prepared_question("if my toddler ever starts choking, what should i do first")
    True
    >>> prepared_question("my baby is choking, what do i do"), prepared_question("in case he stops breathing again tonight")
    (False, False)
    >>> prepared_question("What should I do IF I ever get a rash on carbamazepine? I'm not on it, I just want a plan in case.")
    True
    >>> prepared_question("she's fine and asleep right now, but in case she ever chokes what do I do")
    True
    """
    if not _PREPARED.search(text) or not _ASKED.search(text):
        return False
    rest = _ASKED_ABOUT_MEDS.sub(" ", _WHAT_TO_DO.sub(" ", _PREPARED_CLAUSE.sub(" ", _JUST_WANTING.sub(" ", text))))
    rest = _CALM_NOW.sub(" ", rest)
    return not (ACUTE_NOW.search(_WHEN_TO_CALL.sub(" ", rest)) or _ONGOING.search(text) or _INGESTED.search(rest))


# A now that says all is well ("my toddler's fine n asleep rn", "nothing happening now"): no event now (stop 48, batch 25
# dev: a first-aid question asked ahead had the emergency reply for its "rn")
_CALM_NOW = re.compile(
    r"\b(?:is|'s|are|'re|am|'m)\s+(?:\w+\s+){0,2}?(?:fine|ok|okay|well|asleep|safe|sleeping)\b[^.?!,]{0,25}?"
    r"\b(?:right now|rn|now|at the moment|at this moment|currently)\b|"
    r"\bnothing (?:is )?happening(?: at (?:the|this) moment| right now| rn| now)?\b", re.IGNORECASE)


# When to call for help, asked ahead: "which side effects are an emergency?", "the emergency number in Australia", "should
# I call 911?" in a question put for later are no emergency now (stop 46, eleventh pass F3)
_WHEN_TO_CALL = re.compile(r"\bemergency (?:numbers?|lines?|services|room)\b|\b(?:is|are|count as|counts? as|considered)\s+"
                           r"(?:\w+\s+){0,4}?(?:an? )?emergenc(?:y|ies)\b|\b(?:must|should|need to|have to) (?:get|seek) "
                           r"(?:urgent|emergency|medical) (?:help|care)\b|\bshould (?:i|we|you|they) call\b(?:\s+(?:911|999|112|000|"
                           r"an ambulance|for help))?(?=[^.!]*\?)", re.IGNORECASE)


# "just" of wanting, not of time ("I'm not on it, I just want a plan in case": stop 43, corpus 21 dev)
_JUST_WANTING = re.compile(r"\b(?:i|we)(?:'m|'re| am| are)?\s+just\s+(?:want\w*|wanna|need\w*|like|wondering|asking|curious|"
                           r"checking|planning|thinking|making|writing|preparing|reading)\b|"
                           r"\bjust (?:wondering|asking|curious|checking|in case|so i know|to (?:know|be safe|be sure|check))\b",
                           re.IGNORECASE)


# (round 8) someone's medicines as the thing asked about ("what would the paramedics want to know about her meds"), not taken
_ASKED_ABOUT_MEDS = re.compile(r"\b(?:know|ask|tell (?:them|the \w+)|list\w*|bring) (?:about )?(?:his|her|their|my|the) (?:meds|"
                               r"medications?|medicines?|pills)\b", re.IGNORECASE)


# (round 8) A study question about an indefinite patient ("NCLEX style question: a patient is seizing, what's the priority
# nursing action?"): an exam's case, not someone in trouble.
_STUDY_FRAME = re.compile(r"\b(?:nclex|usmle|mcat|board exams?|practice (?:question|exam|test)|(?:exam|test|quiz|study|textbook|"
                          r"review|nursing) questions?|case study|flash ?cards?|(?:nclex|exam|test|quiz)[- ](?:style|type|prep))\b",
                          re.IGNORECASE)
_STUDY_SUBJECT = re.compile(r"\b(?:a|the|an) (?:\w+ )?(?:patient|client|person|man|woman|child|infant|resident|adult)\b",
                            re.IGNORECASE)
_STUDY_OWN = re.compile(r"\b(?:i'?m|im|i am|i feel|i took|i have|me|my (?!(?:\w+ )?(?:exam|class|course|quiz|textbook|lecture|"
                        r"professor|instructor|notes|boards|studying|study)))\b|\b(?:right now|rn|help me|please help)\b",
                        re.IGNORECASE)


def study_question(text: str) -> bool:
    """An exam or study question about an indefinite patient, with nothing of the writer's own in it (round 8).

    >>> study_question("NCLEX style question: a patient is seizing, what's the priority nursing action?")
    True
    >>> study_question("practice question but my dad is seizing right now")
    False
    """
    return bool(_STUDY_FRAME.search(text) and _STUDY_SUBJECT.search(text)) and not _STUDY_OWN.search(text)


# the condition, to the end of its clause
# (stop 30) with the "just to" of "just to be prepared: ..." (its "just" is no word of now)
_PREPARED_CLAUSE = re.compile(rf"(?:\bjust (?:to |so (?:i|we) )?)?(?:{_PREPARED.pattern})[^,.;!?]*", re.IGNORECASE)


_SOMEONE_INDEFINITE = re.compile(r"\b(?:a|an|any)\s+(?:\w+\s+)?(?:baby|child|kid|friend|person|stranger|toddler|partner)\b",
                                 re.IGNORECASE)  # "a choking baby" is nobody in particular


def generic_howto(text: str) -> bool:
    """A first-aid or how-to-tell question in general, naming nobody and no time.

    >>> generic_howto("how can you tell if someone is having a stroke or just tired")
    True
    >>> generic_howto("how can you tell if someone is having a stroke? my dad's face is drooping")
    False
    >>> generic_howto("what are the signs someone has overdosed? I want to be able to recognise it for my job")
    True
    """
    return bool(_GENERIC_HOWTO.search(text)) and not _PERSONAL.search(_SOMEONE_INDEFINITE.sub(" ", _PURPOSE.sub(" ", text)))


# Why a general question is asked, in the writer's words: to recognise it at work (stop 43, corpus 21 dev: "What are the
# signs that someone has overdosed on opioids? I want to be able to recognise it for my job at a youth centre" had the
# 911 reply)
_PURPOSE = re.compile(r"\b(?:i|we)\s+(?:just\s+)?(?:want|wanna|need|would like|'d like)\s+to\s+(?:be able to\s+)?(?:recogni[sz]e|"
                      r"know|spot|learn|understand|be ready|be prepared)\b[^.?!]*|\bfor (?:my|our) (?:job|work|class|course|"
                      r"training|role|shift|volunteering|exam|studies|placement)\b[^.?!]*", re.IGNORECASE)


def told_as_past(text: str) -> bool:
    """The message tells of a time that is over: long ago, resolved, well since, or last week.

    >>> told_as_past("I tried to end it. That was ten years ago, I'm fine now"), told_as_past("I want to end it")
    (True, False)
    """
    return bool(_LONG_AGO.search(text) or _RESOLVED.search(text) or _WELL_SINCE.search(text) or _RECENT_PAST.search(text))


def mention_only(text: str) -> bool:
    """The message talks about alarm words (a term, the news or a story, the distant past) and says nothing about
    anyone in trouble now.

    >>> mention_only("my brother had a seizure years ago, is epilepsy genetic")
    True
    >>> mention_only("my brother had a seizure years ago and is having one now")
    False
    >>> mention_only("did Chris Cornell kill himself"), mention_only("my friend Jake overdosed")
    (True, False)
    >>> mention_only("years ago I was suicidal, I've been in a good place for years. what is CYP2C19")
    True
    """
    text = _AGE_NOW.sub(" ", text.replace("\u2019", "'"))
    if _METHOD.search(text):
        return False
    if generic_howto(text) and not _ONGOING.search(text):  # (round 7) "when should you call 911 for a seizure"
        return True
    if prepared_question(text):  # (round 7) "if my toddler ever starts choking, what should i do first"
        return True
    if study_question(text):  # (round 8) "NCLEX style question: a patient is seizing, what's the priority action?"
        return True
    if _WELL_SINCE.search(text) and _LONG_AGO.search(text) and not _ONGOING.search(text) \
            and not ACUTE_NOW.search(text) and not _MY_PLAN.search(text):
        return True
    resolved = bool(_RESOLVED.search(text)) and not _INGESTED.search(text) and not _MY_PLAN.search(text)
    hypothetical = bool(_HYPOTHETICAL.search(text))
    # (the condition is set aside only in a generic question: "what do I do if someone isn't breathing" may be happening)
    rest = (_HYPOTHETICAL if _MY_FRAME.search(text) else _HYPOTHETICAL_CLAUSE).sub(" ", _RESOLVED.sub(" ", text)
                                                                                   if resolved else text)
    if _ONGOING.search(rest):
        return False
    if resolved and not ACUTE_NOW.search(rest):  # over, and nothing else is going on ("it bled this morning, it's stopped")
        return True
    story = bool(STORY.search(text)) and not someone_close_says(text)
    # a story whose only words of now are words of time is told in the present ("my D&D character just got poisoned")
    if story and not _METHOD.search(text) and not NOW.search(_WRITERS_WISH.sub(" ", _STORY_TIME.sub(" ", rest))):
        return True
    if _IF_EVER_NEEDED.search(text) and not ACUTE_NOW.search(text):
        return True
    if NOW.search(rest):
        return False
    # (a term asked, then the writer's own words after it: "what does BRCA2 mean? honestly I don't see the point of
    # going on" uses the words, stop 37)
    # (nor is a term asked after too much was taken just now: "he swallowed all of his amitriptyline an hour ago ... he
    # wants me to ask what his CYP2D6 result means", stop 51, batch 28 dev)
    term = ((_TERM.search(text) or _CONCEPT.search(text)) and not _OWN_WORDS_AFTER.search(text)
            and not _OWN_EVENT.search(text) and not too_much_taken_now(text, medicine_named=True))
    if (term or _PHENOMENON.search(text) or story or _LONG_AGO.search(text)
            or _HOW_CALLING_WORKS.search(text) or resolved or hypothetical or _ABOUT_THE_LINE.search(text)
            or (_RECENT_PAST.search(text) and not _INGESTED.search(text))):
        return True
    if _THIRD_PERSON_DEATH.search(text) and _SUPPORT.search(text):
        return True
    return bool(_PAST_DEATH.search(text) and _NAMED.search(text) and not _FIRST_PERSON.search(text))


# An age now ("he's 9 now", "she is a teenager now"): how long ago it was, not something happening now (stop 39, corpus
# 16 dev: "my son had a febrile seizure as a baby, he's 9 now. could it be genetic" had the 911 reply)
_AGE_NOW = re.compile(r"\b(?:he|she|they|i|my \w+)(?:'s|'re|'m| is| are| am) (?:\d{1,2}|one|two|three|four|five|six|seven|eight|"
                      r"nine|ten|eleven|twelve|a teen(?:ager)?|grown(?: up)?|an adult|in (?:college|school|high school))"
                      r"(?: years? old| yrs? old| yo)? now\b", re.IGNORECASE)
# Something that just happened to the writer or someone close, told before "what does that mean" ("threw up stuff that
# looks like coffee grounds twice, on blood thinners, what does that mean": stop 39, corpus 16 dev): the meaning asked
# is of the event, not of a term
_OWN_EVENT = re.compile(r"(?:^\W*(?:i\s+)?(?:just\s+)?|\b(?:i|he|she|they|my \w+)\s+(?:just\s+)?)(?:threw up|vomited|puked|"
                        r"coughed up|passed out|fainted|blacked out|collapsed|peed blood|pooped blood)\b", re.IGNORECASE)
# A last sentence in the writer's own voice, not a question, after an earlier sentence
_OWN_WORDS_AFTER = re.compile(r"[.?!]\s+(?:(?:honestly|tbh|and|but|so|also|plus|ngl)\W+)*i(?:'ve| have| am|'m|m| just| really|"
                              r" don'?t| do not| can'?t| cant| feel| keep| want| wanna)\b[^?]*$", re.IGNORECASE)


# Violent and death words with common figurative uses. Not in the list: words that are mostly literal when used
# at all ("shot", "stabbed", "drowning", "choking", "bleeding") and self-harm words ("suicide", "overdose").
FIGURATIVE_WORDS = re.compile(
    r"\b(?:kill(?:s|ed|ing|in|er|ers)?|murder(?:s|ed|ing|in)?|die[ds]?|dying|dead|death|deadly|crush(?:es|ed|ing|in)?|"
    r"slay(?:s|ed|ing)?|slain|destroy(?:s|ed|ing)?|blood ?bath|massacre[ds]?|slaughter(?:s|ed|ing)?)\b", re.IGNORECASE)


def without_figurative_words(text: str) -> str | None:
    """The message with every figurative-prone word blanked, or None when it has none."""
    blanked, n = FIGURATIVE_WORDS.subn("_", text)
    return blanked if n else None
