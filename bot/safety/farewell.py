"""Indirect self-harm told by signals, not by the words (issue 15, round 7 of the English false-alarm work).

Held-out English misses were mostly veiled: a pet given a new home, letters left for the family, "you won't have to
worry about me much longer", "how many of these would be too many" beside hopelessness. No single phrase carries them
and the models score them low (< 0.1), but a careful nurse reads the combination: a farewell or finality act, talk of
being a burden, hopelessness, a means, a time, a decision. Each alone is everyday ("gave my old cat to my aunt since
i'm moving", "i feel like a burden asking for rides", "tonight's the night"); two kinds together are rare in safe text.

``signals`` names the kinds found in an English message (first person only: "my dad keeps giving his tools away" is
someone else's act, for the helper and the models to judge). ``veiled_self_harm`` is the crisis decision:

* strong: hopelessness or burden beside a means; a farewell act beside a means, hopelessness or burden; an amount of a
  medicine asked about beside hopelessness. An everyday reason does not undo these.
* weak: a farewell act or burden talk beside a time, a decision or a second farewell act; two decisions. These stand
  only with no everyday reason in the message (moving, a trip, a new job, a wedding, "talk soon").

>>> veiled_self_harm("gave my cat to my sister and wrote letters for everyone")
True
>>> veiled_self_harm("gave my old cat to my aunt since i'm moving to an apartment that doesn't allow pets")
False
>>> veiled_self_harm("how many of my amitriptyline would be too many? nothing is getting better")
True
>>> veiled_self_harm("how many of my blood pressure pills would be an overdose, i want to store them safely")
False
>>> veiled_self_harm("I won't be a burden for much longer, I promise")
True
>>> veiled_self_harm("soon i won't be a burden on my parents, i got the job and i'm moving out")
False
"""

from __future__ import annotations

import re

from bot.safety.rules import mask_benign, normalize

# Things people hand on before they go: pets, treasured or valuable belongings, everything.
_POSSESSION = (r"(?:cats?|dogs?|pets?|pupp(?:y|ies)|kittens?|birds?|parrot|fish|hamsters?|rabbits?|bunn(?:y|ies)|guinea pigs?|"
               r"guitars?|piano|bike|motorcycle|records|vinyl|books|plants|things|stuff|belongings|possessions|jewel(?:le)?ry|"
               r"rings?|watch|clothes|car|truck|games|console|xbox|playstation|ps5|laptop|computer|collection|savings|money|"
               r"tools|house|furniture|art|paintings|camera|everything)")
_RELATIVE = (r"(?:mom|mum|mother|dad|father|wife|husband|partner|kids?|children|son|daughter|family|sister|brother|parents|"
             r"friends?|best friend|girlfriend|boyfriend|everyone|everybody|grandma|grandpa|nan)")

