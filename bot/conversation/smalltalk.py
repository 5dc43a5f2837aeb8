"""Short social messages ("hi", "thanks", "yes please" after a counselor offer) get fixed, kind replies.

Checked only after triage found no rule-based concern, and only for messages that are nothing but
the social phrase, so "thanks, but should I stop my plavix?" is never mistaken for small talk.

>>> detect("thanks so much!", [])
'thanks'
>>> detect("thanks, should I stop plavix?", []) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.reply import Turn, last_bot_turn
from bot.safety import wording
from bot.safety.calm import (
    CLOSING,
    THANKS_WORDS,
    asks_for_more,
    asks_to_say_again,
    bare_goodbye,
    introduction,
    thanks_with_praise,
)
from bot.safety.statements import tells_condition

_PATTERNS = {
    "greeting": r"(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))(?: there)?",
    # (an acknowledgement may come first: "ok thank you", "great, thanks a lot, that helps")
    "thanks": r"(?:(?:i feel (?:a (?:bit|lot|little) |much |so much )?better(?: now)?[,!.]? )?"
              # (stop 44, eighth pass M12: "thnx", "tysm", "much appreciated", "thx for ur help" were declined)
              rf"(?:(?:ok(?:ay)?|great|cool|got it|perfect|awesome|alright|nice|k)[,!.]? ){{0,3}}(?:{THANKS_WORDS})"
              r"(?: (?:so|very) much| a lot| again)?(?: for (?:your|ur|the|all (?:the|your|ur)) help| for everything|"
              # (stop 44, eighth pass M12: "thanks for listening", "ok thank you for being patient with me")
              r" for (?:listening|explaining(?: (?:it|that|this|all this))?|your time|helping(?: me)?|being (?:so )?"
              r"(?:patient|kind)(?: with me)?))?"
              r"(?:[,!.]? (?:(?:really|very|super|so) useful|"
              r"(?:that|this|it) (?:helps|helped|is helpful|was "
              r"helpful|makes sense)(?: a lot)?|(?:really|very|super|so) helpful|"
              # (stop 43, seventh pass M15: "thanks, you've been helpful" was declined on every report)
              r"(?:you'?ve been|you have been|you'?re|you are|ur) (?:(?:really|very|super|so|such) )?(?:great|helpful|"
              r"a (?:great |big |real )?help|amazing|brilliant|the best)))?"
              # (stop 37) an acknowledgement alone: "ok got it", "that makes sense", "good to know", "perfect"
              r"|(?:ok(?:ay)?[,!.]? )?(?:got it|that makes sense|makes sense|good to know|perfect|that helps|that helped|"
              r"understood|noted))",
    # (stop 46, eleventh pass W6: "hi what can you do", "what can you help with?" were declined with no report)
    "capabilities": r"(?:(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))[,!.]? )?(?:what (?:else )?can (?:you|u) do|"
                    r"what do you do|how does this (?:chat |bot |app )?work|how can (?:you|u) help(?: me)?|"
                    r"what (?:can|could) (?:you|u) help (?:me )?with|what are you|who are you|are you (?:a |an )?(?:doctor|"
                    r"real doctor|nurse|bot|robot|ai|real person|human))",
    # how to get a report in, not a question about one: "can you read my pdf", "i only have a paper copy"
    "upload": r"(?:(?:can|do) you (?:read|open|take|accept|see|look at) (?:my |a |the |this )?(?:pdf|file|report|results?"
              r"|paper copy|printout)s?|how (?:do|can) i (?:upload|add|send|attach|put|get|share|give you) (?:my |the |a )?"
              r"(?:report|results?|file|pdf|paper copy|printout)(?: (?:in|into|to) (?:here|this|the chat|you))?"
              r"|(?:i (?:only )?have|my doctor gave me|they gave me|all i have is) (?:a |the |my )?(?:paper|printed) "
              r"(?:copy|report|version)(?:,? how (?:do|can) i (?:get|put|add|upload) it (?:in )?(?:here|in))?)",
    # a conversation opener that asks nothing yet ("can you help me", "i have a question"): what GeneChat can do
    "opener": r"(?:(?:hi|hello|hey)[,!.]? )?(?:(?:can|could) (?:you|u) help(?: me)?(?: out)?|(?:i|we) (?:need|want|would "
              r"like) (?:some |a little )?help|i (?:have|got) (?:a|some|one|a few|a couple of)(?: quick)? questions?|"
              r"(?:can|could|may) i ask (?:you )?(?:a|some|something|a few)(?: quick)?(?: questions?)?)"
              r"(?:[,!.]? (?:please|pls|plz))?",
    # a closing that says the writer will be back or wishes a good day (never a bare "bye": see bot/safety/calm.py)
    "closing": rf"(?:(?:ok(?:ay)?|thanks|thank you|great|cool)[,!.]? ){{0,2}}(?:{CLOSING})"
               rf"(?:[,!.]? (?:{THANKS_WORDS}|bye|goodbye)(?: (?:so|very) much| again)?)?",
    "yes": r"(?:yes|yes please|yeah|yep|sure|ok(?:ay)?|please do|please|i would like that|that would help|"
           r"yes,? connect me|connect me)",
    # (stop 38) an acknowledgement or a no, with nothing asked: "ok", "k", "no", "i see", "👍" had asked a counselor
    # to follow up ("I'm not sure I can answer that safely")
    "ack": r"(?:(?:(?:ok(?:ay|ey)?|k+|kk|alright|all right|sure|cool|fine|right|i see|oh|ah|hmm+|hm+|no|nope|nah|"
           r"no thanks|no thank you|yes|yeah|yep|yup|great|nice|good|wow|oh ok(?:ay)?|ok(?:ay)? then|lol|lmao|haha+|hehe)"
           r"[\s,.!]*){1,3}"
           r"|[\s.!]*(?:👍|👌|🙂|😊|🙏|✅|👍🏻|👍🏼|👍🏽|👍🏾|👍🏿)+)",
    # a request to say more, or a reply the writer did not follow: "??", "huh", "what?", "and?", "so?"
    "unclear": r"(?:(?:huh|what|wut|wat|eh|pardon|sorry|and|so|meaning|i don'?t (?:get|understand)(?: it)?|"
               r"(?:i'?m |im )?(?:confused|lost))\s*\?*|\?+)",
    # the help numbers asked for, nothing happening: "what's the number for poison control", "uk emergency number?"
    "numbers": r"(?:(?:hi|hey|ok(?:ay)?|so|quick question)[,!.:]? )?(?:(?:what(?:'s| is)|whats|wats|what are|tell me|give me|"
               r"do you (?:have|know))\s+)?(?:the\s+|a\s+)?(?:(?:phone\s+)?numbers?\s+(?:for|of|to call(?: for)?)\s+"
               r"(?:the\s+)?(?:poison control|poison (?:center|centre|line|helpline)|an? ambulance|emergencies|emergency services|"
               r"(?:the\s+)?(?:crisis|suicide) (?:line|hotline|helpline))|(?:poison control|emergency|ambulance|crisis line|"
               r"suicide (?:hotline|line)|helpline)\s+(?:phone\s+)?numbers?)(?:\s+(?:in|for)\s+(?:the\s+)?[a-z]+(?: [a-z]+)?)?",
    # a sad face alone: a kind word and the counselor offer, not the refusal or the crisis reply
    # (stop 44, eighth pass M12: "omg" and "oh no" alone were declined as off topic)
    "sad": r"(?:(?:😢|😞|🙁|☹️?|😭|😟|😔|😥|😿|💔|:\(|:'\()+|(?:omg|oh my god|oh my gosh|oh no+|yikes|jeez|geez)[\s!.]*)",
}
_COMPILED = {k: re.compile(rf"^\s*{v}\s*[.!?]*\s*$", re.IGNORECASE) for k, v in _PATTERNS.items()}
_CRISIS_LINE = re.compile(r"\b988\b")  # the check-in and crisis replies name it (wording.py)
_OFFER = re.compile(r"connect you with a genetic counselor", re.IGNORECASE)


def detect(text: str, history: Sequence[Turn]) -> str | None:
    """greeting | thanks | closing | capabilities | upload | opener | ack | unclear | sad | numbers | told |
    accept_counselor | None.

    >>> detect("can you help me", []), detect("i have a question", []), detect("can you help me stop plavix", [])
    ('opener', 'opener', None)
    >>> detect("ok", []), detect("??", []), detect("huh?", []), detect("🙁", []), detect("ok i took them all", [])
    ('ack', 'unclear', 'unclear', 'sad', None)
    """
    last_bot = last_bot_turn(history)
    if _COMPILED["yes"].match(text) and last_bot is not None and _OFFER.search(last_bot.text):
        # (after an escalation a counselor is already asked: a "yes" to it is an acknowledgement, not a second request)
        return "ack" if last_bot.action == "escalate" else "accept_counselor"
    answered = last_bot is not None and last_bot.action == "answer"
    if ends_chat(text, history):
        return "closing"  # "bye" after answers ends the chat (without them, or after a crisis line: the check-in tier)
    if asks_for_more(text) or asks_to_say_again(text):
        # "tell me more", "huh?", "explain simpler": the last answer's topic again (understand.py), else what to ask
        return None if answered and (last_bot.genes or last_bot.drugs) else "unclear"
    for kind in ("greeting", "thanks", "closing", "capabilities", "upload", "opener", "ack", "unclear", "sad", "numbers"):
        if _COMPILED[kind].match(text):
            return kind
    if introduction(text):  # "Good morning. My name is Rin. I am from Vietnam."
        return "greeting"
    if thanks_with_praise(text):  # "this was super helpful, cheers"
        return "thanks"
    return "told" if tells_condition(text) else None


def ends_chat(text: str, history: Sequence[Turn]) -> bool:
    """A bare goodbye after a chat that had answers or escalations and no crisis line: the usual end of a chat (stop
    45, tenth pass N4: "ok goodbye" after an escalation had the crisis reply from the alarm model at 0.92)."""
    return bare_goodbye(text) and any(t.role == "bot" and t.action in ("answer", "escalate") for t in history) \
        and not had_crisis(history)


def had_crisis(history: Sequence[Turn]) -> bool:
    """The chat already had an emergency reply or a crisis line (988): a goodbye after it may be a farewell."""
    return any(t.role == "bot" and (t.action == "emergency" or bool(_CRISIS_LINE.search(t.text))) for t in history)


# The answer hint for finding the report in the app (bot/safety/english/answer_hints.yaml): a question about the
# service, however it is put ("heart attack moment: where's my report?"), answered with how to get back to it; a
# search would fill the reply with whatever the other words matched (stop 37)
FIND_REPORT_RULE = "answer#19"


_ADDS_A_REPORT = re.compile(r"\b(?:put|upload\w*|add|send|attach|drop|submit|give)\b", re.IGNORECASE)


def asks_where_the_report_is(text: str, rules: Sequence[str], names_a_result: bool) -> bool:
    """The message asks where the report went or how to find it, and names no gene or medicine ("where do I put my
    pdf" asks how to add one: the upload reply).

    >>> asks_where_the_report_is("where did my report go", ["answer#19"], False)
    True
    >>> asks_where_the_report_is("where do i put my test results", ["answer#19"], False)
    False
    """
    return FIND_REPORT_RULE in rules and not names_a_result and not _ADDS_A_REPORT.search(text)


REPLIES = {"greeting": wording.GREETING, "find_report": wording.FIND_REPORT, "thanks": wording.THANKS, "closing": wording.CLOSING,
           "capabilities": wording.CAPABILITIES,
           "opener": wording.CAPABILITIES,
           "ack": wording.ACKNOWLEDGED, "unclear": wording.SAY_MORE, "sad": wording.SOUNDS_HARD,
           "told": wording.TOLD_CONDITION, "numbers": wording.HELP_NUMBERS,
           "upload": wording.HOW_TO_UPLOAD}
