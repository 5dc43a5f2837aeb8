"""Triage rules: the patterns that must never be missed, whatever the classifier says.

Rules run on a lower-cased copy of the message after *benign idioms* are masked, so that
"how do I kill a python process" or "I'm dying to know what *2 means" raise no alarm, while
"I want to kill myself" always does.

>>> [h.reason for h in match_rules("should I stop taking my Plavix?").hits]
['medication_change']
>>> match_rules("how do I kill a python process").hits
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from bot.safety.screen import Screen

# Harmless uses of alarm words. Masked before the alarm rules run.
BENIGN = [
    r"\bkill(?:ing|ed|s)?\s+(?:a|an|the|this|that|my|all|all the|every)?\s*"
    r"(?:python|java|node|linux|unix|background|zombie|child|running)?\s*"
    r"(?:process(?:es)?|tasks?|jobs?|apps?|programs?|scripts?|threads?|servers?|containers?|pods?|sessions?|tabs?|"
    r"bugs?|weeds?|time|mosquito(?:es)?|flies|ants|spiders?|the lights?|the engine|the mood|the vibe|it|them)\b",
    r"\bkill\s+-\d+\b|\bkill\s*all\b|\bpkill\b|\bsigkill\b|\bkill\s+command\b|\bkill\s+switch\b",
    r"\bkiller\s+(?:app|feature|deal|workout|idea|joke|whale|bees?|instinct)\b",
    r"\b(?:dying|dead set|killing me)\s+(?:to|for)\s+(?:know|try|see|find out|hear)\b",
    r"\bdying to\b",
    r"(?<!want )(?<!wants )(?<!going )(?<!ready )(?<!plan )(?<!trying )(?<!need )(?<!like )\bto die for\b(?!\s+real)|\bdie\s*hard\b|\btie[- ]dye\b|\bdead\s*(?:line|lines|battery|link|links|end|pixel|lock|code)\b",
    r"\b(?:my|the)\s+(?:phone|laptop|battery|computer|car|plant|plants|wifi)\s+(?:is\s+)?(?:dead|died|dying)\b",
    # a pet's trouble, or a hairball ("how do I stop my cat from choking on hairballs")
    r"\b(?:my|the|our|his|her|a) (?:cat|dog|pet|puppy|kitten|bird|parrot|hamster|rabbit)(?:'s)? (?:is |was |keeps )?chok\w*\b|"
    r"\bchok\w*\b[^.?!]{0,15}\bhairballs?\b",
    # a device that will not wake or respond ("my laptop won't wake up", "the app isn't responding")
    r"\b(?:phone|laptop|computer|pc|mac|macbook|screen|monitor|tablet|ipad|kindle|tv|printer|app|website|server|console|"
    r"switch|xbox|playstation|ps5|router|mouse|keyboard)\s+(?:still\s+)?(?:won'?t|will not|wont|isn'?t|is not|doesn'?t|does "
    r"not|can'?t|cannot)\s+(?:wake(?: up)?|waking(?: up)?|respond(?:ing)?|turn(?:ing)? on|start(?:ing)? up|boot(?:ing)?)\b",
    r"\bshoot\s+(?:me\s+)?(?:an?\s+)?(?:email|message|text|photo|video)\b|\bphoto\s*shoot\b",
    # missed or forgotten doses: the opposite of too much (round 6: "i missed two doses of my clopidogrel, what should i do")
    r"\b(?:missed|skipped|forgot(?: to take)?|forgetting(?: to take)?)\s+(?:a|one|two|three|my|a couple of|several|some|"
    r"the last|yesterday'?s|today'?s|this morning'?s)?\s*(?:\w+\s+)?(?:doses?|pills?|tablets?|meds|medications?|shots?)\b",
    # too much of something harmless, as a figure of speech ("i'm going to overdose on sleep this weekend")
    r"\boverdos(?:e|ed|ing)\s+on\s+(?:sleep|sugar|candy|chocolate|cake|cookies|pizza|carbs|cheese|netflix|tv|anime|"
    r"memes|puns|dad jokes|cuteness|cute|nostalgia|pumpkin spice|holiday|christmas|music|sunshine|love|drama|"
    r"content|screen time|social media|tiktok|youtube|podcasts|books|reading|cardio|gym)\b(?!\s+(?:pills?|tablets?|gumm\w+|"
    r"capsules?|meds|medicine|edibles?))",
    # choking under pressure in a game or a test (round 6: "he choked in the final seconds and missed the free throw")
    r"\bchok(?:ed|es|ing)\s+(?:in|at|during|under|on)\s+(?:the\s+)?(?:final|last|clutch|big|pressure|playoffs?|game|match|"
    r"round|moment|seconds|minutes|interview|exam|test|audition|recital|penalty|free throws?|putt|shot|kick|lead)\b|"
    r"\bchoked\s+(?:away\s+)?(?:the|a|his|her|their|our|my)\s+(?:lead|game|match|penalty|free throw|putt|shot|kick|final)\b",
    r"\b(?:heart|chest)\s+of\s+the\s+(?:matter|story)\b|\bheartburn\s+song\b",
    r"\bkill(?:ing)?\s+it\b|\bslay(?:ing|ed)?\b|\bfatal (?:flaw|error|mistake)\b|\bdeadly serious\b|"
    r"\bcut(?:ting|s)? (?:all )?(?:ties|contact|the cord|corners|costs|class|loose|my losses)\b",
    r"\bsuicide\s+squad\b|\bsuicide\s+(?:doors?|king|lane)\b",
    r"\b(?:python|java|javascript|sql|bash|excel|git)\b[^.?!]*\b(?:dies?|crash(?:es|ed)?|dead|hangs?)\b",
    r"\b(?:nearly|almost|about to|could have|could've)\s+(?:passed out|pass out|fainted|faint|died|die|had a heart attack)"
    r"\s+(?:reading|looking at|seeing|when i (?:read|saw|opened)|from reading|at (?:the|these|my))\b",
    # a reaction to something seen or heard, or to a price ("my heart stopped when I saw my grade", "having a heart
    # attack over these prices"), and a condition that is a wish ("I'm going to die if I don't get coffee")
    r"\bheart (?:stopped|skipped a beat|sank|dropped)\s+(?:when i (?:saw|read|opened|heard|got)|reading|seeing)\b|"
    r"\b(?:having|have|had|gonna have|going to have) (?:a )?(?:heart attack|stroke|meltdown|panic attack) (?:over|about)"
    r"\b(?! here| there)|\b(?:going to|gonna|will|'ll|would|could) die (?:if|unless) (?:i|we) (?:don'?t|do not|can'?t) "
    r"(?:get|have|eat|drink|see|watch|find|hear)\b(?! (?:help|my (?:meds|medicines?|medications?|insulin|inhaler|pills)|"
    r"air|oxygen))",    # definitions and talk about the words, not the act ("what does self-harm mean", "suicide genes", "suicide risk warning");
    # a bare "is" only where a question starts ("is suicidal ideation genetic"), never "my son is suicidal"
    r"(?:\b(?:what (?:does|do|is|are|'s)|whats|define|definition of|meaning of|diff?e?re?nce between)|(?:^|(?<=[,.;!?] ))is)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:word|term|phrase|concept)?\s*['\"]?(?:self[- ]?harm\w*|self[- ]?injur\w*|self[- ]?poison\w*|suicid\w*|parasuicide|"
    r"overdos\w*|passive death wish|lethal dose)(?:\s+(?:ideation|attempts?|behaviou?r))?['\"]?"
    r"(?:\s+and\s+(?:a\s+|an\s+)?(?:suicid\w*|self[- ]?harm\w*)(?:\s+(?:ideation|attempts?))?)?(?=\s+mean|\s*[?.,]|\s+(?:in|as|for)\b|$)",
    r"\bsuicid\w*\s+(?:risk\s+)?(?:warnings?|genes?|scenes?|prevention|rates?|statistics|awareness|gene therapy|research)\b",
    # the past, said as past ("I used to self-harm but I'm doing well now", "had suicidal thoughts years ago")
    r"\b(?:used to|had|went through|struggled with)\s+(?:\w+\s+){0,2}?(?:self[- ]?harm\w*|suicidal (?:thoughts|ideation)|"
    r"cut(?:ting)? myself)\b(?=[^.?!]{0,50}\b(?:years? ago|in the past|got help|doing (?:well|better|ok|okay|fine)|recovered|"
    r"(?:i'?m|i am) (?:better|well|ok|okay|fine) now)\b)",
    r"\b(?:overdos(?:ed|e)|od'?d)\b(?=[^.?!]{0,30}\b(?:last (?:year|month|week)|years? ago|months? ago|in the past|back in|"
    r"in (?:19|20)\d\d)\b)",
    # round 5 (f8): an attempt told as past, with the recovery said ("i attempted suicide when i was 19, i'm doing well now")
    r"\b(?:attempted|tried|survived)\s+(?:(?:to )?(?:commit )?suicide|a suicide attempt|to (?:kill|end) (?:myself|my life))\b"
    r"(?=[^.?!]{0,60}\b(?:years? ago|in the past|(?:when|as) (?:i was |a )?(?:\d+|a teen\w*|a kid|young|younger|in (?:high "
    r"school|college))|in (?:19|20)\d\d)\b)(?=[^.?!]*\b(?:doing (?:really |so |much |a lot |pretty )?(?:well|better|ok|"
    r"okay|fine|great|good)|recovered|got help|(?:i'?m|im|i am) (?:better|well|ok|okay|fine|safe|stable) now)\b)",
    # figurative pain and violence ("my feet are killing me", "I'd kill for a coffee", "a crushing defeat")
    r"\b(?:feet|legs|back|knees|boss|traffic|heat|suspense|wait|waiting|deadline|commute|homework|kids|this|that)\s+"
    r"(?:is|are|'s|'re)?\s*(?:absolutely\s+|literally\s+|really\s+|just\s+)?killing me\b|\bi'?d kill for\b|"
    r"\bcrush(?:ing|ed)?\s+(?:defeat|loss|blow|it|them|the (?:game|exam|test|interview))\b|\b(?:a|my|huge|big) crush on\b|"
    r"\bthe death of me\b|\bknock (?:'em|them|him|her) dead\b|\b(?:eat|eats|eating|ate|eaten) (?:me|us|you|him|her|them) "
    r"alive\b|\b(?:drive|drives|driving|drove|driven|send|sending|sent) (?:me|us|you|him|her|them) (?:to (?:an|my|the) "
    r"(?:early )?grave|crazy|insane|nuts|up the wall|round the bend)\b|\ban early grave\b",
    r"\b(?:is|are|'s|'re)\s+(?:\w+\s+)?killing me\b|\b(?:bored|scared|worried|sick|tired|freezing) to death\b|"
    r"\b(?:dying|died|dead) (?:of|from|laughing|with) ?(?:laughter|laughing|embarrassment|boredom|curiosity|cuteness)?\b(?=[^.?!]{0,3}"
    r"(?:at|of|over|when|$|[.!?,]))|\bdead tired\b|\bcould (?:murder|kill) (?:a|an|some|for)\b|\bkill two birds\b|"
    r"\b(?:drowning|choking|suffocating) (?:in|on|under) (?:all )?(?:(?:this|the|these|that|so much|my) )?(?:\w+ )?(?:work|paperwork|"
    r"debt|emails?|homework|bills|info|information|jargon|data|details|numbers|acronyms|terms|words|bureaucracy|red tape|"
    r"reading|studying|laundry)\b|\b(?:giving|gave|give) me a heart attack\b|"
    r"\b(?:blood ?bath|massacred?|slaughtered)\b(?=[^.?!]{0,40}\b(?:game|match|team|season|election|market|stocks?)\b)|"
    r"\b(?:game|match|team|season|election|market|stocks?)\b[^.?!]{0,20}\b(?:blood ?bath|massacred?|slaughtered)\b",
    r"\b(?:going to|gonna|will|would|'ll|about to) (?:kill|murder|strangle|skin|ground) me (?:if|when|for)\b|\b(?:absolutely|totally|literally|really|"
    r"almost|nearly) killed me\b|\b(?:workout|run|hike|class|exam|test|day|week|shift|joke|movie|show|meme|video|stairs)"
    r"\s+(?:\w+\s+)?killed me\b|\bdying for (?:a|an|some|the)\b|\bover my dead body\b|\bdrop[- ]dead gorgeous\b|"
    r"\b(?:could|would|want to|wanna|going to|gonna|will|'ll|might|about to) (?:just |literally )?die (?:of|from) "
    r"(?:embarrassment|shame|laughter|laughing|happiness|boredom|cuteness|jealousy|envy|excitement)\b|"
    r"\bembarrassed to death\b|\bcan'?t breathe?\b[^.?!]{0,25}\blaugh\w*|\blaugh\w*\b[^.?!]{0,25}\bcan'?t breathe?\b|"
    r"\b(?:dying|dead|died|(?:feel|felt|feeling) like (?:i'?m|i am|im|i was) dying)\b[^.?!]{0,15}\b(?:after|from|during) (?:that|this|"
    r"the|my|today'?s) (?:\w+ )?(?:workout|class|run|hike|spin|gym|practice|leg day|shift|marathon|race|session|lecture|meeting)\b"
    r"(?![^.?!]{0,40}\b(?:chest|breath\w*|faint\w*|pass\w* out|numb|pain)\b)|\brather die than\b(?!\s+(?:\w+\s+)?(?:live|living|keep (?:living|going|on)|go(?:ing)? on|be "
    r"(?:alive|here)|wake up|face|continue|stay|feel|spend|deal with (?:this|life|it)))",
    # someone else's death, in the past ("how did Kurt Cobain die", "Prince's death", "what did Elvis die of")
    r"\b(?:how|why|when|where|what) did (?:\w+\s+){1,3}(?:die|pass away|take (?:his|her|their) (?:own )?life|"
    r"overdose|kill (?:himself|herself|themselves))\b|\b\w+'s (?:death|suicide|overdose|murder)\b|"
    r"\b(?:died|passed away|was killed) (?:of|from|after|because of|in)\b",
    # round 5 (f8): a blood draw or a shot ("sore where they took blood"), a holiday away ("disappear to a cabin for a
    # month"), ending a relationship ("ending things with my bf tonight"), pills dropped or knocked over, a death expected
    # in hospice
    r"\b(?:took|drew|draw|drawing|taken|drawn|take|taking)\s+(?:some\s+|my\s+|his\s+|her\s+|a little\s+|a bit of\s+)?blood\b"
    r"(?!\s+thinners?)|\bblood\s+draws?\b",  # (not "blood test": the out-of-scope rule reads it)
    r"\b(?:disappear|vanish|run away|escape|hide)\b(?:\s+\w+){0,2}?\s+(?:to|into|in|on|at|for|from|under)\s+(?:a|an|the|my|"
    r"some)?\s*(?:\w+\s+)?(?:cabin|beach|island|vacation|holiday|trip|retreat|spa|week|weekend|month|few days|while|bit|"
    r"blanket|bed|room|couch|book|tv|netflix|social media|internet|road trip|resort|cruise)\b(?![^.?!]{0,30}\b(?:forever|"
    r"for good|never come back|and never|not come back)\b)",
    r"\b(?:end|ending|ended|finish|finishing|call|calling) (?:it|things|everything) (?:off )?with (?:him|her|them|my "
    r"(?:boyfriend|girlfriend|bf|gf|partner|husband|wife|fianc\w*|ex|friend|boss|roommate|therapist|landlord|coach|"
    r"business partner)|the (?:guy|girl))\b|\b(?:call|calling|called) (?:it|things) off\b|\bbreak(?:ing)? up with\b",
    r"\b(?:knocked|dropped|spilled|spilt|tipped)\s+(?:over\s+)?(?:all\s+)?(?:my|the|his|her)\s+(?:\w+\s+)?(?:pills?|meds|"
    r"tablets?|pill bottle|pill organi[sz]er)\s+(?:on|onto|off|all over|down|over|in|into)\b",
    r"\b(?:is |are )?dying (?:in|at|on) (?:hospice|palliative care)\b|\b(?:in|on|entered|into) hospice\b",
    # an everyday want "or I'll die" ("i need a shot of espresso or i'll die"); never for a medicine, air or help
    r"\b(?:need|want|get me|gimme|give me|bring me)\b(?![^.?!]{0,40}\b(?:insulin|inhaler|epi-?pen|meds|medicines?|"
    r"medications?|oxygen|air|help|doctor|ambulance|hospital|pills?|nitro\w*)\b)[^.?!]{0,40}\bor (?:else )?(?:i'?ll|i will|"
    r"i'?m (?:gonna|going to)|we'?ll) (?:literally |actually |just )?(?:die|perish|starve|pass out|collapse|explode)\b",
    # choked up with feeling; on the roof for a chore ("i'm on the roof fixing the gutters")
    r"\bchok(?:ing|ed|e|es) up\b(?!\s+(?:blood|on)\b)|\bon (?:the|a|my) roof\b(?=[^.?!]{0,30}\b(?:fix\w*|clean\w*|"
    r"repair\w*|gutters?|shingles|solar|antenna|install\w*|paint\w*|chimney|leak\w*|ladder|christmas lights|lights|"
    r"snow)\b)|\b(?:fix\w*|clean\w*|repair\w*|install\w*|paint\w*)\b[^.?!]{0,30}\bon (?:the|a|my) roof\b",
    # a threat in words over an everyday offence ("i'm gonna kill my brother, he spoiled the finale"), and laughing hard
    r"\b(?:gonna|going to|will|'ll|could|might|about to|want to|wanna) (?:kill|murder|strangle|throttle|slaughter) (?:my|our|"
    r"him|her|them|that|this)\b(?:\s+\w+)?[,;]?\s+(?:he|she|they|it|cuz|because|for)\b[^.?!]{0,20}\b(?:ate|spoil\w*|took|"
    r"used|broke|forgot|lost|borrowed|finished|stole|drank|told|left|keeps?|won'?t|didn'?t|never|always|dented|crashed|"
    r"ruined|deleted|spilled|ghosted|cheated at|beat me|unplugged|hid|canceled|cancelled)\b|"
    r"\b(?:chest|stomach|sides|abs|face|cheeks|belly)\s+(?:is |are |feels? )?(?:hurt\w*|tight|sore|ach\w*)\s+(?:from|after)"
    r"\s+(?:\w+\s+)?laugh\w*\b",
    # translating a phrase ("how do you say 'call an ambulance' in spanish")
    r"\bhow (?:do|would|can) (?:you|i|we) (?:say|write|spell)\b[^.?!]*\b(?:in|into) (?:spanish|english|french|german|chinese|"
    r"mandarin|cantonese|vietnamese|tagalog|arabic|korean|russian|japanese|italian|portuguese|hindi|sign language)\b|"
    r"\btranslat\w*\b[^.?!]{0,60}\b(?:in|into|to) (?:spanish|english|french|german|chinese|mandarin|vietnamese|tagalog|"
    r"arabic|korean|russian|japanese|italian|portuguese)\b",
    # how emergency numbers work where ("what is the emergency number in Japan", "what number do I dial")
    r"\b(?:emergency|ambulance|police|fire) (?:number|numbers|services?|line)\b(?=[^.?!]{0,30}\b(?:in|across|abroad|"
    r"overseas|for|when)\b)|\bwhat number (?:do|should|would) (?:i|you) (?:dial|call)\b|\bsave (?:988|911|the number)\b",
    # general knowledge questions ("what are the signs of a heart attack", "had a fatal reaction" long ago)
    r"\b(?:what are|know|learn|list) the (?:warning\s+)?(?:signs|symptoms) of\b|\bhad a fatal\b",
    # asking how calling works, not calling ("how do I call an ambulance in Spain", "what do I say when I call 911")
    # ... or with a condition or a channel ("how do I call an ambulance if I'm deaf", "can I call 911 from a phone
    # with no SIM card"); never when the message hurries ("how do I call 911 from here, hurry")
    r"\b(?:how (?:do|can|would|should|does|to|2) (?:i |you |we |one |someone |people )?|(?:can|could|do|does|should) (?:i|you|"
    r"we|one|someone|people) (?:still )?)(?:call|dial|text|reach)\b(?![^.?!]{0,80}\b(?:now|rn|hurry|help|quick|quickly|"
    r"asap|right away|emergency is)\b)(?=[^.?!]{0,40}\b(?:in|abroad|overseas|travel\w*|tourist|visiting|from|if|when|"
    r"without|with no|using|while|on an?)\b)|\bwhat (?:do|should|would) (?:i|you) say when (?:i|you) call\b|"
    r"\b(?:insurance|cost|costs|pay|paying|free|charge|charged|bill|billed|teach|teaching|learn|learning|practi[cs]e|"
    r"explain)\b[^.?!]{0,30}\bcall(?:ing)?\b(?![^.?!]{0,80}\b(?:now|rn|hurry|help|quick|quickly|asap|right away)\b)|"
    r"\bwhat happens (?:if|when|after) (?:you|i|we|someone|somebody|people|a (?:kid|child)) (?:accidentally |by accident )?"
    r"(?:calls?|dials?|texts?)\b(?![^.?!]{0,80}\b(?:now|rn|hurry|help|quick|quickly|asap|right away)\b)|"
    r"\bis it (?:ok|okay|alright|all right|allowed|legal|illegal|fine|wrong|rude) to (?:call|text|dial)\b(?=[^.?!]{0,40}\b(?:non-?"
    r"emergenc\w*|questions?|to ask|information|by accident|accidentally|prank|to test)\b)|"
    r"\b(?:say|tell|ask|expect|ready|prepare|know|have)\b[^.?!]{0,30}\b(?:(?:when|if) (?:i|you|we|someone|people) calls?|"
    r"before (?:calling|i call|you call|we call))\b"
    r"(?![^.?!]{0,80}\b(?:now|rn|hurry|help|quick|quickly|asap|right away)\b)",
]

EMERGENCY_SELF_HARM = [
    r"\bkill(?:ing|in'?)?\s+my\s*self\b|\bkms\b|\bsuicid\w*\b|\bend(?:ing)?\s+(?:my|it)\s+(?:life|all)\b|\bend it all\b",
    r"\b(?:wants?|wanna|wish(?:es)?|going|plan(?:s|ning)?)\s+(?:to\s+)?(?:die|be dead)\b|\bwish i (?:was|were) dead\b",
    r"\b(?:don'?t|do not|dont) want to (?:live|be alive|be here|wake up)\b|\bno reason to live\b",
    r"\bbetter off (?:dead|without me)\b|\bnot worth living\b|\btake my (?:own )?life\b",
    r"\b(?:want|going|thinking|thoughts?|urges?|plan\w*)\s+(?:to|about|of)\s+(?:hurt|harm|cut|hurting|harming|cutting)"
    r"\s+my\s*self\b|\b(?:harm|harming|cut|cutting)\s+my\s*self\b(?! (?:a|an|some|another|off from|loose|short)\b)|\bhurt(?:ing)? my\s*self on purpose\b|\bself[- ]?harm\w*\b",
    r"\b(?:take|taking|swallow|swallowing|took)\s+(?:all|every one|the whole bottle)\s+(?:of\s+)?(?:my|the|these)?\s*"
    r"(?:pills|tablets|meds|medicines?|medications?)\b[^.?!]*\b(?:die|end|never wake|for good|be done|be over|be gone)\b",
    r"\b(?:thinking (?:of|about)|want(?:ing)? to|going to|gonna|plan(?:ning)? to|might|imma|ima|i'?ma|i'?m a|i'?ll|i will|"
    r"about to|ready to)\s+(?:just\s+)?(?:swallow|swallowing|take|"
    r"taking|overdos\w*)\b[^.?!]{0,20}\b(?:every|all|whole|bottle)\b(?![^.?!]{0,30}\b(?:to|with) (?:the |my )?(?:pharmacist|"
    r"pharmacy|doctor|appointment|clinic|visit|review|check-?up)\b)"
    # (what is taken is pills, or left unsaid: "take all my old books to the library sale" is not)
    r"(?![^.?!]{0,25}\b(?:books?|clothes|stuff|things|boxes|toys|trash|recycling|bags?|groceries|furniture|donations?|classes|"
    r"courses|credits|days off|vacation|photos|pictures|notes|leftovers|plants)\b)|"
    r"\bdone with (?:life|living)\b|\bno (?:point|reason) (?:in|to|for) going on\b|\bdisappear forever\b|"
    r"\b(?:thinking (?:about|of)|think about|want(?:s|ing)? to|going to|gonna|plan(?:s|ning)? to|might|should i|ready to)\s+"
    r"(?:just\s+)?(?:end(?:ing)?|finish(?:ing)?) (?:it|things|everything|myself)\b(?! (?:off )?with (?:him|her|them|my (?:boyfriend|"
    r"girlfriend|bf|gf|partner|husband|wife|fianc\w*|ex|friend|boss|roommate|therapist|landlord|coach)|the (?:guy|girl))\b)|"
    r"\bending it all\b|"
    r"\boverdose on purpose\b|\bon purpose\b[^.?!]*\boverdos\w*\b",
    r"\bpoint (?:of|in) (?:living|life|going on|being alive|carrying on)\b|\b(?:to|and|so i|i'?d) (?:not|never) wake up\b|"
    r"\bhow (?:much|many)\b[^.?!]{0,40}\b(?:to die|to kill|to end|to not wake|would kill|would be lethal|be fatal)\b|"
    r"\bhow (?:much|many) of (?:mine|my (?:pills|meds|medicines?|medications?|tablets))\b[^.?!]{0,25}"
    r"\b(?:would|will|does|do) (?:it|that|they) take\b|"
    r"\b(?:most|more|least) (?:lethal|deadly|fatal)\b[^.?!]{0,25}"
    r"\b(?:pills?|meds?|medicines?|medications?|drugs?|tablets?)\b|\b(?:pills?|meds?|medicines?|medications?|drugs?)\b"
    r"[^.?!]{0,25}\b(?:most|more|least) (?:lethal|deadly|fatal)\b|"
    r"\bend (?:your|a|one'?s|someone'?s) (?:own )?life\b|\bkill (?:yourself|oneself|themselves|himself|herself)\b|"
    r"\b(?:can'?t|cannot) go on\b|\bgive up on (?:life|living)\b|"
    r"\b(?:cut|cuts|cutting|slit|slits|slitting|slash(?:ed|es|ing)?|slic(?:e|ed|ing)) (?:open )?(?:my|his|her|their) (?:own )?"
    r"wrists?\b|\bwrists? (?:cut|slit|slashed) (?:open)?\b",
    # following someone's suicide or overdose ("how did he do it, I want to go the same way")
    r"\b(?:want|wanna|going|gonna|plan\w*|thinking (?:about|of)|ready|like) (?:to )?go (?:the same way|out like)\b|"
    r"\b(?:want|wanna|going|gonna|plan\w*|thinking (?:about|of)|ready|like) (?:to )?(?:do (?:it|that|the same)|die|end it) "
    r"(?:the same way|like (?:he|she|they|him|her|them) did)\b|"
    r"\b(?:suicid\w*|overdos\w*|killed (?:him|her|them)sel(?:f|ves)|took (?:his|her|their) (?:own )?life)\b[^.?!]*"
    r"\b(?:do|doing|try|trying) (?:the same|it too|what (?:he|she|they) did)\b",
    # colloquial forms (issue 15, dev2): "unalive myself", "I hope I don't wake up", "wanna hurt myself"
    r"\bunaliv(?:e|ing)\s+(?:my\s*self|me)\b|"
    # ("delete myself", not "delete myself from this app"; "remove myself from this world", not "from the group chat")
    r"\b(?:delete|erase|end)\s+my\s*self\b(?!\s+from\s+(?:this|the|your|that|a|my)\s+(?!world|earth|planet)\w+)|"
    r"\b(?:remove|delete|erase)\s+my\s*self\s+from\s+(?:this |the )?(?:world|earth|planet|existence|life)\b|"
    r"\b(?:hope|wish|pray) (?:that )?i (?:don'?t|do not|never|won'?t) wake up\b|"
    r"\b(?:wanna|gonna|want ?ta) (?:hurt|cut|harm|kill) my\s*self\b",
    # self-harm going on ("I've been cutting again"), or a jump threatened ("threatening to jump off the balcony")
    r"\b(?:been|started|start|keep|kept|back to|went back to|relapsed (?:on |into )?|urges? to (?:start )?)\s*(?:cutting(?!\s+(?:my|the|his|her|their|your|a|an|some|it|them|"
    r"back|down|out|off|up|in|class|classes|school|corners|costs|carbs|sugar|hair|wood|paper|grass)\b)|"
    r"burning (?:myself|himself|herself)|hurting (?:myself|himself|herself)|scratching myself)\b|\bcutting again\b|"
    r"\b(?:jump|jumping|throw (?:myself|himself|herself|themselves)) (?:off|from|out of|in front of) (?:a |the |my |his |her |"
    r"our |their )?(?:\d+\w* floor |top of (?:a |the )?)?(?:bridge|roof|rooftop|building|balcony|cliff|window|ledge|overpass|"
    r"train|bus|truck|car|traffic|tower|parking garage)\b",
    r"\b(?:i'?m|im|i am) (?:standing|sitting|up|out) on (?:the|a|my|this) (?:roof|rooftop|ledge|edge of (?:the|a) (?:roof|bridge|"
    r"building|cliff)|bridge|balcony (?:railing|ledge)|railing|overpass|cliff edge)\b(?![^.?!]{0,40}\b(?:fix\w*|clean\w*|repair\w*|"
    r"gutters?|shingles|solar|antenna|view|stars|fireworks|sunset|party|bbq|barbecue|photo\w*|picture|watch\w*)\b)|"
    r"\babout to do something (?:stupid|dumb|drastic|bad|i'?(?:ll| will) regret)\b|\bdo something (?:stupid|drastic) to "
    r"myself\b|\b(?:i'?ll|ill|i will|i'?m going to|gonna) be (?:dead|gone) (?:soon|by|tomorrow|tonight|before)\b|"
    r"\bwon'?t be (?:here|around|alive) (?:much longer|soon|for long)\b|\bgoodbye (?:forever|cruel world|world)\b|"
    r"\b(?:won'?t|will not|wont|not (?:going to|gonna)) make it (?:to|through|past|until|til) (?:tomorrow|tonight|the night|"
    r"morning|the (?:weekend|morning))\b(?!'s)|"
    r"\bthis is (?:my )?goodbye\b|\bso am i\b[^.?!]{0,15}\b(?:soon|goodbye|tonight)\b|"
    r"\b(?:driv\w*|crash\w*|steer\w*) (?:my |the |our )?(?:car |truck )?(?:into|off) (?:a |the )?(?:wall|tree|bridge|cliff|"
    r"river|lake|ravine|oncoming traffic|traffic|truck|pole)\b|\bcrash\w* (?:my|the) car on purpose\b|"
    r"\b(?:want|wanna|wish i could|going) (?:to )?(?:just )?(?:sleep forever|stop existing|not exist|cease to "
    r"exist|never wake up|not wake up)\b|\brather (?:die|be dead)\b",
    # a method asked for, made ready, or goodbyes written ("a painless way to die", "i have the rope ready",
    # "I've written my goodbye letters")
    r"\b(?:easiest|easy|quickest|quick|fastest|best|surest|simplest|least painful|painless|most effective|peaceful)\s+"
    r"(?:way|ways|method|methods)\s+(?:to|of)\s+(?:die|dying|(?:kill|killing) (?:myself|yourself|oneself|me)|(?:end|ending) "
    r"(?:it all|my life|it(?! with\b))|commit suicide|overdose|not wake)\b|"
    r"\bhow (?:to|do i|can i|could i|would i|do you|does one|would one) (?:kill (?:myself|yourself|oneself)|die|commit suicide|"
    r"overdose on purpose)\b(?! (?:of|from|in|at)\b)|"
    r"\bnoose\b|\b(?:the|a|my) (?:rope|gun|razor|blades?)\b[^.?!]{0,15}\b(?:ready|loaded|set up|tied|up)\b|"
    r"\b(?:have|got|bought|tied|loaded|set up|ready)\b[^.?!]{0,20}\b(?:the|a) (?:rope|noose)\b|"
    r"\b(?:goodbye|farewell|suicide) (?:letters?|notes?|texts?|messages?)\b|\b(?:wrote|written|writing|left|leaving) "
    r"(?:a |my )?(?:last|final) (?:letters?|notes?|messages?)\b",
    # indirect and euphemistic (issue 15, dev4): "ctb", "unalive" alone, "I won't be here tomorrow", goodbyes to
    # everyone, notes left, pills saved up, a rope ready, jumping or driving into something, not wanting to exist
    r"\bctb\b(?![^.?!]{0,25}\b(?:mean|means|stand for|stands for|slang|abbreviation)\b)(?<!what is ctb)|"
    r"\b(?:wanna|want to|gonna|going to|thinking (?:about|of)|plan(?:ning)? to|might|should i|ready to|about to)\s+"
    r"(?:just\s+)?unaliv\w*\b|\bhang(?:ing)? my\s*self\b|\b(?:hanged|hung|tried to hang) (?:him|her|them)sel(?:f|ves)\b|"
    r"\b(?:gonna|going to|wanna|want to|i'?ll|i will|plan(?:ning)? to|about to|trying to|thinking (?:about|of))\s+(?:just\s+)?"
    r"(?:od|o\.d\.?|overdose|overdosing)\b(?! on (?!(?:purpose|my|his|her|their|the|these|those|all|some|a bunch|a lot|every|\d+|"
    r"pills?|meds|tablets?|sleeping|opioids?|oxy\w*|xan\w*|benzos?|heroin|fent\w*|insulin|tylenol|painkillers?)\b))|\bnoose\b|\b(?:got|have|bought|tied|ready|made) (?:the |a |my )?rope\b|"
    r"\brope (?:is )?(?:ready|tied)\b",
    r"\b(?:won'?t|will not|wont|not (?:going to|gonna)) be (?:here|around|alive) (?:much longer|for (?:much )?longer|anymore|"
    r"after (?:tonight|today)|by (?:tomorrow|morning|monday|the weekend))\b|"
    r"\b(?:won'?t|will not|wont|not (?:going to|gonna)) be (?:here|around|alive) (?:tomorrow|tonight|next week)\b"
    r"(?=\s*(?:[.!,;]|$|and\b|so\b|anyway|thanks?\b|goodbye|bye\b|love\b|sorry\b|i'?m sorry))"
    r"(?![^?]*\b(?:email|send|mail|results?|report|appointment|office|clinic|work|reschedul\w*|call me|text me|trip|"
    r"vacation|travel\w*|town|out of)\b)|"
    r"\b(?:don'?t|do not|can'?t|cannot) see myself (?:being )?(?:alive|here|around|living)\b|"
    r"\b(?:said|saying|say|sent|sending) (?:my )?(?:goodbyes?|bye) to (?:everyone|everybody|you all|y'?all|all of you|"
    r"the world|my (?:family|kids|friends))\b(?![^.?!]{0,40}\b(?:at (?:work|the office|school|the party|the airport)|"
    r"on (?:mon|tues|wednes|thurs|fri|satur|sun)day|before (?:i|we) (?:move|leave|go)|moving|retir\w*|new job|last day|"
    r"graduat\w*|trip|vacation)\b)|\bthis is (?:my )?(?:goodbye|final goodbye|last message)\b|"
    r"\b(?:suicide|goodbye|farewell) (?:note|letter)s?\b|"
    # "my note" written with a goodbye in the same message ("i'm done. wrote my note. bye")
    r"\b(?:wrote|written|left|finished|writing) my (?:last |final |goodbye )?note\b(?! (?:to|for) )(?=.*\b(?:bye|goodbye|i'?m done|it'?s time|"
    r"sorry|forgive me|love you all)\b)|\b(?:bye|goodbye|i'?m done|it'?s time)\b.*\b(?:wrote|written|left|finished) my "
    r"(?:last |final |goodbye )?note\b|"
    # letters left for everyone, pills laid out ("i wrote letters for everyone", "40 pills counted out on my desk")
    r"\b(?:wrote|written|writing|left|leaving) (?:\w+ )?(?:letters?|notes?) (?:for|to) (?:everyone|everybody|all of (?:you|them)|"
    r"each of (?:you|them)|my (?:family|kids|children|parents|friends|loved ones))\b(?![^.?!]{0,30}\b(?:christmas|holiday|"
    r"birthday|thank|wedding|card|cards|camp|school|college|work|reference|recommendation)\w*)|"
    r"\b(?:pills|meds|tablets|capsules|sleeping pills|painkillers|oxy\w*)\b[^.?!]{0,25}\b(?:counted out|lined up|laid out|"
    r"sorted out|in front of me|next to me|beside me|by my bed)\b(?![^.?!]{0,30}\b(?:organi[sz]er|pill ?box|week|"
    r"morning|schedule)\b)|\b(?:wrote|written|writing|left|leaving) (?:\w+ )?(?:notes?|letters?)"
    r"\b[^.?!]{0,40}\b(?:it'?s time(?!\s+(?:they|to|for|he|she|we|you|my|our))|goodbye|when i'?m gone|after i'?m gone|for after)\b",
    r"\b(?:(?:saving|saved|collecting|stashing|stashed) up|stockpil\w*|hoard\w*) (?:all )?(?:my |of my |the )?"
    r"(?:pills|meds|tablets|medications|medicines|sleeping pills|painkillers|oxy\w*|percs?|xans?|xanax|benzos?|opioids?|"
    r"narcotics|insulin|prescriptions?|scripts|antidepressants)\b(?! (?:in|for) (?:a|the) (?:pill ?box|organi[sz]er|"
    r"cabinet))|\b(?:don'?t|do not|dont) want to exist\b(?! (?:in|on)\b)|\bwant to stop existing\b|"
    r"\bwish i (?:didn'?t|did not) exist\b|\bwish i (?:was|were|had) never (?:been )?born\b|"
    r"\b(?:want|wanna|wish i could|just want) (?:to )?(?:go to )?sleep forever\b|\bsleep (?:and|n) never wake\b",
    r"\bbetter off (?:if i (?:was|were|wasn'?t|weren'?t) (?:gone|dead|here|around|alive)|when i'?m gone|with me gone|"
    r"once i'?m gone)\b|\bwon'?t have to (?:deal with|worry about|put up with) me\b|\b(?:i'?m|i am|im) (?:such |just |only )?"
    r"a burden\b[^.?!]{0,40}\b(?:gone|longer|anymore|die|dead|end)\b",
    r"\b(?:want(?:s)? to|wanna|gonna|going to|thinking (?:about|of)|think about|plan(?:ning)? to|about to|ready to|might|"
    r"should i|i'?ll|i will|urge to|tempted to)\s+(?:just\s+)?(?:jump(?:ing)?|leap(?:ing)?|throw(?:ing)? myself|step(?:ping)?) "
    r"(?:off|from|in front of|into|onto) (?:the |a |my |this |that )?(?:\w+ )?(?:bridge|roof|rooftop|building|balcony|cliff|"
    r"overpass|train|tracks|traffic|car|bus|window|river)\b|"
    # walking into water or traffic, as a plan ("thinking i'll just walk into the ocean tonight")
    r"\b(?:thinking|think|i'?ll|i will|gonna|going to|want(?:s)? to|wanna|might|plan(?:ning)? to|about to|ready to|picturing|"
    r"imagining)\b[^.?!]{0,20}\b(?:walk|walking|swim|swimming|wade|wading)\s+(?:out\s+)?into (?:the )?(?:ocean|sea|lake|river|"
    r"traffic|oncoming traffic|waves|water)\b(?![^.?!]{0,25}\b(?:for a swim|to cool off|with (?:my|the) (?:kids|friends|dog))\b)|"
    # a crash pictured or planned ("i keep picturing steering into the median", "imagining driving off the road")
    r"\b(?:picturing|imagining|imagine|fantasi[sz]ing about|visuali[sz]ing|urges? to|thinking (?:about|of)|want(?:s)? to|"
    r"wanna|gonna|going to|might|plan(?:ning)? to)\s+(?:just\s+)?(?:myself\s+)?(?:driv(?:e|ing)|crash(?:ing)?|steer(?:ing)?|"
    r"swerv(?:e|ing)|jerk(?:ing)? the wheel)\b[^.?!]{0,30}\b(?:into|off|under)\b[^.?!]{0,20}\b(?:median|divider|barrier|"
    r"guard ?rail|wall|tree|bridge|pole|oncoming|traffic|cliff|river|lake|truck|semi|ditch|overpass|road|highway)\b|"
    r"\b(?:want(?:s)? to|wanna|gonna|going to|thinking (?:about|of)|think about|plan(?:ning)? to|about to|ready to|might|"
    r"should i|i'?ll|i will|urge to|tempted to)\s+(?:just\s+)?(?:driv(?:e|ing)|crash(?:ing)?|steer(?:ing)?|swerv(?:e|ing))"
    r" (?:my car |the car |myself )?(?:into|off) (?:a |the |oncoming )?(?:wall|tree|bridge|pole|traffic|cliff|river|lake|"
    r"truck|road)\b",
    r"\bso (?:that )?i (?:don'?t|dont|do not|won'?t|wont|never) wake(?: up)?\b|"
    r"\b(?:i'?ve|i have|i) (?:been |started |keep |kept |am |'m )?cutting (?:myself )?again\b(?! (?:carbs|sugar|back|down|costs?|"
    r"my hair|hair|coupons|the))",
    # pills taken on purpose are self-harm, however many ("i took a bunch of my antidepressants on purpose")
    r"\b(?:took|swallowed|popped|ate|downed|taken)\b[^.?!]{0,40}\b(?:pills?|meds|tablets?|capsules?|medicines?|medications?|"
    r"antidepressants?|painkillers?|bottle|too many|too much)\b[^.?!]{0,20}\bon purpose\b|\boverdosed on purpose\b|"
    r"\bon purpose\b[^.?!]{0,30}\b(?:took|swallowed|popped|downed)\b[^.?!]{0,30}\b(?:pills?|meds|tablets?|bottle|"
    r"too many|too much)\b|\b(?:took|swallowed|popped|downed|taken)\s+(?:a lot|lots|a bunch|a handful|a fistful|loads|tons|"
    r"too many|too much|all|every one|the rest|most|half)\s+of\s+(?:my|his|her|their|the|mom'?s|dad'?s)\b[^.?!]{0,30}"
    r"\bon purpose\b",
    # round 5 (f8): a plan or a farewell told without the words: how it will be done worked out, belongings given away
    # that will not be needed "where I'm going", the only way out beside a method or a time, a closed garage with the
    # engine running or a hose from the exhaust
    # (round 6, same row) a decision to go through with it at a time, a farewell of love in the past tense, making it look
    # like an accident: "i've decided to go through with it this weekend", "make sure my kids know i loved them"
    r"\b(?:i'?ve |i have |i |i'?m |im |i am )(?:just |finally |now |really )?(?:decided|ready|going|gonna|planning|plan) to "
    r"(?:finally )?go through with it\b(?![^.?!]{0,40}\b(?:surgery|operation|"
    r"procedure|test\w*|screening|mastectomy|biopsy|appointment|wedding|move|divorce|interview|purchase|trip|tattoo|piercing)\b)|"
    r"\b(?:make sure|tell|let)\s+(?:my\s+)?[\w']+(?:\s+[\w']+)?\s+(?:know\s+)?(?:that\s+)?i\s+(?:always\s+|really\s+)?"
    r"loved\s+(?:them|him|her|you|u|everyone|all of)\b|\bmake it look like an accident\b(?![^.?!]{0,40}\b(?:game|novel|story|"
    r"book|character|plot|mystery|movie|script|campaign)\b)|"
    r"\b(?:figured|worked|thought|planned|sorted|mapped) out (?:exactly |just )?(?:how|when|where) (?:i'?d|i would|i'?ll|"
    r"i will|i'?m (?:going to|gonna)|im gonna|to) (?:do it|end it|go through with it)\b(?! (?:differently|better|again|right|"
    r"properly|cheaper)\b)|\b(?:thinking|thought|think|know|decided|planning|planned|picturing|imagining) (?:about |of )?"
    r"(?:exactly )?how (?:i'?d|i would|i'?ll|i will|i'?m (?:going to|gonna)|im gonna) do it\b(?! (?:differently|better|"
    r"again|right|properly|cheaper|if|myself)\b)|"
    r"\b(?:won'?t|will not|wont|don'?t|do not|dont) need (?:it|them|this|that|anything|any of (?:it|this|that|them)|my \w+|"
    r"(?:these|those) \w+) where i'?m going\b(?![^.?!]{0,40}\b(?:vacation|trip|holiday|hawaii|beach|mexico|florida|tropic\w*|"
    r"warm|hot|sunny|abroad|moving|move|new (?:job|place|house|apartment|school)|college|camp)\b)|"
    r"\b(?:gave|giving|give|given) away (?:all |most )?(?:of )?my\b[^.?!]{0,50}\b(?:won'?t|will not|wont|don'?t|dont) "
    r"(?:need|be needing) (?:it|them|any of (?:it|them)|anything)\b(?![^.?!]{0,30}\b(?:anymore|any more) (?:since|because|now "
    r"that)\b)|"
    r"\bonly way out\b(?=[^.?!]{0,60}\b(?:bridge|roof|pills|rope|gun|jump\w*|tracks|train|ready|tonight|goodbye|taking it|for "
    r"me)\b)|\b(?:bridge|roof|pills|rope|gun|jump\w*|tracks|train|goodbye)\b[^.?!]{0,60}\bonly way out\b|"
    r"\b(?:in|inside) (?:the|my|a) (?:closed |shut |locked )?garage\b[^.?!]{0,50}\b(?:engine|car|motor) (?:is |still )?"
    r"(?:running|on)\b|\b(?:engine|car|motor) (?:is |still )?running\b[^.?!]{0,40}\b(?:closed|shut|locked|in the) garage\b|"
    r"\bhose (?:from|to|on|into) the exhaust\b|\bexhaust (?:pipe )?(?:into|in) the car\b|"
    # a method in hand where one is alone ("sitting in the bathtub with a razor"), an empty bottle with a farewell
    r"\b(?:sitting|lying|laying|standing|hiding|locked|curled up) (?:in|on) (?:the|my|a) (?:bath\w*|tub|floor|bed|car|room|"
    r"closet|garage|roof|bridge)\b[^.?!]{0,30}\bwith (?:a|my|the|his|her|dad'?s|mom'?s) (?:razor|blade|knife|gun|rope|belt|"
    r"pills|bottle of pills)\b|\bwith (?:a|my|the|dad'?s|mom'?s) (?:razor|blade|knife|gun|rope)\b[^.?!]{0,30}\b(?:in|on) "
    r"(?:the|my) (?:bath\w*|tub|car|garage|closet|roof)\b|"
    r"\b(?:bottle|pack|packet|box|strip|prescription) (?:is |'s )?(?:empty|gone|finished)\b(?=.*\b(?:sorry|done|goodbye|bye|"
    r"forgive|love you|it'?s over)\b)|\b(?:sorry|i'?m done|im done|goodbye|bye)\b.*\b(?:bottle|pack|packet|box|strip) "
    r"(?:is |'s )?(?:empty|gone|finished)\b|"
    # a last day or weekend, decided ("i've already decided, this weekend is my last")
    r"\b(?:this|tonight|today|tomorrow|christmas|my birthday|(?:this|next) (?:weekend|week|friday|saturday|sunday|monday|"
    r"tuesday|wednesday|thursday|month))\b[^.?!,]{0,10}\b(?:is|will be|'s|gonna be|going to be) my (?:last|final)"
    r"(?: (?:day|night|weekend|week|one))?(?: (?:alive|on earth|here|ever))?(?=\s*(?:[.!,;]|$|and\b|so\b|sorry|goodbye|bye\b|"
    r"love\b))|\bmy (?:last|final) (?:day|night|weekend) (?:alive|on earth|on this earth)\b|"
    # not a bother to anyone for much longer ("won't be bothering anyone after this weekend")
    r"\b(?:won'?t|will not|wont|not going to|not gonna) be (?:bothering|bugging|troubling|annoying|a (?:burden|bother|problem) "
    r"(?:to|for)) (?:anyone|anybody|you|you all|y'?all|everyone|everybody|any of you)\b(?=[^.?!]{0,10}\s*(?:[.!,;]|$|after|much "
    r"longer|for (?:much )?longer|anymore|any more|soon|by)\b|\s*$)|"
    # worth more dead, or the family better off with the insurance (probe batch)
    r"\bbetter off\b[^.?!]{0,40}\b(?:life insurance|insurance (?:money|payout|pay ?out))\b|\b(?:life insurance|insurance "
    r"(?:money|payout))\b[^.?!]{0,40}\b(?:better off|when i'?m gone|once i'?m gone)\b|\bworth more (?:to (?:them|my family|"
    r"everyone|my kids) )?dead\b|"
    # someone says they are about to jump or end it ("my girlfriend just said she's going to jump and hung up")
    r"\b(?:said|says|saying|texted|told me|threaten\w*)\b[^.?!]{0,20}\b(?:she'?s|shes|he'?s|hes|they'?re|she is|he is|they are|"
    r"she|he|they)\s+(?:going to|gonna|about to|will|'ll)\s+(?:jump|kill (?:her|him|them)sel(?:f|ves)|end it|end (?:her|his|"
    r"their) life|overdose|take (?:all )?(?:her|his|their) pills)\b(?!\s+(?:in|into|on|at|off the (?:diving|high) board|rope|"
    r"ship|the gun|ahead|for joy|at the chance|on board)\b)|\b(?:i'?m|im|i am) (?:going to|gonna|about to) jump\b"
    r"(?!\s+(?:in|into|on|at|off the (?:diving|high) board|rope|ship|the gun|ahead|for joy|at the chance|on board|start|"
    r"through|back|over|higher|out of (?:bed|my skin))\b)|"
    # tired of being alive, or not around for the ones they care for ("won't be around to look after him")
    r"\b(?:tired|sick|exhausted|weary) of (?:existing|being alive|being here|living)\b(?!\s+(?:in|with|at|on|near|like|"
    r"paycheck|off)\b)|\b(?:won'?t|will not|wont|not going to|not gonna) be (?:here|around|alive) (?:to|for) (?:look after|"
    r"take care of|care for|feed|walk|raise|see (?:him|her|them) grow)\b(?![^.?!]{0,50}\b(?:trip|vacation|holiday|travel\w*|"
    r"away|out of town|work|hospital|surgery|moving|deploy\w*|next week|weekend)\b)",
    # The last two are kept apart, after every other self-harm pattern, so that a hit on one of them means no other
    # self-harm pattern fired: triage may then hear them as venting or a class question (bot/safety/check_in.py).
    # DESPAIR: words of despair that people also use about an everyday thing ("I can't take this anymore, the
    # printer jammed again").
    r"\b(?:want(?:s)? to|going to|gonna|ready to)\s+give up\b|\bgive up on (?:everything|it all)\b|"
    r"\bdone with (?:everything|it all)\b|\bnothing matters\b|\bcan'?t (?:do|take) (?:this|it) anymore\b|"
    r"\bno (?:point|reason) (?:in|to|for) (?:anything|trying)\b|\bi (?:hate|am sick of|'m sick of) my life\b|"
    r"\bhow (?:much )?longer i can (?:hold on|keep going|go on|keep doing this|take (?:it|this))\b|"
    r"\bwhat'?s the point (?:of (?:anything|it all) )?anymore\b|\b(?:don'?t|dont|do not|can'?t|cant) see (?:the|any) "
    r"point (?:anymore|any more|in (?:anything|living|life|going on|trying|any of (?:this|it)))\b",
    # LETHAL_TERM: the term alone ("what counts as a lethal dose in toxicology class"); "a lethal amount of my
    # oxycodone" stays an emergency (check_in.py asks for a class setting and nobody's own medicines).
    r"\b(?:lethal|fatal|deadly) (?:dose|amount)\b",
]
DESPAIR_RULE = f"self_harm#{len(EMERGENCY_SELF_HARM) - 2}"
LETHAL_TERM_RULE = f"self_harm#{len(EMERGENCY_SELF_HARM) - 1}"

EMERGENCY_SYMPTOMS = [
    r"\bchest (?:pain|pains|tightness|pressure|hurts?)\b|\bpain in my chest\b",
    r"\b(?:can'?t|cannot|cant|couldn'?t|trouble|hard to|struggling to|difficulty|unable to|not able to)\s+"
    r"(?:breath|breathe|breathing|catch my breath)\b|\bshort(?:ness)? of breath\b|\bnot breathing\b|"
    r"\bstopped breathing\b|\bgasping\b|\bwheezing badly\b",
    r"\bthroat\s+(?:is\s+)?(?:closing|swelling|swollen|tight)\b|\b(?:tongue|lips?|face|mouth)\s+(?:is\s+|are\s+)?"
    r"(?:swelling|swollen|puffing up)\b|\b(?:going into|in|having) anaphyla\w*\b|\b(?:severe|bad|serious) allergic\b|"
    r"\bhaving an allergic reaction\b|\bhives all over\b",
    r"\b(?:having|had|is having|just had)\s+(?:a\s+)?seizures?\b(?!\s+(?:medicine|medication|drug|meds))|\bseizing\b|"
    r"\bconvulsing\b",
    r"\bpass(?:ed|ing)? out\b|\bfaint(?:ed|ing)\b|\bunconscious\b|\bunresponsive\b|\bwon'?t wake up\b(?!\s+(?:for (?:dinner|school|work|class|breakfast|lunch|church|practice|the bus|(?:his|her|my|the) alarm)|in time|on time|early)\b|[^.?!]{0,40}\b(?:lol|haha|lmao)\b)|"
    r"\bcan'?t wake (?:him|her|them|up)\b|\bcollapsed\b|\bblack(?:ed|ing) out\b",
    r"\boverdos(?:ed|ing)\b|\b(?:took|taken|take) an overdose\b|\bod'?d\b|\btook (?:too many|too much|a lot of|double|twice|extra|way too)\b"
    r"(?! (?:time|of (?:your|my|the|their) time|effort|space|photos|pictures|notes|days off|classes|credits))|"
    r"\b(?:accidentally|by accident|by mistake|mistakenly)\b[^.?!]{0,20}\b(?:took|taken|swallowed|ate|had)\b"
    r"(?!\s+(?:a |an |some |the |my |a little |a bit of )?(?:bug|fly|gnat|ant|hair|seed|pit|gum|sip|bite|nap|day off|wrong turn|"
    r"photo|picture|toothpaste|water|ice|ice cube|mint|breath ?mint|cough drop|lozenge|candy)s?\b"
    # (round 6) someone else's vitamin or supplement: "accidentally took my husband's vitamin instead of mine"
    r"|\s+(?:a |an |one |the |my |his |her )?(?:[\w]+'s\s+)?(?:daily\s+)?(?:multi-?)?(?:vitamins?|supplements?|probiotics?|fish oil|"
    r"gummy vitamins?)\b(?![^.?!]{0,30}\b(?:iron|bottle|all|whole|handful|bunch)\b))|"
    r"\b(?:took|taken|swallowed)\s+(?:a|two|three|several)\s+(?:week|weeks|day|days|month)'?s?'? worth\b|\bswallowed (?:a bunch|a handful|all)\b|"
    r"\btook (?:the whole|a whole|all (?:of )?(?:my|the|his|her))\b|\btook (?:my|his|her|their) (?:whole|entire) "
    r"(?:prescription|bottle|pack|supply|box|refill|script)\b|\b(?:swallowed|popped|downed) (?:a lot|lots|loads|tons|way too "
    r"many|too many|too much) of (?:my|his|her|their|the|mom'?s|dad'?s)\b|"
    r"\b(?:took|taken|swallowed|ate)\s+(?:like\s+|about\s+|around\s+|over\s+)?\d{2,}\s+(?:\w+\s+)?(?:pills|tablets|capsules|meds)\b",
    r"\b(?:was|got|been|is|am|are) poisoned\b|\bswallowed (?:poison|bleach)\b|\bdrank (?:poison|bleach)\b|"
    r"\bhaving a stroke\b|\bstroke symptoms\b|\bsigns of a stroke\b|\bface (?:is )?drooping\b|\bslurred speech\b|\bslurring\b|"
    r"\bone side of my (?:body|face)\b|\bnumb on one side\b",
    r"\b(?:vomiting|throwing up|coughing up|spitting up|peeing|pooping) blood\b|\bblood in my (?:vomit|stool|poop|urine)\b|"
    r"\bblack,? tarry\b|\b(?:bleeding|bleed)\s+(?:that\s+)?(?:won'?t|will not|wont|doesn'?t|does not) stop\b|"
    r"\bcan'?t stop (?:the )?bleeding\b|\bbleeding (?:a lot|heavily|badly|everywhere)\b|\bheavy bleeding\b|"
    r"\bblood (?:is )?(?:everywhere|all over|pouring|gushing|spurting)\b|\b(?:so much|a lot of|lots of|losing (?:a lot of|so much)) "
    r"blood\b(?![^.?!]{0,20}\b(?:test|tests|work|draw|drawn|donat\w*|pressure|sugar|type)\b)|\bbleeding out\b",
    # a head injury with a changed state ("grandpa fell and hit his head and is not making sense")
    r"\b(?:hit|bumped|banged|smacked|cracked|struck|hurt) (?:his|her|my|their|the baby'?s|its) head\b[^.?!]{0,60}\b(?:not making "
    r"sense|confused|confusion|throw(?:ing|n)? up|vomit\w*|puk\w*|won'?t wake|can'?t wake|hard to wake|unconscious|passed out|"
    r"knocked out|out cold|sleepy|drowsy|slurr\w*|not (?:responding|waking|moving|talking)|seiz\w*|blood\w* from (?:his|her|my) "
    r"(?:ear|nose))\b|\b(?:not making sense|confused|vomit\w*|throwing up|won'?t wake|unconscious|passed out|knocked out)\b"
    r"[^.?!]{0,40}\b(?:hit|bumped|banged|smacked|cracked|struck) (?:his|her|my|their) head\b",
    # a drug taken and a dangerous state after it ("my friend took a bunch of molly and is super hot and confused")
    r"\b(?:took|taken|did|dropped|snorted|smoked|popped|injected|used|swallowed|ate)\b[^.?!]{0,30}\b(?:molly|mdma|ecstasy|acid|"
    r"lsd|shrooms|coke|cocaine|crack|meth|heroin|fent\w*|ketamine|spice|k2|pcp|xans?|bars|percs?|something|some pills|a pill|"
    r"drugs)\b[^.?!]{0,50}\b(?:confused|confusion|burning up|super hot|so hot|really hot|overheat\w*|seiz\w*|convuls\w*|"
    r"unresponsive|not (?:breathing|responding|waking)|won'?t wake|passed out|turning blue|chest pain|can'?t breathe|"
    r"heart (?:is )?(?:racing|pounding)|foaming)\b",
    # someone not waking or breathing, or a seizure that goes on ("bf isnt waking up", "he won't stop jerking")
    r"\b(?:he|she|they|bf|gf|boyfriend|girlfriend|husband|wife|partner|friend|roommate|son|daughter|baby|kid|child|toddler|"
    r"mom|mum|mother|dad|father|brother|sister|grandma|grandpa|grandmother|grandfather|uncle|aunt|cousin|someone|somebody)"
    r"(?:'s| is| are|'re)?\s*(?:is ?n'?t|is not|are ?n'?t|not|won'?t|wont|will not|can'?t|cant)\s+(?:waking(?: up)?|wake up|"
    r"breathing|breathe|responding|respond)\b(?!\s+(?:for (?:dinner|school|work|class|breakfast|lunch|church|practice|the bus|(?:his|her|my|the) alarm)|in time|on time|early)\b|[^.?!]{0,40}\b(?:lol|haha|lmao)\b)|\b(?:won'?t|wont|can'?t|cant|doesn'?t|does not|will not|isn'?t) stop(?:ping)? "
    r"(?:shaking|jerking|twitching|convulsing|seizing|fitting)\b|\bhaving (?:a|another) fit\b(?=[^.?!]{0,40}\b(?:jerk\w*|"
    r"shak\w*|twitch\w*|foam\w*|eyes|blue|not (?:breathing|responding)|unconscious|won'?t (?:wake|respond))\b)",
    r"\b(?:skin|rash)\b[^.?!]*\b(?:peeling|blister\w*|sloughing)\b|\bblisters? (?:in|on) my (?:mouth|eyes|lips)\b|"
    r"\bi (?:think i )?(?:have|got) (?:sjs|stevens[- ]johnson)\b",
    r"\b(?:very )?high fever\b[^.?!]*\b(?:rigid|stiff|muscle|rash|confus\w*)\b|\bhigh fever\b[^.?!]*\bafter (?:surgery|anesthesia)\b",
    r"\bfeel(?:s|ing)? like (?:i'?m|i am|im|he'?s|she'?s) (?:dying|going to die|gonna die)\b|"
    r"\bcall(?:ing)? (?:911|an ambulance|999|112)\b|\bmedical emergency\b|\bthis is an emergency\b|\bhaving a heart attack\b|"
    r"\bheart (?:is )?(?:racing|pounding)\b[^.?!]*\b(?:dizzy|faint|chest|breath)\b|\bturning blue\b|\blips are blue\b",
    r"\b(?:severe|worst|unbearable|excruciating)\s+(?:headache|stomach pain|belly pain)\b|\bheadache\b[^.?!]{0,25}\bworst "
    r"(?:(?:one )?(?:of|in) my life|ever)\b(?![^.?!]{0,30}\b(?:years? ago|in (?:19|20)\d\d|last year|was a migraine)\b)|"
    r"\bcrushing (?:chest )?(?:pain|pressure|tightness|feeling)\b",
    r"\bconfused and\b[^.?!]*\b(?:can'?t|sleepy|won'?t)\b|\bvery (?:sleepy|drowsy) and\b[^.?!]*\bbreath\w*\b",
    # by category (issue 15, dev2): choking, "I think I'm dying", stroke signs, bleeding that won't stop, black
    # stool, a child who swallowed someone's pills, mouth sores with fever
    r"\bchok(?:ing|ed|es)\b(?! (?:up|back|hazard|on (?:my|his|her|their) (?:words|tears)))|"
    r"\b(?:i think|i feel like|i'?m scared|it feels like) (?:i'?m|i am|im|he'?s|she'?s|they'?re) dying\b|"
    r"\b(?:i think|maybe|might be|could be) (?:i'?m|he'?s|she'?s|he|she|i|my \w+)\s+(?:is |are )?(?:having|had|has) (?:a )?"
    r"(?:heart attack|stroke)\b(?![^.?!]{0,30}\b(?:years?|months?) ago\b)",
    r"\b(?:can'?t|cannot|unable to) (?:move|feel|lift) (?:my|his|her|their) (?:\w+ )?(?:arm|leg|hand|face|side)\b|"
    r"\b(?:suddenly|all of a sudden)\b[^.?!]{0,20}\b(?:can'?t|cannot) (?:speak|talk)\b|"
    r"\b(?:can'?t|cannot) (?:speak|talk)\b[^.?!]{0,20}\b(?:suddenly|all of a sudden)\b|"
    r"\b(?:won'?t|will not|wont|doesn'?t|does not|didn'?t) stop bleeding\b|\b(?:black|tarry) (?:poop|stools?|bowel movements?)\b|"
    r"\b(?:poop|stools?) (?:is|are|looks?) (?:black|tarry)\b(?![^.?!]{0,30}\b(?:iron|pepto|normal)\b)|"
    r"\bmouth sores\b[^.?!]{0,40}\bfever\b|\bfever\b[^.?!]{0,40}\bmouth sores\b|\bskin (?:is )?(?:coming|falling|peeling) off\b",
    r"\b(?:toddler|baby|son|daughter|kid|child|grandson|granddaughter|grandkid|nephew|niece|little one)\b[^.?!]{0,25}"
    r"\b(?:swallowed|ate|got into|chewed)\s+(?:some of |a few of |a bunch of |all of |one of )?(?:my|mom'?s|dad'?s|grandma'?s|"
    r"grandpa'?s|her grandma'?s|his grandma'?s|the|a bottle of|a handful of|some)\s+(?:\w+\s+){0,2}?"
    r"(?:pills?|tablets?|meds|medicines?|medications?|gummies)\b",
    # a child who swallowed someone else's medicines, an amount of them, or something poisonous ("my son swallowed his
    # grandma's pills", "my toddler ate some of my pills"); not a child taking their own ("my son took his medicine")
    r"\b(?:my|our|the|a|her|his) (?:son|daughter|kid|kids|child|children|baby|toddler|little (?:boy|girl|one)|grandson|"
    r"granddaughter|niece|nephew|[2-9][- ]year[- ]old)\b[^.?!]{0,25}\b(?:swallowed|ate|eaten|drank|got into|chewed)\s+"
    r"(?:(?:some|a bunch|a handful|a few|several|all|lots|a lot|most) of |some |several |a few |\d+ |two |three |four |five )?"
    r"(?:(?:(?:his|her|their|my|our) )?(?:grand\w*'?s?|(?:mom|mum|dad|mother|father|sister|brother|an adult|someone)'?s?)|"
    r"my|our|the)\s+(?:\w+\s+){0,2}?"
    r"(?:pills?|tablets?|capsules?|meds|medicines?|medications?|gummies|vitamins|patch(?:es)?)\b|"
    # a battery, magnet or household poison swallowed, whoever and in whatever order it is told
    r"\b(?:swallowed|swallow|ate|eaten)\b[^.?!]{0,30}\b(?:button batter(?:y|ies)|batter(?:y|ies)|magnets?|bleach|detergent "
    r"pods?|laundry pods?|dishwasher pods?|drain cleaner|antifreeze|lighter fluid|lamp oil)\b|\b(?:button batter(?:y|ies)|"
    r"magnets?|laundry pods?|detergent pods?|dishwasher pods?)\b[^.?!]{0,60}\bswallow\w*|"
    r"\b(?:son|daughter|kid|child|baby|toddler|[1-9][- ]?(?:year|yr)[- ]?old|\d+[- ]month[- ]old|little one)\b[^.?!]{0,25}"
    r"\b(?:swallowed|ate|drank|got into|chewed)\b[^.?!]{0,20}"
    r"\b(?:bleach|detergent|laundry pods?|dishwasher pods?|button batter(?:y|ies)|antifreeze|drain cleaner)\b",
    # by symptom without the keywords, and third-person (issue 15, dev4): grey and clutching the chest, a child who
    # drank someone's medicine, confused speech with a changed face, swelling after a pill, slow breathing and
    # hard to wake, a fistful or a dozen of someone's pills, foaming at the mouth while shaking, sudden deficits
    r"\bclutch\w* (?:at )?(?:his|her|my|their) chest\b|\b(?:is|'s|are|looks?|went|turned|turning|going|gone)\s+"
    r"(?:all\s+|really\s+|so\s+|very\s+)?(?:grey|gray|ashen|pale)\b[^.?!]{0,25}\b(?:sweat\w*|clammy|chest|breath\w*|"
    r"not (?:responding|moving))\b|\b(?:elephant|something (?:heavy|huge)|a (?:ton|weight|brick)|someone) (?:is )?"
    r"(?:sitting|standing|pressing|pushing|crushing) on my chest\b|\bcrushing (?:feeling |pressure |weight )?(?:in|on) "
    r"(?:my|his|her) chest\b",
    r"\b(?:toddler|baby|son|daughter|kid|child|grandson|granddaughter|grandkid|nephew|niece|little one|little brother|"
    r"little sister)\b[^.?!]{0,25}\b(?:drank|drunk|swallowed|ate|took|got into|chugged)\b[^.?!]{0,25}(?:\b(?:my|mom'?s|"
    r"dad'?s|grandma'?s|grandpa'?s|the)\s+(?:\w+\s+){0,2}?(?:meds|pills?|tablets?|medicines?|medications?|"
    r"cough syrup|vitamins|gummies)\b|\b(?:bleach|detergent|laundry pods?|cleaner|antifreeze|poison|lighter fluid|"
    r"lamp oil|button batter(?:y|ies)|magnets?)\b)",
    r"\b(?:not making (?:any )?sense|making no sense|talking (?:nonsense|gibberish)|(?:words|speech) (?:is |are )?(?:all )?"
    r"(?:jumbled|garbled|slurred))\b(?=[^.?!]{0,40}\b(?:face (?:looks|is|went|seems) (?:weird|wrong|lopsided|crooked|uneven|off|funny|droopy)|droop\w*|"
    r"(?:arm|leg|side) (?:is|went|feels) (?:weak|numb|limp|dead)|suddenly|all of a sudden|slur\w*)\b)|"
    r"\bface (?:looks|is|went|seems) (?:weird|wrong|lopsided|crooked|uneven|off|funny)\b(?=[^.?!]{0,40}\b(?:not making "
    r"sense|talk\w*|speak\w*|speech|arm|slur\w*|confused)\b)|"
    r"\b(?:one side|half) of (?:his|her|my|their) face (?:is |has )?(?:drooping|droopy|numb|dropped|fallen|sagging)\b|"
    r"\bsuddenly\b[^.?!]{0,40}\b(?:can'?t see|blind in|droop\w*|can'?t (?:talk|speak|walk|stand))\b|"
    r"\b(?:arm|leg|hand|side|face)\b (?:went|got|is|feels?|has gone) (?:all )?(?:weak|numb|limp|dead|heavy)\b(?=[^.?!]{0,40}"
    r"\b(?:suddenly|all of a sudden|out of nowhere|can'?t|slur\w*|droop\w*)\b)|\b(?:suddenly|all of a sudden|out of nowhere)"
    r"\b[^.?!]{0,40}\b(?:arm|leg|hand|side|face)\b (?:went|got|is|feels?|has gone) (?:all )?(?:weak|numb|limp|dead|heavy)\b|"
    r"\b(?:lost|losing) (?:the )?(?:vision|sight) in (?:one|my|his|her) (?:left |right )?eye\b",
    r"\b(?:lips?|face|tongue|throat|eyes?|eyelids?)\b(?:\s+(?:and|&)\s+(?:my\s+)?(?:lips?|face|tongue|throat|eyes?))?\s+"
    r"(?:is|are|feels?|got|went|look|looks|'s|'re)\s+(?:so\s+|really\s+|super\s+|all\s+|like\s+)?(?:huge|massive|big|"
    r"puffy|puffed up|blown up|ballooning|ballooned|thick|fat)\b(?=[^.?!]{0,40}\b(?:after|since|from)\b[^.?!]{0,25}"
    r"\b(?:pill|med\w*|shot|injection|antibiotic|vaccine|dose|tablet|eating|peanuts?|nuts?|sting|bite)|[^.?!]{0,30}"
    r"\b(?:can'?t|cannot|barely|hard to) (?:breathe|swallow|talk)\b)",
    r"\b(?:breathing|breaths?)\s+(?:is\s+|are\s+|seems\s+)?(?:super\s+|really\s+|so\s+|very\s+|kind of\s+|kinda\s+)?"
    r"(?:weird|strange|funny|slow|shallow|rattl\w*|gurgl\w*)\b(?=[^.?!]{0,50}\b(?:won'?t|not|can'?t|hard to|after|since|"
    r"blue|grey|gray|pale|limp|sleepy|drowsy|answer\w*|respond\w*|wake)\b)|"
    r"\b(?:hard|difficult|impossible) to wake(?: up)?\b(?=[^.?!]{0,40}\b(?:after|since|took|taking|meds?|pills?|medicines?|"
    r"breath\w*)\b)|\b(?:he|she|he'?s|she'?s|baby|toddler|infant|son|daughter|kid|child|dad|mom|husband|wife|grandpa|"
    r"grandma|brother|sister|friend|body)\b(?:\s+(?:is|'s|went|gone|going|all|so|really|just|and))*\s+(?:limp|floppy)\b",
    r"\b(?:took|swallowed|popped|downed|ate|chugged)\s+(?:like\s+|about\s+)?(?:a|an|one|two)\s+(?:fistful|handful|bunch|"
    r"ton|load|shit ?ton)s?\s+of\s+(?:my|his|her|their|the|mom'?s|dad'?s)\s+(?!(?:\w+\s+)?(?:photos?|pictures?|friends?|"
    r"chips|candy|nuts|almonds|time)\b)|\b(?:popped|downed|swallowed|took|taken|ate)\s+(?:like\s+|about\s+|around\s+|"
    r"over\s+|maybe\s+|almost\s+)?\d{2,}\s+(?:of\s+)?(?:my|his|her|their|the|those|these|mom'?s|dad'?s)\s+"
    r"(?!(?:\w+\s+)?(?:photos?|pictures?|days?|hours?|minutes?|years?|friends?|students?|classes|steps|notes|books?|"
    r"dollars|bucks|calls|shifts?)\b)|\bo\.?d'?ing\b|\boverdosing\b",
    # everyday spellings of the old categories (issue 15, dev4): a whole bottle swallowed, "cnt breathe", bleeding that
    # won't stop, can't wake someone, not moving on the floor, a tight throat, chest pain with a numb arm
    r"\b(?:swallowed|took|downed|ate|chugged|taken|drank|drunk)\s+(?:a|the|her|his|my|their|an entire|a whole|the whole|half a|"
    r"half the|half of the)\s+(?:whole\s+)?(?:bottle|box|pack|packet|strip|blister|jar|tub)\s+of\b(?!\s+(?:\w+\s+)?(?:water|"
    r"juice|wine|beer|soda|pop|vodka|milk|coke|gatorade|kombucha|cereal|chips|cookies|candy|lemonade|tea|coffee|smoothie|"
    r"sparkling|seltzer|champagne|whiskey|rum|tequila|gin|cider|sake|soju)\b)|\b(?:cnt|cnnt|cannt|kant|kan'?t|cn'?t|caint)\s+"
    r"(?:breath|breathe|breathing|breth|brethe)\b|\b(?:can'?t|cant|cannot) (?:breth|brethe|breeth)\b|"
    r"\bbleed\w*\b[^.?!]{0,30}\b(?:won'?t|wont|will not|doesn'?t|does not|isn'?t|is not|not) stop(?:ping)?\b(?! (?:me|us|him|her|them|my)\b)|"
    r"\b(?:can'?t|cant|cannot|couldn'?t|unable to) (?:wake|rouse) (?:my|our|the) (?!(?:phone|computer|laptop|screen|pc|mac|tablet|ipad|device|tv|kindle)\b)\w+\b|"
    r"\b(?:he'?s|she'?s|he is|she is|they'?re|they are|baby is|baby'?s)\s+not (?:moving|responding|waking up|answering|"
    r"breathing)\b|\bon the (?:floor|ground|bathroom floor)\b[^.?!]{0,30}\bnot (?:moving|responding|answering|waking)\b|"
    r"\bthroat\s+(?:feels?|is getting|getting|feels? so|feels? really)\s+(?:tight|closed|swollen|like it'?s closing)\b|"
    r"\b(?:can'?t|cannot|unable to) (?:move|feel|lift) (?:my|his|her|their) (?:\w+ )?(?:arms|legs|hands)\b|"
    r"\b(?:left |right )?arm (?:is |went |feels? )?(?:numb|tingly|tingling|heavy)\b[^.?!]{0,40}\bchest\b|"
    r"\bchest\b[^.?!]{0,40}\b(?:left |right )?arm (?:is |went |feels? )?(?:numb|tingly|tingling|heavy)\b",
    r"\bfoam(?:ing)? (?:at|from) the mouth\b(?=[^.?!]{0,40}\b(?:shak\w*|seiz\w*|jerk\w*|convuls\w*|not (?:breathing|"
    r"responding|waking)|collapsed|passed out|unconscious)\b)|\b(?:shak\w*|seiz\w*|jerk\w*|convuls\w*)\b[^.?!]{0,40}"
    r"\bfoam(?:ing)? (?:at|from) the mouth\b|\beyes (?:rolled|rolling) (?:back|up)\b",    # round 5 (f8): a colour change (lips or skin going blue, purple or grey), a household product or battery got
    # into, blood spurting, and sudden confusion in someone after a fall or with low sugar
    r"\b(?:lips?|face|skin|fingers?|fingertips|fingernails|nails|toes)\b(?:\s+(?:and|&)\s+(?:\w+\s+)?(?:lips?|face|skin|"
    r"fingers?|fingertips|nails))?\s+(?:(?:is|are|look|looks|looking|went|have gone|has gone|'s|'re|seem|seems)\s+)?"
    r"(?:(?:turning|going|gone|getting|kinda|kind of|all|so|really|a bit|a little)\s+)?(?:blue|purple|bluish|purplish|"
    r"grey|gray|ashen)\b(?![^.?!]{0,30}\b(?:from|after|because of|in) (?:the |a |my |his |her )?(?:popsicles?|slushies?|"
    r"slurpees?|candy|lollipops?|juice|berries|blueberries|lipstick|markers?|paint|dye|food colou?ring|ice pops?|freezies?|"
    r"costume|makeup|face paint|cold|pool|swim\w*|lake|ocean|sea|snow)\b)",
    r"\b(?:got into|bit|bit into|chewed|chewing|sucked on|licked|drank|drunk|swallowed|ate|eaten|had|drinking)\b[^.?!]{0,30}"
    r"\b(?:(?:laundry|detergent|dishwasher|tide) (?:pods?|tablets?|capsules?|packets?)|antifreeze|windshield (?:washer )?fluid|"
    r"washer fluid|drain cleaner|oven cleaner|toilet (?:bowl )?cleaner|lye|rat poison|weed killer|pesticide|insecticide|"
    r"lighter fluid|lamp oil|gasoline|kerosene|paint thinner|nail polish remover|iron pills|button batter(?:y|ies)|"
    r"magnets?)\b",
    r"\b(?:spurting|squirting|pulsing|pumping out|gushing out)\b|\b(?:won'?t|wont|will not|doesn'?t|isn'?t|not) stop "
    r"(?:spurting|squirting|gushing|pumping|pouring|pulsing)\b|\b(?:blood|cut|wound|gash)\b[^.?!]{0,30}\b(?:spurting|"
    r"squirting|pumping|pulsing|gushing)\b",
    r"\b(?:he|she|they|he'?s|she'?s|dad|mom|mum|husband|wife|grandma|grandpa|granny|son|daughter|partner|friend|brother|"
    r"sister|boyfriend|girlfriend|roommate|uncle|aunt|my \w+)\b[^.?!]{0,25}\b(?:is |'s |seems |suddenly |now )*(?:confused|"
    r"making no sense|not making (?:any )?sense|talking (?:nonsense|gibberish)|out of it|acting (?:drunk|weird|strange)|"
    r"doesn'?t know where (?:she|he|they) (?:is|are)|doesn'?t know what (?:day|year) it is)\b(?=[^.?!]{0,60}\b(?:sugar|"
    r"glucose|diabet\w*|insulin|meter|fell|fall|hit (?:his|her|their) head|says lo|reads lo)\b)|"
    r"\b(?:sugar|glucose|diabet\w*|insulin|fell|fall|hit (?:his|her|their) head)\b[^.?!]{0,60}\b(?:he|she|they|he'?s|she'?s|"
    r"shes|hes|dad|mom|mum|husband|wife|grandma|grandpa|son|daughter|partner|friend|my \w+)\b[^.?!]{0,25}\b(?:is |'s |seems "
    r"|suddenly |now )*(?:confused|making no sense|not making (?:any )?sense|talking (?:nonsense|gibberish)|out of it|"
    r"acting (?:drunk|weird|strange)|doesn'?t know where (?:she|he|they) (?:is|are)|doesn'?t know what (?:day|year) it is)\b",
    # probe 3: pain said to be unbearable after naming it; something eaten, then vomiting or a changed state (not a pet, not
    # "too much" of a treat)
    r"\b(?:headache|stomach pain|stomach ache|belly pain|abdominal pain|chest pain|pain)\s+(?:is\s+)?(?:so\s+|really\s+)?"
    r"(?:unbearable|excruciating|the worst (?:i'?ve|ive|i have) ever)\b|"
    r"^(?!.*\b(?:dog|cat|puppy|kitten|pet|hamster|bird|parrot|too much|lol|haha|lmao)\b).*?\b(?:ate|eaten|swallowed|drank|"
    r"chewed|got into)\b[^.?!]{0,50}\b(?:and|now|then)\b[^.?!]{0,15}\b(?:is |are |keeps |started |now )?(?:throwing up|"
    r"vomiting|puking|drooling|seizing|convulsing|twitching|unresponsive|not responding|hallucinating|(?:really|very|so) "
    r"(?:sleepy|drowsy)|hard to wake)\b",
    # probe 2: an allergen or a sting told first, then swelling or wheezing ("ate peanuts and his face is huge", "got stung
    # and now has hives everywhere and is wheezing")
    r"\b(?:ate|eaten|eating|had|stung|sting|bitten|bite|took|taking|after)\b[^.?!]{0,30}\b(?:face|lips?|tongue|throat|eyes?|"
    r"mouth)\b[^.?!]{0,15}\b(?:is |are |'s |went |got |getting |looks? )?(?:so |really |all )?(?:huge|massive|swollen|"
    r"swelling|puffed up|puffing up|blown up|ballooning|closing)\b|\bhives (?:all over|everywhere)\b|\b(?:hives|stung|sting|"
    r"swell\w*|allerg\w*|peanuts?|shellfish)\b[^.?!]{0,50}\bwheez\w*\b|\bwheez\w*\b[^.?!]{0,50}\b(?:hives|stung|sting|"
    r"swell\w*|allerg\w*|peanuts?|shellfish)\b",
    # round 6: a very high temperature with rigid muscles (malignant hyperthermia after anaesthesia, serotonin or
    # neuroleptic syndromes): "temperature is 40.5 and my muscles are rock hard"; either order, one sentence or two
    r"\b(?:temp\w*|fever)\b[^?!]{0,25}\b(?:4[0-2](?:[.,]\d)?|10[4-9](?:[.,]\d)?)\b(?:(?!\b(?:if|when|whether)\b)[^?!]){0,80}"
    r"\b(?:muscles?|jaw|body|legs|arms)\b"
    r"[^.?!]{0,20}\b(?:rock hard|rigid|stiff|locked|clenched|cramping)\b|\b(?:muscles?|jaw|body)\b[^.?!]{0,20}\b(?:rock hard|"
    r"rigid|locked)\b[^?!]{0,80}\b(?:temp\w*|fever)\b[^?!]{0,25}\b(?:4[0-2](?:[.,]\d)?|10[4-9](?:[.,]\d)?)\b",
]

INJECTION = [
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.?!]{0,40}\b(?:instructions?|rules?|prompts?|guidelines?|"
    r"directions|programming|restrictions?|safety|guardrails?|filters?|you (?:were|have been) told|your training)\b",
    r"\bsystem\s*prompt\b|\b(?:show|tell|print|reveal|repeat|share|output|display|list|paste|give)\b[^.?!]{0,25}"
    r"\byour\s+(?:\w+\s+)?(?:instructions|prompt|rules|guidelines|configuration|programming)\b|"
    r"\bwhat (?:are|were|is) your (?:\w+ )?(?:instructions|prompt|programming)\b",
    r"\b(?:show|tell|print|reveal|repeat|share|output|display|give)\b[^.?!]{0,30}\b(?:system|hidden|internal|secret|"
    r"initial)\s+(?:prompt|instructions|message|rules)\b",
    r"\bpretend\b|\brole[- ]?play\b|\b(?:you|u)\s+(?:to\s+)?act (?:as|like)\b|"
    r"\bact as (?:my|a|an) (?:doctor|physician|pharmacist|nurse|clinician|prescriber)\b|\byou are now\b|\bfrom now on,? you\b|"
    r"\bimagine you(?:'re| are)\b|\bplay the role\b|\bbe my (?:doctor|physician|pharmacist)\b",
    r"\bjailbreak\w*\b|\bdeveloper mode\b|\bdan mode\b|\bdo anything now\b|\bno restrictions\b|\bunfiltered\b|"
    r"\bwithout (?:any )?(?:rules|restrictions|filters|safety)\b",
    r"\bas if you (?:were|are)\b|\byou were my\b|\byou are no longer\b|\byou(?:'re| are) (?:now )?allowed to\b|\b(?:counselor|counsellor|doctor|admin|developer)s? "
    r"(?:said|says|told me) (?:you|that you)\b|\b\w+gpt\b|\bfor (?:a|my) (?:novel|story|book|screenplay|script|"
    r"game|play|poem)\b|\bwrite (?:the|a) (?:line|scene|dialogue)\b|\bhypothetically\b[^.?!]*\b(?:dose|mg)\b",
    r"\bnew (?:rule|instruction|policy)s?\b[^.?!]{0,30}\b(?:from|by)\b|\b(?:rule|message|instruction|update)s? from "
    r"(?:your|the) (?:developers?|admins?|creators?|team|company)\b|\byou (?:may|can) now\b",
    r"(?:^|\s|<\/?)(?:system|assistant|developer)\s*(?::|>)|\bnew instruction\w*\b|\b(?:if you|pretend you) had no "
    r"(?:rules|limits|restrictions)\b|\bno rules\b|\b(?:edit|change|alter|modify|rewrite|fake|falsify)\s+(?:my|the)\s+"
    r"(?:report|results?)\b|\b(?:act|talk|speak)\s+like\b|\b(?:grandma|grandmother|granny)\b[^.?!]*\b(?:read|tell|"
    r"used to|always)\b|\bignora\w*\b|\bolvida\w* (?:tus|las) (?:reglas|instrucciones)\b",
    r"\brepeat (?:the )?(?:text|words|everything) above\b|\bwhat were you told\b|\bhow were you (?:programmed|instructed)\b",
    r"\bi am (?:your|the) (?:developer|admin|administrator|creator|programmer)\b|\bas your (?:developer|admin)\b|"
    r"\bi(?:'m| am) a (?:doctor|physician|pharmacist|nurse)\b[^.?!]*\b(?:so|just)\b[^.?!]*\b(?:dose|tell me|give me)\b",
    # a game as the frame ("let's play a game where you are my doctor"), and a report made to say something else
    r"\b(?:let'?s|lets) play (?:a game|pretend)\b|\bplay a game (?:where|in which)\b|"
    r"\b(?:make|get|have|update|set|switch|turn)\s+(?:my|the)\s+(?:\w+\s+)?(?:report|results?)\s+(?:to\s+)?(?:say|show|"
    r"read|list)\b|\b(?:update|change|set|switch|turn)\s+my\s+[\w-]+\s+(?:result\s+)?to\s+(?:normal|\*\d)",
    # a persona with no limits, in either order ("you are DAN now and can do anything")
    r"\b(?:you|u)(?:'re| are| r) (?:now )?(?:dan|an? (?:unrestricted|unfiltered|jailbroken|uncensored|evil) \w+)\b|"
    r"\b(?:you|u) can (?:now )?(?:do|say) anything\b(?=[^.?!]{0,30}\b(?:now|you want|no rules|no limits)\b|\s*$)",
    # GeneChat asked to play a clinician ("simulate a doctor who can change my meds", "be a doctor for a minute and ...")
    r"\b(?:simulate|impersonate)\s+(?:a|an|my|the)\s+(?:\w+\s+)?(?:doctor|physician|pharmacist|nurse|clinician|"
    r"prescriber|gp|oncologist|specialist)\b|(?:^\W*|\b(?:you|u|can you|could you|please|pls|just)\s+)(?:be|become|play)\s+"
    r"(?:a|an|my|the)\s+(?:\w+\s+)?(?:doctor|physician|pharmacist|nurse|clinician|prescriber|gp|oncologist)\b"
    r"(?=[^.?!]{0,40}\b(?:and|who|that|for)\b)",
]

# Health topics with no genetics in them: out of scope (pointer to their clinician) when no gene,
# medicine or genetics term is named. Other people's reports are out of scope too.
OUT_OF_SCOPE = [
    r"\b(?:flu|covid|colds?|rash|eczema|acne|psoriasis|migraine|headaches?|back pain|sore throat|sinus\w*|"
    r"vaccines?|flu shot|booster|diet|weight loss|lose weight|keto|vitamins?|supplements?|sunburn|insomnia|"
    r"allerg(?:y|ies)|hay fever|snor\w*|hiccups?|constipat\w*|toothache|ear infection|pink eye|warts?|mri|x-?ray|ct scan|blood pressure reading|"
    r"cholesterol numbers|blood pressure|blood tests?|blood ?work|lab ?work)\b",
    r"\b(?:neighbou?r|friend|coworker|co-worker|boss|roommate|classmate|patient)'?s\s+(?:\w+\s+)?(?:report|results?|"
    r"test|dna|genes?|brca|genetic)\b|\bsomeone else'?s (?:report|results?)\b|"
    r"\b(?:neighbou?r|friend|coworker|boss|roommate|sister|brother|mom|mum|mother|dad|father|husband|wife|partner|"
    r"son|daughter|aunt|uncle|cousin)\s+(?:showed|sent|gave|forwarded)\s+me\s+(?:her|his|their)\b|"
    r"\bmy (?:dog|cat|pet|puppy|kitten|horse|dog's|cat's)\b|\b(?:homework|essay|assignment|worksheet|quiz|exam|"
    r"term paper|lab report for (?:school|class))\b|"
    r"\b(?:mom|mum|mother|dad|father|husband|wife|partner|sister|brother|boyfriend|girlfriend|son|daughter|aunt|"
    r"uncle|cousin)'?s\s+(?:\w+\s+){0,2}(?:results?|screening|test|report)\b|"
    r"\b(?:explain|read|interpret|look at|check)\s+(?:his|her|their)\s+(?:\w+\s+)?(?:report|results?|test)\b|"
    r"\b(?:my )?(?:coworker|co-worker|friend|neighbou?r|wife|husband|partner|boyfriend|girlfriend|dad|mom|father|mother)"
    r"\b[^.?!]{0,40}\b(?:look at it for (?:him|her|them)|here is (?:his|her|their) report|explain (?:his|her|their))\b|"
    r"\b(?:sister|brother|mom|mum|mother|dad|father|husband|wife|partner|son|daughter|aunt|uncle|cousin|"
    r"grandma|grandpa|grandmother|grandfather)'?s\s+(?:\w+\s+){0,2}report\b|"
    # (round 4: the report shown is theirs, or their result is asked about by name)
    r"\b(?:this|it|that|these|those|they)\s*(?:'s|is|are|'re)\s+(?:his|her|their)\s+(?:\w+\s+)?(?:report|results?|"
    r"panel|tests?|genes|dna)\b|\b(?:these|those|the|this|that)\s+(?:results?|report|panel|tests?)\s+(?:is|are)\s+"
    r"(?:my\s+)?(?:wife|husband|partner|mom|mum|mother|dad|father|sister|brother|son|daughter|friend|boyfriend|"
    r"girlfriend|kid|child)'?s\b|"
    r"\bwhat\s+(?:his|her|their)\s+[\w*/-]+\s+(?:\w+\s+)?(?:means?|says?|shows?)\b|"
    r"\bmy\s+(?:wife|husband|partner|mom|mum|mother|dad|father|sister|brother|son|daughter|friend|boyfriend|"
    r"girlfriend)\s+(?:uploaded|sent|put)\s+(?:this|it|(?:his|her|their)\s+\w+)\b",
]

ESCALATE = {
    "dosing": [
        # "dose" written for "does" ("wat dose my cyp2d6 result mean") asks what a result means, not about a dose
        r"\bdos(?:es|age|ages|ing)\b|\bdose\b(?!\s+(?:my|it|this|that|these|those|the|your|he|she|they|i|a|an)\b"
        r"[^.?!]{0,40}\b(?:mean|means|meen|work|works|affect|affects|say|says|matter|matters|show|shows|tell|apply|"
        r"have|has|make|change|need)\b)(?![^.?!\d]{0,50}\b(?:mean|means|meen|meens|mena)\b"
        r"(?!\s+(?:i|we|you|he|she)\s+(?:\w+\s+)?(?:need|should|take|have|must|can)\b))|\bmilligrams?\b|\b\d+\s*(?:mg|mcg|µg|ml|units?)\b|\bmg\b",
        r"\bhow (?:much|many)\b[^.?!]{0,30}\b(?:should i|can i|do i|to|should he|should she) (?:take|give|use|have)\b|"
        r"\bhow (?:much|many)\b[^.?!]{0,30}\b(?:is (?:ok|okay|safe|too much|too many|fine)|can i have|am i allowed)\b|"
        r"\b(?:take|taking|use|using)\s+(?:less|more|a lower|a higher|a smaller|a bigger|a half)\b|"
        r"\bhow many (?:pills|tablets|capsules)\b|\b(?:take|taking|took|have)\s+(?:two|three|2|3|double|extra|more|less|"
        # ("I have an extra copy of the gene" is a duplication, not a dose)
        r"half|an extra|a second|another)\s+(?!(?:copy|copies|version|versions|allele|alleles|gene|genes)\b)"
        r"(?:\w+\s+)?(?:at once|pills?|tablets?|doses?|of (?:my|the|it)|"
        r"tramadol|codeine|plavix|clopidogrel|warfarin|than)\b|\b(?:less|more|extra|double)\s+(?:of\s+)?(?:my|the|it)\b",
        r"\bhow often (?:should|can|do) i (?:take|use)\b|\b(?:double|half|halve|split)\b[^.?!]*\b(?:pills?|tablets?|dose)\b",
        r"\b(?:stronger|weaker|bigger|smaller|higher|lower|extra)\s+(?:amount|strength|pill)\b",
    ],
    "medication_change": [
        r"\b(?:stop|stopping|quit|quitting|discontinue|come off|coming off|get off|go off|wean|taper|cut out)\b"
        # (not a job, a lease or a pet: "planning to quit my job", "how do I stop my cat from scratching")
        r"(?!\s+(?:my |the |this |that |a |your |our )?(?:job|jobs|work|gym|team|band|class|classes|school|course|lease|"
        r"subscription|membership|relationship|cat|dog|puppy|kitten|car)\b(?!'s))"
        r"[^.?!]{0,40}\b(?:tak\w*|my|the|this|it|meds?|medicines?|medications?|drugs?|pills?|treatment|therapy)\b",
        r"\b(?:i|me|we|you|to|should|could|can|do|don'?t|did|need to|want to|going to|gonna)\s+(?:\w+\s+){0,2}"
        r"(?:start|starting|begin|switch|switching|swap|change|changing|replace|substitute)\b[^.?!]{0,40}"
        r"\b(?:tak\w*|meds?|medicines?|medications?|drugs?|pills?|prescription|"
        r"treatment|therapy|statin|antidepressant|blood thinner|painkiller|inhaler)\b",
        r"\b(?:switch|switching|swap|move|moving|go|put me)\s+(?:me\s+)?(?:over\s+)?to\s+(?:a |another |something |a different )",
        r"\b(?:increase|decrease|reduce|raise|lower|adjust|cut back|cut down)\b[^.?!]{0,30}\b(?:my|the|it|meds?|"
        r"medicines?|medications?|amount|pills?)\b",
        r"\b(?:should|can|could|may|do|must|shall|would)\s+(?:i|we|he|she)\s+(?:just\s+|still\s+|now\s+)?(?:stop|quit|"
        r"discontinue|skip|drop|ditch|switch|change|start|begin|restart|lower|raise|increase|decrease|reduce|double|halve|"
        r"pause|come off|get off|go off)\b(?!\s+(?:\w+\s+)?(?:mammo\w*|colonoscop\w*|screening|mris?|scans?|tests?|"
        r"testing|checkups?))|\b(?:i(?:'?m| am)?\s+(?:want|wanting|going|planning|thinking|about|considering)"
        r"\s+(?:to|of|about)?\s*|i'?ll\s+|i will\s+|i might\s+|is it (?:ok|okay|safe|fine|alright) to\s+)(?:stop|stopping|"
        r"quit|quitting|skip|skipping|switch|switching|change|changing|start|starting|lower|lowering|double|doubling|"
        r"come off|coming off|get off|getting off|go off|going off)\b",
        r"\bshould i (?:be )?(?:take|taking|keep taking|still take|continue|avoid|use|ask for|stay on|go on)\b",
        r"\b(?:can|could|may) i (?:still )?(?:take|use|have|keep taking|go on|stay on|drink)\b",
        r"\b(?:is|are|would)\b[^.?!]{0,40}\b(?:safe|ok|okay|alright|dangerous|risky|good|bad)\s+(?:for me|to take|"
        r"for my|with my|given my|to use)\b|\bsafe for me\b|\bok for me\b|\bokay for me\b|\bsafe to (?:take|use)\b",
        r"\b(?:which|what)\s+(?:\w+\s+)?(?:medicine|medication|drug|statin|antidepressant|painkiller|pain reliever|"
        r"blood thinner|ssri|opioid|pill)s?\s+(?:should i|should we|would be (?:best|better|safer)|is (?:best|better|"
        r"safer|right) for me|works? (?:best|better) for me|can i|do you recommend|would you recommend)\b|"
        r"\b(?:recommend|suggest)\b[^.?!]{0,30}\b(?:medicine|medication|drug|pill|statin|antidepressant|for me)\b",
        r"\b(?:alternative|instead of(?! (?:calling|texting|going|waiting|driving|walking|emailing|typing|talking|"
        r"dialing|writing))|different (?:medicine|drug|medication|one))\b",
        r"\bdo i need (?:a |to )?(?:different|new|another|change|stop|switch|lower|higher)\b",
        r"\bwill\b[^.?!]{0,30}\b(?:work|be effective|work well) for me\b",
        # a plan of which medicines to take is a prescriber's decision, however it is asked for
        r"\b(?:write|make|create|draft|give|build|plan)\s+(?:me\s+|up\s+)?(?:a\s+|my\s+)?(?:full\s+|new\s+|complete\s+)?"
        r"(?:medication|medicine|meds|treatment|drug|prescription)\s+(?:plan|regimen|schedule|list)\b|"
        r"\b(?:medication|medicine|treatment|drug)\s+(?:plan|regimen)\s+(?:for me|based on|from|using|with)\b",
    ],
    "family_testing_decision": [
        r"\b(?:should|do|does|must|need|needs|ought|can|could)\b[^.?!]{0,50}\b(?:kids?|children|child|sons?|daughters?|"
        r"sisters?|brothers?|siblings?|mom|mum|mother|dad|father|parents?|family|relatives?|cousins?|aunts?|uncles?|"
        r"husband|wife|partner|grandchild\w*|nieces?|nephews?)\b[^.?!]{0,40}\b(?:tested|testing|screened|screening|checked|colonoscop\w*|mammograms?|"
        r"test(?!\s+results?))\b",
        r"\b(?:test|testing|screen)\s+(?:my|our)\s+(?:kids?|children|child|sons?|daughters?|sisters?|brothers?|"
        r"siblings?|family|relatives?|parents?)\b",
        r"\b(?:tell|warn|inform)\s+my\s+(?:family|relatives|kids|children|sisters?|brothers?|siblings?|parents)\b",
        r"\b(?:family|relatives|kids|children|siblings|sisters?|brothers?|parents?|daughters?|sons?)\b[^.?!]{0,20}\b(?:to )?"
        r"(?:get|be|have)\s+(?:\w+\s+)?(?:tested|testing|screened)\b",
        # a relative's own risk ("is my sister affected too?") is a personal interpretation for a counselor
        r"\b(?:is|are|will|would|could|might|does|do)\s+my\s+(?:kids?|children|child|sons?|daughters?|sisters?|"
        r"brothers?|siblings?|mom|mum|mother|dad|father|parents?|family|relatives?|cousins?|grandchild\w*|baby)\b"
        r"[^.?!]{0,30}\b(?:affected|have (?:it|this|that|the same)|get (?:it|this|that)|carr(?:y|ies|iers?)|"
        r"at risk|inherit\w*|get\b[^.?!]{0,30}\bfrom me)\b",
        # what the result means for the children is their own risk too: the same decision as above, however worded
        r"\b(?:pass|passed|passing|give|gave|given|giving|hand|handed)\s+(?:(?:my|the|this|that)\s+)?(?:it|this|that|"
        r"gene|variant|mutation|\w+ syndrome|lynch|brca\d?|\w+ thing)?\s*(?:on |down )?"
        r"(?:to|onto)\s+my\s+(?:kids?|children|child|sons?|daughters?|baby|grandchild\w*)\b|"
        r"\bmeans?\s+for\s+my\s+(?:kids?|children|child|sons?|daughters?|baby)\b|"
        r"\baffects?\s+my\s+(?:kids?|children|child|sons?|daughters?|baby)\b",
        # the relative first, then the duty: "my partner must do the carrier test also?", "my son has to take the test?"
        r"\b(?:kids?|children|child|sons?|daughters?|sisters?|brothers?|siblings?|mom|mum|mother|dad|father|parents?|"
        r"family|relatives?|husband|wife|partner|spouse|boyfriend|girlfriend|bf|gf|fianc\w*)\b[^.?!]{0,20}\b(?:must|"
        r"should|need|needs|has to|have to|ought to)\b[^.?!]{0,15}\b(?:do|take|get|have|make)\s+(?:the |a |this |that )?"
        r"(?:\w+\s+)?tests?\b",
    ],
    "pregnancy_decision": [
        r"\bpregnan\w*\b|\bconceiv\w*\b|\bivf\b|\bembryos?\b|\bprenatal\b|\bttc\b|\bbreast[- ]?feed\w*\b|"
        r"\bfamily planning\b|\b(?:have|having|start|starting)\s+(?:a )?(?:baby|babies|kids|children|a family)\b|"
        r"\bexpecting a baby\b|\bmy unborn\b|\bfetus\b|\bpgt\b|\bamnio\w*\b",
    ],
    "diagnosis_or_risk_decision": [
        r"\bdo i have\b[^.?!]{0,40}\b(?:cancer|disease|syndrome|condition|disorder|lynch|cf|cystic fibrosis|"
        r"hemochromatosis)\b|\b(?:am i going to|will i|could i|might i)\s+(?:get|develop|die of|have)\s+(?:\w+\s+){0,3}"
        r"(?:cancer|disease|syndrome|condition|disorder|clots?|stroke|dementia|alzheimer'?s|diabetes|lynch|it)\b",
        r"\b(?:what are|what's|what is)\s+my\s+(?:chances?|odds|risk|percentage|likelihood)\b|\bmy (?:chances?|odds)\b|"
        r"\bmy (?:\w+ )?risk (?:of|for)\b|\b(?:begin|start|get|have|schedule)\s+(?:\w+\s+)?(?:mammograms?|colonoscop\w+|"
        r"breast mris?|screenings?)\b|\b(?:need|get|have)\s+(?:more|extra|earlier|yearly|annual)\s+(?:screening|"
        r"mammograms?|colonoscop\w+|mri|scans?|checkups?)\b|"
        r"\bhow likely (?:am i|is it that i)\b|\bpercent(?:age)? chance\b",
        r"\bshould i (?:get|have|do|schedule|book|consider|go for)\b[^.?!]{0,30}\b(?:surgery|mastectomy|hysterectomy|"
        r"oophorectomy|ovaries|breasts?|screening|colonoscopy|mammograms?|mri|scan|biopsy|test(?:ing)?|removed)\b",
        r"\b(?:need|have|get|should)\b[^.?!]{0,25}\b(?:breasts?|ovaries|ovary|uterus|womb|colon|thyroid|stomach|tubes)\s+"
        r"(?:removed|taken out|out)\b|\bremov\w* my (?:breasts?|ovaries|uterus|colon)\b|"
        r"\b(?:diagnos\w*|prognosis)\b[^.?!]{0,20}\b(?:me|my)\b",
        r"\bdo i need (?:a |an )?(?:surgery|mastectomy|colonoscopy|mammogram|mri|screening|scan)\b",
    ],
    "disagrees_with_report": [
        r"\b(?:report|result|results|lab|test)\b[^.?!]{0,30}\b(?:is|are|was|were|must be|seems?|looks?)\s+"
        r"(?:wrong|incorrect|mistaken|a mistake|an error|inaccurate|false|mixed up)\b",
        r"\b(?:don'?t|do not|dont) (?:believe|trust|agree with)\b[^.?!]{0,30}\b(?:report|result|results|lab|test)\b",
        r"\b(?:mistake|error|wrong person|mix-?up)\b[^.?!]{0,30}\b(?:report|result|lab)\b|\bretest\w*\b|"
        r"\b(?:another|other|different|second|first|older|old|previous|earlier|prior|last) (?:lab|test|report)s?\b"
        r"[^.?!]{0,40}\b(?:said|says|found|showed|shows|had|has)\b|"
        r"\b(?:23andme|ancestry|another company|my other test)\b[^.?!]{0,30}\b(?:says?|said|shows?|showed)\b|"
        r"\bsays? something (?:else|different)\b|\bgot\b[^.?!]{0,30}\bwrong\b|"
        r"\b(?:doesn'?t|does not|don'?t) match\b|\b(?:can'?t|cant|cannot|couldn'?t) be (?:right|true|correct|mine)\b|"
        r"\bmust (?:of|have) made a mistake\b|\b(?:surely|clearly) (?:my |the |these |this )?(?:results?|report|test)\b"
        r"[^.?!]{0,15}\bwrong\b",
        # a sample mix-up is a challenge to the report however it is worded
        r"\b(?:mixed up|mix-?up|swapped|switched|confused|lost|contaminated)\b[^.?!]{0,30}\b(?:samples?|specimens?|"
        r"swabs?|spit|saliva|blood|tubes?|kits?)\b|\b(?:samples?|specimens?|swabs?|tubes?|kits?)\b[^.?!]{0,30}"
        r"\b(?:mixed up|swapped|switched|wrong|someone else'?s|not mine)\b",
    ],
    "wants_human": [
        r"\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a |an |someone|somebody|real|actual|human|person|counsel\w*|"
        r"genetic|doctor|expert|professional|nurse|pharmacist)\b",
        r"(?<!are you a )(?<!are u a )\b(?:real|actual|live)\s+(?:person|human|people)\b|\bhuman being\b|"
        r"\b(?:like|want|need|prefer) (?:a|an|some) (?:human|person|people)\b|\bcounsel(?:or|lor)\b[^.?!]{0,20}"
        r"\b(?:call|contact|reach|talk|speak|connect|appointment|go over|explain|review|meet|see|help)\b|\b(?:call|contact|reach|connect)\b[^.?!]{0,20}"
        r"\bcounsel(?:or|lor)\b|\bcall me\b|\bhave someone\b|"
        r"^\W*(?:an?\s+)?(?:human|person|agent|operator)\s*(?:pls|please|plz|now|asap)?\W*$|"
        r"\b(?:connect|put|transfer|pass)\s+me\s+(?:through\s+)?(?:to|with)\s+(?:someone|somebody|a (?:real )?(?:person|"
        r"human)|a counsell?or)\b",
        r"\b(?:scared|terrified|freaking out|panicking|overwhelmed|devastated|can'?t stop crying|so worried|anxious)\b",
    ],
}

# Generic phrasings ("should I use ...", "diagnose my ...") that also fit questions about other conditions
# ("what cream should I use for eczema"): a confident out-of-scope vote may override them when the
# message names no gene, medicine or genetics term. Names are "<reason>#<index in its list>".
# (rules are named by list position: add new patterns at the end of a list so these names keep pointing right)
WEAK_RULES = {"medication_change#3", "medication_change#4", "medication_change#5", "medication_change#6",
              "diagnosis_or_risk_decision#3"}
# Rules a confident "answer" vote may override (distress words in a plain "what does it mean" question).
SOFT_RULES = {"wants_human#2", "diagnosis_or_risk_decision#0"}

# Plain explanation questions about a result ("does my CYP2D6 matter for Zofran", "is my TPMT ok"):
# answered unless the classifier is very sure they need a person.
ANSWER_HINTS = [
    r"\b(?:does|do|will|would|is|are)\s+(?:my\s+)?(?:\w+\s+){0,2}(?:result\s+|gene\s+|status\s+)?(?:(?:matter|apply|"
    r"relate|count|make a difference|change anything)\w*\s+(?:for|to|with|on)|affect\w*)\b",
    r"\b(?:summari[sz]e|explain|go over|go through|run through|walk me through|break down|read|sum up|recap)\s+"
    r"(?:me\s+)?(?:my|the|this)\s+"
    r"(?:\w+\s+)?(?:report|results?)\b|"
    # a summary asked for by another name ("give me the short version of my results", "the gist of my report")
    r"\b(?:(?:short|quick|simple|brief|plain|easy)\s+version|tl;?dr|gist|overview|rundown|summary)\s+of\s+(?:my|the|this)\s+"
    r"(?:\w+\s+)?(?:report|results?)\b",
    # "which one is the big one": which of my results matters most
    r"\bwhich (?:one|result|gene|finding)s? (?:is|are|matters?) (?:the )?(?:big|biggest|main|most important|worst|"
    r"important|serious)\b",
    r"\bis my\s+(?:\w+\s+){0,2}(?:result\s+)?(?:ok|okay|normal|good|bad|fine|common|rare|typical)\b",
    r"\b(?:what|whats|what's)\s+(?:is\s+)?my\s+(?:\w+\s+){0,2}(?:result|status|type|genotype|diplotype)\b",
    r"\b(?:did|does|was|were)\s+(?:my|the|this)\s+(?:test|report|panel|lab)\s+(?:check|include|cover|test|look at|"
    r"say|list|mention)\b",
    r"\bwhat (?:does|do|did)\b[^.?!]{0,60}\b(?:mean|say)\b",
    r"\bare (?:you|u) (?:a |an )?(?:real person|human|bot|robot|ai|computer|machine)\b",
    # how to delete one's own data here: a privacy question GeneChat answers (the widget's "Delete my data")
    r"\b(?:delete|erase|remove|wipe|clear)\b[^.?!]{0,30}\b(?:my|this)\s+(?:data|information|info|account|report|"
    r"results?|chat|conversation|history|details|stuff|things|uploads?|files?)\b",
    # "i take tamoxifen, is my report relevant to it": whether a result concerns a medicine is explained, not decided
    r"\b(?:is|are)\s+(?:my|the|this)\s+(?:\w+\s+)?(?:report|results?|genes?|test)\s+(?:\w+\s+)?(?:relevant|related|"
    r"linked|connected|important)\s+(?:to|for|with)\b",
    # "which cancers go along with lynch syndrome": what a condition involves, not one's own risk
    r"\b(?:what|which)\s+(?:kinds? of\s+|types? of\s+)?(?:cancers?|conditions?|diseases?|health problems?|medicines?|"
    r"drugs?)\s+(?:go (?:along )?with|are (?:linked|tied|connected|related|associated) (?:to|with)|come with|are part of)\b",
    # "tell me what my DPYD says": a result question, worded without "does"
    r"\b(?:tell|show|explain to)\s+me\b[^.?!]{0,20}\bwhat my\b|\bwhat my\s+(?:\w+\s+){0,3}(?:says?|means?|shows?)\b",
    # "going crazy trying to figure out my CFTR result": wanting to understand a result, whatever the mood around it
    r"\b(?:understand|figure out|make sense of|get my head (?:around|round)|wrap my head around)\s+(?:\w+\s+)?"
    r"(?:my|the|this)\s+(?:\w+\s+){0,2}(?:results?|report|gene)\b",
    # "how do i get my data deleted": deleting one's data, the object first
    r"\b(?:my|this)\s+(?:data|information|info|account|report|results?|chat|conversation|history|details)\s+"
    r"(?:deleted|erased|removed|wiped|cleared)\b",
]

SAFETY_ORDER = {"emergency": 3, "escalate": 2, "decline": 1, "answer": 0}


@dataclass
class RuleHit:
    action: str
    reason: str
    rule: str


@dataclass
class RuleResult:
    hits: list[RuleHit] = field(default_factory=list)
    masked: bool = False  # a benign idiom was masked: the classifier's alarm vote is not trusted

    def strongest(self) -> RuleHit | None:
        """The hit that wins: emergency > prompt injection > escalate (self-harm beats other emergencies)."""
        if not self.hits:
            return None
        rank = {"self_harm": 6, "emergency_symptoms": 5, "prompt_injection": 4, "out_of_scope": -1, "answer": -2}
        return max(self.hits, key=lambda h: (rank.get(h.reason, 0), SAFETY_ORDER[h.action]))


def _compile(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in patterns]


_BENIGN = _compile(BENIGN)
_TABLE: list[tuple[str, str, list[re.Pattern[str]]]] = [
    ("emergency", "self_harm", _compile(EMERGENCY_SELF_HARM)),
    ("emergency", "emergency_symptoms", _compile(EMERGENCY_SYMPTOMS)),
    ("decline", "prompt_injection", _compile(INJECTION)),
] + [("escalate", reason, _compile(pats)) for reason, pats in ESCALATE.items()] + [
    ("decline", "out_of_scope", _compile(OUT_OF_SCOPE)),
    ("answer", "answer", _compile(ANSWER_HINTS)),
]


def normalize(text: str) -> str:
    """Lower-case and straighten quotes so patterns see one spelling of "don't"."""
    return text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")


@cache
def _screens() -> tuple[Screen, Screen, tuple[tuple[int, int], ...]]:
    """Screens over the benign idioms and over every rule of ``_TABLE`` in its order, with each rule's place
    (row, index in the row); built on first use or at warm-up, not at import (reading the patterns takes ~40 ms)."""
    places = tuple((row, i) for row, (_, _, pats) in enumerate(_TABLE) for i in range(len(pats)))
    return Screen(_BENIGN), Screen([pat for _, _, pats in _TABLE for pat in pats]), places


def warm_up() -> None:
    _screens()


def mask_benign(text: str) -> tuple[str, bool]:
    # each idiom in turn, as a loop over them all would; the screen skips those that cannot match
    return _screens()[0].mask(normalize(text), " _ ")


def emergency_spans(text: str, names: list[str]) -> list[str]:
    """What each named English emergency rule (``self_harm#N``, ``emergency_symptoms#N``) matched in the message (after
    masking harmless idioms), every occurrence: the words the alarm rests on."""
    masked, _ = mask_benign(text)
    table = {"self_harm": EMERGENCY_SELF_HARM, "emergency_symptoms": EMERGENCY_SYMPTOMS}
    spans: list[str] = []
    for name in names:
        reason, _, i = name.partition("#")
        if reason in table and i.isdigit():
            spans += [m.group(0) for m in re.finditer(table[reason][int(i)], masked, re.IGNORECASE)]
    return spans


def match_rules(text: str) -> RuleResult:
    """Every rule that fires on the message (after masking harmless idioms)."""
    masked, was_masked = mask_benign(text)
    result = RuleResult(masked=was_masked)
    _, screen, places = _screens()
    done: set[int] = set()
    for k in screen.candidates(masked):  # table order; in each row the first pattern that fires names the hit
        row, i = places[k]
        if row in done or not screen.patterns[k].search(masked):
            continue
        action, reason, _ = _TABLE[row]
        result.hits.append(RuleHit(action, reason, f"{reason}#{i}"))
        done.add(row)
    return result