# A farewell or finality act of the writer's: a pet or belongings handed on, letters or notes left, papers, passwords or a
# will put in order, goodbyes said, a last message, love or forgiveness said as a farewell, the ones left behind provided for.
FAREWELL = re.compile(
    rf"\b(?:gave|giving|give|given|handed|handing|hand|passed|passing|transferr?(?:ed|ing)?|sign(?:ed|ing)? over|donat\w*|"
    rf"rehom\w*|found (?:a |an )?(?:good |new |loving |nice |forever )?homes? for)\b[^.?!]{{0,30}}?\b(?:my|our)\s+"
    rf"(?:\w+\s+)?{_POSSESSION}\b|"
    rf"\bgiving (?:my |all my |away my |away all my )?(?:things|stuff|belongings|possessions) away\b|"
    rf"\b(?:is|are|will be|'s|'re) (?:taking|adopting|keeping|getting|having) (?:my|our) (?:\w+ )?{_POSSESSION}\b|"
    rf"\b(?:someone|somebody|a friend|my \w+) (?:to )?(?:feeds?|walks?|looks? after|takes? care of|takes?|adopts?) (?:my|the) "
    rf"(?:\w+ )?(?:cats?|dogs?|pets?|kitten|puppy|hamster|bird|fish|plants)\b|"
    rf"\b(?:my|the) (?:cat|dog|pet|kitten|puppy)s? (?:has|have|will have|gets?|is going to) (?:a )?(?:new|good) (?:home|owner)s?\b|"
    rf"\bmade sure (?:my|the) (?:cat|dog|pet|kids?|children|plants)\b[^.?!]{{0,30}}\b(?:new (?:home|owner)|looked after|taken care of|"
    rf"has (?:a|someone))\b|"
    rf"\b(?:my \w+|she|he|they) gets? (?:the|my) {_POSSESSION}\b|\bwho gets (?:what|my \w+|the \w+)\b|"
    # letters, notes or something written for the family, for later
    rf"\b(?:wrote|written|writing|left|leaving|finished)\b[^.?!]{{0,25}}\b(?:letters?|notes?|something|messages?|a video)\b"
    rf"[^.?!]{{0,25}}\b(?:to|for) (?:each|every|all|my|them|her|him|every ?one|everybody|the people)\b|"
    rf"\b(?:wrote|written|writing|left|leaving) (?:every ?one|everybody|each of (?:them|you)|all of (?:them|you)|my {_RELATIVE}|"
    rf"(?:her|him|them)) (?:\w+ )?(?:letters?|notes?|a letter|a note)\b|"
    rf"\b(?:to read|for (?:them|her|him|you) to (?:read|find|have)) (?:later|after|afterwards|when)\b|"
    rf"\b(?:for|to) whoever finds (?:this|it)\b|\bfor when (?:they|you|she|he) (?:need|find|read)\b|"
    rf"\b(?:the |my )?(?:letters?|notes?|papers|documents|passwords?|will|instructions|keys?|envelope)\b (?:is|are|'s)(?: all)? "
    rf"(?:in|under|on|inside|taped to|next to|by) (?:the|my)\b|\bit'?s all (?:on|in) (?:my|the) (?:desk|drawer|table|bed)\b|"
    rf"\b(?:left|leaving|wrote down|gave|giving) (?:\w+ )?(?:my )?passwords?\b|"
    # (round 8) papers and passwords gathered for someone ("put the birth certificates and passwords in an envelope for my
    # husband")
    rf"\b(?:passwords?|birth certificates?|bank details|account details|insurance papers|policy documents)\b[^.?!]{{0,30}}"
    rf"\bin an envelope\b|\b(?:updated|wrote|made|finished|sorted) my will\b|"
    rf"\b(?:put|putting|got|getting|get) (?:my affairs|everything|all my affairs|things) in order\b|\btying up (?:all )?(?:the |my )?"
    rf"loose ends\b|\b(?:instructions|plans?|wishes) for my (?:own )?funeral\b|\bplann(?:ed|ing) my (?:own )?funeral\b|"
    rf"\b(?:deleted|deleting|closed|closing|cancel+ed|cancel+ing) (?:all )?(?:of )?(?:my (?:accounts|socials|social media|therapy|"
    rf"appointments)|everything on my calendar)\b|"
    # goodbyes, last words, love and sorry as a farewell
    rf"\b(?:said|saying|say) (?:all )?my goodbyes\b|\b(?:tell|let) (?:everyone|everybody|them|her|him|my \w+) (?:know )?i said "
    rf"(?:goodbye|bye)\b|\bthis is (?:my )?(?:goodbye|farewell)\b|\bgoodbye,? for good\b|\b(?:goodbye|bye|farewell),? "
    rf"(?:everyone|everybody|world|all|guys|y'?all|friends|forever)\b|\b(?:say|said|saying) (?:bye|goodbye) to (?:someone|somebody|"
    rf"you|everyone|everybody)\b|\b(?:it was|it'?s been) (?:nice|good|great|lovely) knowing (?:you|y'?all|everyone|all of you)\b|"
    rf"\bremember me\b|\b(?:last|final) (?:time|thing|message|words?)\b[^.?!]{{0,25}}\b(?:hear from me|(?:i'?m|im|i am|i'?ll) "
    rf"(?:going to |gonna )?(?:write|writing|say|saying|send|sending)|from me)\b|"
    rf"\b(?:this is )?my (?:last|final) (?:night|day|message|words)\b|\bend of the (?:road|line) for me\b|"
    rf"\bif (?:you'?re|you are|you) (?:reading|read|find|found) this\b|"
    rf"\b(?:it'?s|it is|it was) (?:not|never) (?:their|your|anyone'?s|anybody'?s|his|her) fault\b|"
    rf"\b(?:please )?(?:don'?t|do not) be (?:sad|upset|angry)\b|\bthank(?:s| you) for (?:trying|everything|putting up with me|"
    rf"listening|being (?:kind|so kind|there|my friend))\b|"
    rf"\b(?:tell|let) (?:my )?{_RELATIVE} (?:know )?(?:i'?m|im|that i'?m|i am) sorry\b|"
    rf"\b(?:tell|let) (?:my )?{_RELATIVE} (?:know )?(?:that )?i (?:love|loved) (?:her|him|them|you)\b|\bi'?m sorry,? (?:mom|mum|dad|everyone|"
    rf"for everything)\b|\b(?:i )?love (?:you|u) (?:all|guys|both)\b|\bsorry for (?:everything|being (?:such )?a \w+)\b|"
    rf"\b(?:please )?(?:look after|take care of) (?:my|the) (?:kids|children|dog|cat|pets?|family)\b(?! (?:while|when|this|next|"
    rf"tomorrow|tonight|until|for (?:a|an|the|this|next|\d+|two|few|some))\b)|"
    # telling someone, or where things are left ("i just wanted someone to know", "the dog's papers are in the drawer")
    rf"\b(?:just )?want(?:ed)? (?:someone|somebody|anyone|everyone|everybody|you|you all|y'?all) to know\b|"
    rf"\b(?:just )?wanted to tell (?:someone|somebody|anyone|you)\b|\bi love (?:you|u)\s*(?:[.!]|$)|"
    rf"\b(?:don'?t|do not|dont) want (?:anyone|anybody|people|you|them) to (?:fuss|worry|be sad|cry|make a fuss|blame themsel\w*)\b|"
    rf"\byou (?:were|are) the only one who (?:listened|cared|understood|tried)\b", re.IGNORECASE)

# Finality told outright, enough by itself: "for whoever finds me", "the last time you'll hear from me".
FINAL = re.compile(
    r"\b(?:(?:for|to) whoever finds me|when (?:they|you|someone|somebody) finds? me|by the time (?:you|anyone|they) (?:read|see|"
    r"get) this|(?:last|final) (?:time|message|thing) you'?ll (?:ever )?(?:hear|get) from me|you(?:'ll| will) never hear from me "
    r"again|(?:go|going) to sleep and (?:not|never) (?:come back|wake up)|(?:least|most) painless way to (?:go|die|do it)|"
    r"least painful way to (?:go|die|do it)(?! (?:to|for) )|(?:least|most) (?:messy|painless|peaceful|certain|reliable) way"
    r"(?= to (?:go|die|do it|end it|check out)\b|\s*[?.!]*\s*$)|(?:quickest|cleanest|surest) way (?:to go|to die|to check out|"
    r"to end it)\b|end it (?:all )?(?:myself|on my own terms)|end my (?:own )?life on my own terms|(?:so|that) i (?:don'?t|do not|won'?t|never) (?:wake up|come back)|"
    r"to (?:just )?(?:not|never) wake (?:up|back up)|fall asleep (?:forever|and never wake)|for it (?:all )?to be over|"
    r"stay asleep (?:for good|forever)|(?:and|to) (?:not|never) come back|or ever again|(?:make sure|so) i (?:don'?t|never|do not) wake)\b",
    re.IGNORECASE)

# The writer's absence ahead: "won't be here", "not coming back", "when i'm gone", "before i go", "out of the picture".
ABSENCE = re.compile(
    r"\b(?:(?:won'?t|will not|wont|not going to|not gonna) be (?:here|around|home|alive|there|back|coming back|needing)\b|"
    r"(?:i'?m|im|i am) (?:not|never) coming back|permanently go|go permanently|won'?t (?:be )?need(?:ing)? (?:it|them|any of (?:it|this|them)|this|that|my \w+)"
    r"(?: \w+)?\b|when i'?m (?:gone|not (?:around|here)|dead)|(?:if|once|after) i'?m (?:gone|not (?:around|here)|dead|out of "
    r"the picture)|if i (?:was|were|am) (?:gone|not (?:around|here)|dead)|out of the picture|out of (?:everyone'?s|everybody'?s) "
    r"(?:hair|way|lives)|out of (?:their|your) lives|before i go\b(?! (?:to|on|into|out|back|home|for|shopping))|won'?t see "
    r"(?:you|them|anyone) again|(?:someone|somebody) who(?:'ll| will|'s going to| is going to| is gonna|'s gonna)? (?:actually |"
    r"always |still )?be (?:around|there)|(?:don'?t|do not|dont|can'?t|cannot) see myself (?:making it|getting|lasting) (?:to|through|"
    r"past|until)|(?:won'?t|will not|wont) get (?:the|a|another) chance|none of (?:this|it) will matter)\b", re.IGNORECASE)

# Being a burden, or the others better off without the writer.
BURDEN = re.compile(
    r"\b(?:(?:i'?m|im|i am|being) (?:such |just |only |nothing but )?(?:a |such a )?(?:burden|weight|drain|problem|"
    r"bother) (?:on|to|for) (?:\w+ )?(?:everyone|everybody|them|my|people|you)|\bburden\b|"
    r"\b(?:better|happier|lighter|easier|fine|freer) (?:off )?without me\b|\bwithout me (?:in it|around|here)\b|"
    r"\b(?:lives?|life|things|everything|it) (?:would|will|'d|'ll) be (?:so |a lot |much )?(?:easier|better|simpler|lighter|happier)"
    r"(?: for (?:\w+ )?\w+)? (?:if|when|once|without) (?:i|me)\b|\b(?:relieved|better off|happier|free) (?:when|once|if) i'?m? "
    r"(?:not around|gone|not here|dead|was gone|were gone)\b|\bdragged down by me\b|\b(?:nobody|no one|noone) (?:needs|wants) me\b|"
    r"\b(?:won'?t|will not|wont|not (?:going to|gonna)|never|no longer) (?:have to |need to )?(?:worry|deal|put up|bother|carry|"
    r"look after|take care) (?:about |with |of )?me\b|"
    r"\b(?:nobody|no one|noone|none of (?:you|them)|no-one)(?: will| would|'ll)? (?:has|have|needs?|will have|will need) to (?:worry|"
    r"deal|put up|bother|carry|look after|take care|sort through|clean up) (?:about |with |of |after )?(?:me|my (?:mess|stuff|things))\b|"
    r"\b(?:deal with|sort through|clean up) my mess\b|\bso (?:my \w+|they|everyone|nobody|no one) (?:isn'?t|aren'?t|won'?t be|"
    r"is not|are not|(?:doesn'?t|don'?t|won'?t) (?:get|have to be)) stuck with\b|\b(?:easier|better) for (?:them|everyone|everybody|you all|my family) "
    r"(?:after|when i'?m gone|once i'?m gone)\b|"
    r"\b(?:won'?t|will not|wont|not (?:going to|gonna)|no longer) be (?:a |anyone'?s |everyone'?s )?(?:problem|bother|burden|"
    r"weight|drain)\b(?=\s*(?:[.!,;]|$|(?:for|to) (?:anyone|anybody|everyone|everybody|you|you all|them|my (?:family|kids|"
    r"parents|wife|husband|partner|mom|dad))\b|(?:for )?much longer|any ?more|soon|for long))|"
    r"\b(?:deserve|deserves|need|needs) (?:a |someone )?(?:better|more) (?:\w+ )?than me\b|"
    r"\bdragging (?:them|everyone|everybody|you|my \w+) down\b|\b(?:nobody|no one|noone) (?:will|would|'?ll) "
    r"(?:notice|miss me|care|even notice)\b|\btired of being (?:everyone'?s|a|the) (?:problem|burden)\b|"
    r"\b(?:will|'?ll) (?:finally )?(?:have|get) (?:some )?peace\b|\bso (?:my|the) (?:\w+ )?(?:still )?gets? (?:the |my )?"
    r"(?:life )?insurance\b|\b(?:done|tired|sick) of being a (?:weight|burden|drain)\b)",
    re.IGNORECASE)

# Hopelessness, or wanting it all to stop.
HOPELESS = re.compile(
    r"\b(?:no point (?:anymore|any more|in (?:living|going on|trying|being here))|"
    r"nothing(?: is| ever)? (?:getting|gets|going to get|gonna get|will get) better|nothing(?: is)? (?:ever )?(?:going to|gonna|"
    r"will) change|never (?:going to|gonna) (?:change|get better)|(?:can'?t|cant|don'?t|dont|cannot) see "
    r"(?:things|it|anything|life) (?:ever )?(?:getting|get) better|no way (?:things|it|life) (?:gets?|will get|is going to get) "
    r"better|tired of (?:everything|it all|all of it|trying|fighting|living|life)\b(?! (?:at|with|about) (?:work|school))|"
    r"want (?:it|this|everything|the pain)(?: all)? to (?:stop|end|be over)|\bi (?:just )?want out\b|no reason to "
    r"(?:wait|stay|keep going|go on|be here)|nothing (?:else )?(?:keeping|left for) me|done fighting\b(?! (?:with|about|over))|"
    r"can'?t keep (?:doing this|going|living like this)|can'?t go on\b|(?:don'?t|do not|dont) want to feel anything|"
    r"stopped caring (?:about )?what happens to me|(?:don'?t|do not|dont) care (?:anymore|any more|what happens (?:to me)?)\b|"
    r"(?:feel|felt|been|so|completely|totally) hopeless\b(?! about)|tried everything else|i tried\s*[.!]|"
    r"(?:i'?ve |i have )?had enough of (?:this|it|all (?:of )?(?:this|it)|everything|life|living)\b|i'?ve had enough\s*(?:[.!]|$)|"
    r"can'?t do this anymore|no future for me|nothing to live for|there'?s no point|"
    # (round 8) refusing to live through something, or rather not be here ("watched my mom die of it, i'm not doing that")
    r"(?:i'?m|im|i am) (?:not|never) (?:doing|going through|going to go through|gonna go through|living through|going to live "
    r"through) (?:that|this|it|what (?:she|he|they) (?:did|went through))(?= *(?:[.!,;]|$| again| myself))|"
    r"(?:i'?d|id|i would) (?:much )?(?:rather|sooner) (?:just )?(?:end (?:it|things|my life)|be dead|not be here|not exist)"
    r"(?! (?:with|between))|rather (?:die|be dead) than (?:go through|live (?:through|like)|end up like|suffer))\b", re.IGNORECASE)

# A means: medicines in amount, a bottle of pills, a gun, a rope, a high place.
# Reading up on something ("researching", "done my research on", "looking into", "googling"), then up to 40 characters
# before what was read about: shared by a means researched (MEANS) and a way to die researched (RESEARCHED_DEATH).
_RESEARCHING = r"(?:research\w*|done (?:my|some|the) research|reading|read up|look(?:ing|ed)? (?:into|up)|googl\w*)\b[^.?!]{0,40}"
MEANS = re.compile(
    r"\b(?:pills|meds|tablets|capsules|whole bottle|bottle of (?:\w+ )?(?:pills|tablets|wine|vodka|whiskey|liquor)|the bottle|"
    r"insulin|oxy\w*|xanax|xans|benzos?|opioids?|sleeping (?:pills|tablets)|painkillers|lithium|seroquel|gabapentin|"
    r"amitriptyline|trazodone|tylenol(?: pm)?|gun|rope|bridge|ledge|rooftop|roof of|top of (?:the|a) (?:\w+ )?(?:garage|building|"
    r"bridge|cliff|tower)|tracks|razors?|blades?|bleed(?:ing)? out|overpass|drive (?:my car )?into|full bottle|"
    r"charcoal(?! (?:grill|bbq|barbecue|drawing|pencil|sketch|mask|toothpaste|tablets?|capsules?|supplement|face|filter|soap))|"
    r"(?:have|got) (?:plenty|lots|loads|a stash|a stockpile|a drawer full|a cabinet full) of (?:both|them|those|these|it)|"
    r"(?:stock(?:ing|ed)? up|stockpil\w*|hoard(?:ing|ed)?|sav(?:ing|ed) up) (?:on )?(?:the |my |all (?:the |my )?)?(?:\w+ )?"
    r"(?:pills|meds|tablets|oxy\w*|painkillers|sleeping pills|insulin)|"
    # (stop 35, c8dev) ways looked up, with no aim named: "I've been looking up ways." (not "ways to lower my cholesterol")
    r"(?:looking|looked|look) up ways(?!\s+(?:to|of|for)\b)|(?:researching|googling|reading up on) (?:ways|methods)"
    r"(?!\s+(?:to|of|for)\b)|"
    # (stop 35, c12dev) a way to die researched: "researching the most painless ways", "looking into how to do it",
    # "reading forums about how ppl do it", "done my research on which medications would be enough"
    + _RESEARCHING +
    r"\b(?:(?:most |least )?(?:painless|quickest|easiest|surest|peaceful|reliable|quiet) (?:ways?|methods?)|ways? to "
    r"(?:go|die|end it|end things|do it)\b|how (?:to do it|people do it|ppl do it|to end it|to go)\b|which (?:of (?:my|the|these|those) )?(?:pills|meds|"
    r"medications?|medicines|combination)\b[^.?!]{0,40}\b(?:enough|would work|kill|stop (?:my|the) heart|lethal|fatal)))\b",
    re.IGNORECASE)
# An amount asked about: "how many of X would be too many", "is 20 tylenol pm enough", "how much insulin would it take".
AMOUNT = re.compile(
    r"\b(?:how (?:many|much)\b[^.?!]{0,40}\b(?:too many|too much|enough|would it take|does it take|to (?:stop|not wake|be over|"
    r"end)|be fatal|be lethal|kill)|(?:is|are|would)\s+\d+\b[^.?!]{0,30}\benough\b|(?:the )?most \w*\s*(?:pills|tablets)\b[^.?!]"
    r"{0,30}\bat once|(?:whole|entire) bottle|how (?:many|much)\b[^.?!]{0,40}\b(?:need to|have to|should i) take\b|"
    r"(?:dose|amount)\b[^.?!]{0,30}\b(?:wouldn'?t|would not|won'?t|isn'?t|is not) (?:be )?survivable|"
    r"how (?:many|much)\b[^.?!]{0,50}\b(?:make sure|for good|forever|stay asleep)|"
    r"(?:all|the rest) of my \w+ with (?:a |the )?(?:bottle|wine|vodka|alcohol|whiskey|drinks?)|"
    # (round 8) "took all 90 of their lithium tablets", "should have enough by friday", "the dose that stops your breathing"
    r"(?:took|take|takes|taking|swallow\w*|downed|ate) all \d+|(?:should|will|'?ll) have enough (?:by|before)\b|"
    r"(?:dose|amount|how (?:many|much))\b[^.?!]{0,40}\b(?:stops? (?:your |the |my |someone'?s |a person'?s )?(?:breathing|heart)|"
    r"(?:would|will|could) kill|is (?:fatal|lethal|deadly)|(?:be|is) enough to (?:die|not wake|kill)))\b", re.IGNORECASE)

# A time close at hand.
TIME = re.compile(
    r"\b(?:tonight|tonite|soon|after (?:tonight|today|this week(?:end)?)|this (?:weekend|week|time next week)|by tomorrow|"
    r"tomorrow|after work|(?:on|by) (?:mon|tues|wednes|thurs|fri|satur|sun)day|by the weekend|this month|by the end of "
    r"the (?:week|month)|(?:won'?t|will not|wont) be long|much longer|for good|"
    r"for long|before (?:my|the) birthday|it'?s time)\b", re.IGNORECASE)
# A decision made, a date set, everything arranged.
DECISION = re.compile(
    r"\b(?:i'?ve (?:finally |already )?decided|i (?:finally |already )?decided|now that i'?ve decided|made (?:my )?peace|"
    r"(?:my )?decision is (?:made|final)|"
    # (stop 35) decided not to live to see an illness come: "decided i won't live long enough to see it" (without the
    # decision it is often a fear: "scared i won't live to see my kids grow up")
    r"decided\b[^.?!]{0,20}\b(?:won'?t|will not|(?:i'?m|im|i am) not (?:going to|gonna)|(?:i'?m|im|i am) not) (?:be )?(?:liv(?:e|ing)|around|alive|"
    r"here) (?:long enough )?to see|"
    r"picked (?:the|a) (?:date|day|time|spot|place)|(?:i'?m|im|i am) (?:finally )?ready(?: to go)?(?=\s*(?:[.!]|$))|"
    r"no reason to wait|(?:everything|it all|all) (?:is |'s )?(?:arranged|sorted(?: out)?|taken care of|in order|planned out)|"
    r"made sure everything|tonight feels right|now it'?s time|got it all (?:sorted|planned|figured) out|made up my mind|"
    r"made (?:my|the) decision|going through with it|know (?:exactly )?what i'?m (?:going to|gonna) do|i have a plan|"
    r"(?:not|no longer) (?:scared|afraid) anymore|(?:feel|am|i'?m) (?:so )?at peace|feel (?:so much |a lot )?lighter now|"
    r"nothing left to (?:sort|do|say|fix)|it'?s decided|before i (?:do it|go through with it)|"
    r"(?:would|will|could|does|has to|have to|must) (?:it )?look like (?:an accident|one)|(?:told|tell|asked) (?:her|him|them|my \w+) not to (?:ask|worry)|"
    r"(?:don'?t|do not) ask (?:me )?why|nobody knows(?: yet)?\s*(?:[.!]|$))\b", re.IGNORECASE)

# An everyday reason that explains a farewell or a time: moving, travel, work, study, celebrations, care, coming back.
EVERYDAY = re.compile(
    r"\b(?:(?:i'?m|im|i am|we'?re|we are|before|since|because|after|for|until) (?:\w+ )?mov(?:e|ing)\b(?! on\b)|mov(?:e|ed|ing) "
    r"(?:out|away|to|house|in|across|abroad|back|home|apartments?|cities|states|countries)\b|the move\b|relocat\w*|new (?:place|apartment|house|home)|trip|vacation|holidays?|travel\w*|"
    r"flight|airport|plane|camping|abroad|europe|paris|beach|army|deploy\w*|graduat\w*|new job|got the job|job offer|last day|"
    r"retir\w*|wedding|married|marry|engaged|baby shower|allerg\w*|sitter|surgery|operation|procedure|mastectomy|biopsy|"
    r"colonoscopy|chemo|treatment|hospital|exam|finals\b|final exams?|concert|gym|party|promotion|semester|college|university|school year|"
    r"maternity|paternity|sabbatical|reschedul\w*|for now|talk soon|see you|see ya|text you|call you|"
    r"(?:i'?ll|i will|we'?ll|will|gonna|going to) (?:come|be) back|when i (?:land|get back|return)|feels? (?:good|great|nice)|feeling (?:a lot |much )?better|excited|can'?t wait|"
    r"lol|haha|wish me luck|fingers crossed|fresh start|new year|(?:take|taking|get|getting) (?:some )?(?:pictures|photos)|"
    r"sunset|sunrise|rides?\b|favou?rs?|painted|renovat\w*|can you (?:email|send|mail|reschedule|move|call|text)|email me|"
    r"send (?:me )?(?:my|the)|mail (?:me|it)|out of town|done having kids|outgr[eo]w\w*|(?:doesn'?t|don'?t) fit|upgrad\w*|"
    r"declutter\w*|charity (?:shop|store)|thrift\w*|goodwill|donation (?:bin|box|center|centre)|marie kondo|konmari|"
    r"spring clean\w*|clear(?:ing|ed)? out (?:my|the) (?:closet|wardrobe|garage|attic|basement|room))\b", re.IGNORECASE)

# First person: the writer's own act or state, not someone else's.
FIRST_PERSON = re.compile(r"\b(?:i|i'?m|im|i'?ve|ive|i'?ll|i'?d|me|my|myself)\b", re.IGNORECASE)
# Someone else as the subject ("my dad keeps giving his tools away"): with no first person, not the writer's own act.
OTHERS = re.compile(r"\b(?:he|she|they|his|her|their|him|them|hes|shes|he'?s|she'?s|they'?re)\b", re.IGNORECASE)


# Words of finality (round 7): a farewell, a last act, an ending, a decision, things handed on, a weapon kept. Alone they are
# everyday ("last day of school", "i decided on pasta"); they only keep a model's own alarm vote from being held back for
# the check-in tier as a message "with no danger sign" (``finality_cue``, used by bot/safety/check_in.py).
FINALITY = re.compile(
    r"\b(?:permanent\w*|forever|for good|(?:last|final) (?:time|message|goodbye|words?|night|day|entry|letter|note|post|thing|"
    r"chance|breath)|goodbyes?|bye|farewell|ever again|nothing left|my (?:choice|decision|mind)|"
    r"without me|won'?t matter|it'?s time|the end|revolver|pistol|gun|rope|remember me|(?:not|never) (?:their|your|anyone'?s) "
    r"fault|at peace|decided|arranged|in order|letters?|notes?|envelope|funeral|away|sorry|forgive|lighter|hear from me|"
    r"making it to|loose ends|my will)\b", re.IGNORECASE)


def finality_cue(text: str) -> bool:
    """The writer's own message carries a crisis signal (``signals``) or a word of finality, with no everyday reason.

    >>> finality_cue("i've been giving my things away all week"), finality_cue("i gave my old xbox away since i upgraded")
    (True, False)
    >>> finality_cue("this is the end of the road for our old car")  # nobody's own ending
    False
    """
    t = masked_text(text)
    if not FIRST_PERSON.search(t) or EVERYDAY.search(t) or EVERYDAY_OBJECT.search(t):
        return False
    return bool(FINALITY.search(t)) or bool(signals(text) & {"farewell", "burden", "absence", "hopeless", "decision", "final"})


# Leaving, selling, moving on: words of an ordinary departure ("sold my car and my bike, i'm going to live in europe").
_DEPARTURE = re.compile(r"\b(?:sold|selling|sell|leaving|leave|leaves|moving|quit|quitting|off-grid|signing off|(?:don'?t|do not) "
                        r"worry about me|stay(?:ing)? (?:at|with)|bridge|roof|rooftop|cliff|tracks|overpass)\b", re.IGNORECASE)
# A place one could jump from is no means when an everyday reason takes one there ("going to the bridge after work to take
# pictures of the sunset").
_PLACE = re.compile(r"\b(?:bridge|ledge|rooftop|roof of|top of (?:the|a) (?:\w+ )?(?:garage|building|bridge|cliff|tower)|tracks|"
                    r"overpass)\b", re.IGNORECASE)


# (round 8) A farewell-like act about an everyday object or this chat: a diet, an app or an account, a membership, a
# session ("I've decided to give up on keto", "I'm done with facebook, deleting my account tonight", "that's my last
# question for today"). Only the mirror reads it (``everyday_farewell``, ``finality_cue``); the crisis combinations do
# not, so "deleted my instagram and gave my cat away" is still a veiled farewell.
# (Accounts in the plural, social media as a whole and "all my ..." stay farewell acts: FAREWELL reads them.)
EVERYDAY_OBJECT = re.compile(
    r"\b(?:(?:give|gave|giving) up on|quit(?:ting)?|(?:done|finished) with|delet(?:e|ed|ing)|deactivat\w*|cancel\w*|"
    r"unsubscrib\w*|leav(?:e|ing)|left|off|break(?:ing)? up with|end(?:ing)? (?:things|it) with|over) (?:my |the |this |that |on )?(?!all\b)(?:\w+ )?(?:keto|diets?|"
    r"vegan\w*|paleo|fasting|sugar|carbs|coffee|caffeine|alcohol|booze|facebook|fb|instagram|insta|ig|tiktok|twitter|snapchat|"
    r"reddit|whatsapp|discord|account|app|subscription|membership|gym|group ?chats?|chat|netflix|spotify|"
    r"dating apps?|tinder|hinge|bumble|newsletters?|course|class|club|team|league|phone)\b|"
    r"\b(?:delete|erase|wipe|remove|forget) (?:everything|all(?: of)?(?: the)?(?: data)?) (?:you know|you have|you'?ve got|you "
    r"stored|you saved|you kept|about me)|\b(?:delete|erase|wipe|remove) (?:all )?my (?:data|info|information|report|file|"
    r"upload|history|results)\b|"
    r"\b(?:last|final|one more|another) question\b|\bthat'?s (?:it|all) for (?:today|now|tonight)\b|"
    r"\b(?:it'?s|its) (?:just )?not for me\b", re.IGNORECASE)


def everyday_farewell(text: str) -> bool:
    """A farewell-like act explained by an everyday reason, with no despair, means or finality beside it ("goodbye for
    now, i'll come back tomorrow", "updated my will, feels good to be organized", "giving away my books since i
    graduated"): the mirror of ``veiled_self_harm``. A model's alarm vote on it needs the calm bar (check_in.played_down).

    >>> everyday_farewell("sold my car and my bike, i'm going to live in europe for a year")
    True
    >>> everyday_farewell("sold my car, gave my dog away. no reason to wait anymore, i'm going tonight")
    False
    """
    t = masked_text(text)
    if not FIRST_PERSON.search(t) or not (EVERYDAY.search(t) or EVERYDAY_OBJECT.search(t)) or veiled_self_harm(text):
        return False
    s = signals(text)
    means_beyond_place = "means" in s and bool(MEANS.search(_PLACE.sub(" ", t)))
    if s & {"hopeless", "amount", "final"} or means_beyond_place:
        return False
    return bool(s & {"farewell", "absence", "decision", "burden", "time"} or FINALITY.search(t) or _DEPARTURE.search(t)
                or EVERYDAY_OBJECT.search(t))


# Passive thoughts of death or pointlessness about the writer's own life, with no act, means or time ("i've been thinking
# a lot about death lately", "what's the point of trying anymore, nothing i do matters"): ambiguous, so never only an
# answer: the check-in tier (a counselor, the crisis line offered gently), unless something else makes it an emergency.
PASSIVE = re.compile(
    r"\b(?:(?:been |keep |always )?(?:thinking|thought|think) (?:a lot |so much |constantly |all the time )?about (?:death|dying|"
    r"not being here|not existing|disappearing)|what'?s the point (?:of (?:\w+ ){0,2})?(?:anymore|any more)|nothing i do "
    r"(?:ever )?matters|(?:don'?t|do not|dont) (?:really )?care (?:what happens to me|if i (?:live|die|wake up))|"
    r"wish i could (?:just )?disappear|(?:tired|sick) of (?:everything|it all)\s*(?:[.!]|$)|"
    # (stop 49) "I don't really see the point of anything anymore"
    r"(?:don'?t|do not|dont|can'?t|cannot|cant) (?:really |even )?see (?:the |any )?point (?:of|in) (?:anything|life|living|"
    r"going on|it all|getting up|trying)\b)", re.IGNORECASE)


def passive_thoughts(text: str) -> bool:
    """The writer's own passive thoughts of death or pointlessness, with no everyday reason (see ``PASSIVE``).

    >>> passive_thoughts("i've been thinking a lot about death lately"), passive_thoughts("thinking about death in my philosophy class")
    (True, False)
    """
    t = masked_text(text)
    return bool(FIRST_PERSON.search(t)) and bool(PASSIVE.search(t)) and not EVERYDAY.search(t) and not re.search(
        r"\b(?:class|course|essay|book|novel|movie|show|philosoph\w*|podcast|game|work|job|homework)\b", t)


def masked_text(text: str) -> str:
    """The message lower-cased, texting spelled out and harmless idioms masked: what the crisis signals read."""
    return mask_benign(normalize(text))[0]


def signals(text: str) -> set[str]:
    """The kinds of crisis signal in an English message (empty when it has no first person).

    >>> sorted(signals("gave my dog away, i won't be a problem for anyone after tonight"))
    ['burden', 'farewell', 'time']
    >>> signals("my dad keeps giving his tools away since he retired")
    set()
    """
    t = masked_text(text)
    if not FIRST_PERSON.search(t) and OTHERS.search(t):
        return set()
    found = {name for name, pat in (("farewell", FAREWELL), ("burden", BURDEN), ("hopeless", HOPELESS),
                                     ("means", MEANS), ("amount", AMOUNT), ("final", FINAL), ("absence", ABSENCE),
                                     ("time", TIME), ("decision", DECISION))
             if pat.search(t)}
    if len(FAREWELL.findall(t)) >= 2:
        found.add("farewell2")
    if len(DECISION.findall(t)) >= 2:
        found.add("decision2")
    return found


# (stop 35, c12dev) A way to die researched, its aim named ("researching painless ways to go", "looking into which
# combination of my meds would stop my heart"): a crisis signal by itself, in the first person.
RESEARCHED_DEATH = re.compile(
    r"\b" + _RESEARCHING + r"\b(?:(?:most |least )?painless (?:ways?|methods?)|ways? to (?:go|die)\b(?!\s+(?:to|on|for|with|abroad|home))|which "
    r"(?:of (?:my|the|these|those) )?(?:pills|meds|medications?|medicines|combination)\b[^.?!]{0,40}\b(?:enough|kill|stop (?:my|the) heart|lethal|fatal))",
    re.IGNORECASE)


def veiled_self_harm(text: str) -> bool:
    """A combination of crisis signals that a careful nurse would treat as a self-harm emergency (see the module doc)."""
    s = signals(text)
    cleaned = masked_text(text)
    if "final" in s or RESEARCHED_DEATH.search(cleaned) and FIRST_PERSON.search(cleaned):
        return True
    despair = bool(s & {"hopeless", "burden"})
    means = bool(s & {"means", "amount"})
    if despair and (means or "absence" in s) or "farewell" in s and (means or despair) or "absence" in s and means:
        return True
    # (round 8) the weak combinations leave out a clause about an everyday object ("decided to quit sugar for good"), but
    # keep the rest of the message ("deleted my instagram, gave my cat away and tonight's the night")
    s = signals(re.sub(rf"(?:{EVERYDAY_OBJECT.pattern})[^,.;!?]*", " _ ", text, flags=re.IGNORECASE))
    acts = s & {"farewell", "burden", "absence"}
    weak = (bool(acts | (s & {"hopeless", "decision"})) and "time" in s
            or bool(acts) and bool(s & {"decision", "farewell2"})
            or len(acts) >= 2 or "decision2" in s or "means" in s and "decision" in s)
    return weak and not EVERYDAY.search(masked_text(text))


# (round 8) The writer says a danger question is their own: not for a class or a story, not hypothetical, asked because
# they hold the means ("asking for me not for a class", "i'm not asking for a school project, i'm holding the bottle").
DISAVOWAL = re.compile(
    r"\b(?:asking (?:this )?for (?:me|myself)\b(?! and)|(?:it'?s|its|this is|question is) for (?:me|myself)\b(?! and)|"
    r"not (?:asking )?(?:for|about) (?:a|my|the|some) (?:\w+ )?(?:class|course|school|project|essay|paper|story|book|novel|"
    r"assignment|homework|exam|friend|research)\b|(?:this|it) (?:isn'?t|is not|'?s not) (?:hypothetical|for (?:a |my )?(?:class|"
    r"school|story|project|friend))|not (?:a )?hypothetical(?:ly)?|asking because (?:i'?m|im|i am|i have|i'?ve|i got)|"
    r"hypothetical(?:ly)?\b[^.?!]{0,20}\b(?:but|though)\b[^.?!]{0,15}\bnot really|not really (?:a )?hypothetical)",
    re.IGNORECASE)
# A means in the writer's hand or in front of them.
IN_HAND = re.compile(
    r"\b(?:holding|in my hands?|in front of me|right (?:here )?next to me|lined up|counted out|poured out)\b[^.?!]{0,25}\b"
    r"(?:bottle|pills|tablets|gun|rope|blade|razor|knife)\b|\b(?:bottle|pills|tablets|gun|rope|blade|razor|knife)\b[^.?!]{0,25}"
    r"\b(?:in my hands?|in front of me|next to me|on my lap)\b|\b(?:i'?m|im|i am) holding (?:the|a|my) (?:bottle|pills|gun|rope|"
    r"blade|razor|knife)\b", re.IGNORECASE)
# Deadly told or asked: "it can be fatal", "would that kill someone".
LETHAL = re.compile(r"\b(?:fatal|deadly|lethal|kill (?:you|me|someone|a person)|could die|can die|stops? (?:your |the )?"
                    r"(?:breathing|heart)|overdose|(?:just |never )?(?:not|don'?t|won'?t|never) wake (?:back )?up)\b",
                    re.IGNORECASE)
# Deadliness welcomed: a bare "good." after it, or "that's all i needed to know" (gratitude with finality).
WELCOMED = re.compile(
    r"\b(?:fatal|deadly|lethal|kill (?:you|me|someone)|could die|can die)\b[^.?!]{0,40}[.!?]+\s*(?:good|great|perfect|"
    r"excellent|even better|fine by me|works for me)\s*[.!]|\bthat'?s (?:all|everything|exactly what|just what) i (?:needed|"
    r"wanted) to (?:know|hear)\b", re.IGNORECASE)


def owned_danger(text: str) -> bool:
    """A lethal question the writer says is their own, or deadliness welcomed beside a means (round 8). Unlike
    ``veiled_self_harm`` this stands even when the message reads like a class question or a term: the writer has said it
    is not one.

    >>> owned_danger("whats the dose of tramadol that stops your breathing. asking for me not for a class")
    True
    >>> owned_danger("what's the lethal dose of tramadol? it's for my pharmacology class")
    False
    >>> owned_danger("it can be fatal with codeine. good. i have a full bottle of tylenol 3")
    True
    >>> owned_danger("so it can be fatal? good to know, i have a full bottle so i'll ask my pharmacist")
    False
    >>> owned_danger("does it hurt if you take all your sleeping pills or do you just not wake up. asking hypothetically "
    ...              "but also not really")
    True
    >>> owned_danger("does it hurt if you take all your sleeping pills or do you just not wake up? asking hypothetically")
    False
    """
    t = masked_text(text)
    if not FIRST_PERSON.search(t) and not DISAVOWAL.search(t):  # ("asking hypothetically but also not really": owned)
        return False
    s = signals(text)
    danger = bool(s & {"amount"}) or bool(LETHAL.search(t)) or bool(IN_HAND.search(t))
    if DISAVOWAL.search(t) and danger and (s & {"amount", "means"} or IN_HAND.search(t)):
        return True
    return bool(WELCOMED.search(t)) and bool(LETHAL.search(t)) and bool(s & {"means", "amount", "hopeless", "farewell"})
