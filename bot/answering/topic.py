"""Is a message about something GeneChat is not for at all ("how do I file my taxes", "who won the game last
night")? The triage classifier learned from patient questions, so a message with none of its words can land
anywhere: answered with nothing but the no-report line, escalated as "unsure", or declined, depending on the wording
(issue 15, round 3). Adding decline examples to the classifier once moved patient questions towards decline, so
this is a separate, small check, like the worry intent (worry_intent.py):

1. a lexical gate: the message has no word of health, genes, medicines, results, the service or feelings at all
   (``TOPIC_WORDS``); anything that has one is left to triage;
2. the meaning: its sentence vector is clearly nearer everyday requests (``OFF_TOPIC``) than questions patients ask
   here (``ON_TOPIC``).

The engine turns only a *model* answer or escalation into the fixed out-of-scope decline; a rule's verdict, an
emergency, small talk and follow-ups are never touched. The exemplars were written for this module, not copied from
any eval file, and are generic (no case's wording).

>>> bool(TOPIC_WORDS.search("can u help me with my tax return")), bool(TOPIC_WORDS.search("is my result bad"))
(False, True)
>>> from bot.retrieval.embedders import HashEmbedder
>>> e = HashEmbedder()
>>> check = TopicCheck.build(lambda texts: e.encode(texts))
>>> check.judge("is my CYP2C19 result bad", e.encode(["is my CYP2C19 result bad"])[0]).off_topic
False
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from bot.answering.exemplars import TwoSidedExemplars

# Any of these keeps a message on topic whatever its vector says: health, the body and feelings (an emergency or a
# worry is never declined as "off topic"), genes and results, medicines, the service (privacy, upload, cost,
# counselors), family and pregnancy decisions. Broad on purpose: a miss here only leaves the message to triage.
TOPIC_WORDS = re.compile(
    r"\b(?:genes?|genetic\w*|genom\w*|dna|rna|allele\w*|variants?|mutat\w*|chromosom\w*|inherit\w*|hereditary|"
    r"carriers?|metaboli[sz]\w*|phenotype|genotype|diplotype|pharmaco\w*|pgx|brca\w*|lynch|syndrome|star|positive|"
    r"negative|pathogenic|vus|heterozygous|homozygous|deficien\w*|enzymes?|"
    # (a result, report or test counts when it is someone's: "the latest football results" is not one)
    r"(?:my|our|your|his|her|their|the|this|that)\s+(?:\w+\s+)?(?:results?|reports?)|tests?|tested|testing|screen\w*|"
    r"lab|labs|"
    r"sample|swab|saliva|panel|"
    r"health\w*|medic\w*|meds|drugs?|pills?|tablets?|doses?|dosage|mg|prescri\w*|pharmac\w*|doctors?|dr|nurses?|"
    r"clinic\w*|hospital\w*|er|ambulance|911|988|emergency|urgent|surgery|surgeon|anesth\w*|anaesth\w*|operation|"
    r"treat\w*|therap\w*|chemo\w*|vaccin\w*|shots?|injection|side effects?|allerg\w*|reaction|"
    r"sick|ill|illness|disease\w*|disorder|condition|cancer\w*|tumou?r|diagnos\w*|symptoms?|pain|ache\w*|hurts?|"
    r"hurting|bleed\w*|blood|heart|chest|breath\w*|lungs?|liver|kidney\w*|stomach|brain|skin|body|weight|diet|"
    r"sleep\w*|tired|dizzy|faint\w*|nause\w*|vomit\w*|fever|rash|swell\w*|seiz\w*|stroke|clots?|pregnan\w*|"
    r"baby|babies|fertil\w*|ivf|conceiv\w*|breast\w*|ovar\w*|colon\w*|screening|mammogram\w*|"
    r"die|dying|dead|death|kill\w*|suicid\w*|hurt\w*|harm\w*|overdos\w*|alive|live|living|life|"
    r"scared|afraid|fear\w*|worr\w*|anxi\w*|stress\w*|panic\w*|depress\w*|sad|cry\w*|upset|alone|lonely|hopeless|"
    r"feel\w*|felt|mood|mental|"
    r"counsel\w*|human|person|someone|somebody|privacy|private|data|delete|erase|account|upload\w*|pdf|"
    r"insurance|insurer|employer|gina|cost|price|pay|paid|covered|consent|share|sharing|"
    r"relatives?|family|siblings?|inherit\w*|pass\w* (?:it |this )?(?:on|down)|"
    r"bot|chatbot|ai|genechat|rules?|instructions?|prompt|system|pretend|ignore|"
    r"hi|hello|hey|thanks?|thank you|thx|bye)\b",
    re.IGNORECASE,
)

# An everyday request that only borrows a word of genetics or medicine (issue 15, round 4): money ("should I buy gene
# therapy stocks", "invest in a DNA sequencing company"), writing for fun ("write a rap song about DNA") and going out
# ("when is the next Gene Simmons concert"). Such a message is judged by its meaning like one with no topic word, but
# only when every topic word in it is one of the borrowable ones: a feeling, the body, a result or the patient's
# own medicines keep it with triage ("write a poem about wanting to die" never gets here).
# Round 5 adds telling a story for fun, fitness ("which gym program suits my genes") and shows ("what time is the medical
# drama on tonight", a costume for halloween).
EVERYDAY_FRAME = re.compile(
    r"\b(?:stocks?|shares|invest\w*|portfolio|crypto\w*|ipo|stock market|hedge fund|etfs?|dividends?|"
    r"(?:write|compose|make up|make)\s+(?:me\s+)?(?:a|an|some)\s+(?:\w+\s+)?(?:song|rap|poem|story|limerick|haiku|joke|"
    r"lyrics|rhyme)|tell me (?:a|an|some)\s+(?:\w+\s+){0,2}(?:story|joke|poem|riddle)|bedtime story|"
    r"concerts?|tour dates|tickets?|album|band|movies?|films?|netflix|tv show|series|episodes?|sitcom|drama|"
    r"documentar\w*|to watch|worth watching|costumes?|halloween|"
    r"gym|workouts?|bulking|muscle gain|build(?:ing)? muscle|protein (?:powder|shake|bar)s?|creatine|pre-?workout|"
    r"running shoes)\b",
    re.IGNORECASE,
)
# Topic words an everyday request may borrow, and names that only look like one ("Gene Simmons", a report card).
_BORROWABLE = re.compile(r"^(?:genes?|genetic\w*|genom\w*|dna|rna|crispr|biotech\w*|pharma\w*|therap\w*|medic\w*|"
                         r"drugs?|doctors?|health\w*|treat\w*|vaccin\w*|cancer\w*|test\w*|lab|labs)$", re.IGNORECASE)
_LOOKALIKE = re.compile(r"\bGene\s+[A-Z][a-z]+\b|(?i:\b(?:report|school report) cards?\b|\bschool reports?\b|"
                        r"\bmedicine (?:balls?|cabinets?|chests?)\b|\bdoctor who\b|\bbody types?\b)")
# The topic word inside a look-alike name ("medicine ball" -> "ball"): what is left is the everyday thing it names.
_LOOKALIKE_WORD = re.compile(r"\b(?:gene|reports?|medicine|doctor|body)\b", re.IGNORECASE)


def without_borrowed(text: str) -> str:
    """The message as its everyday request: look-alike names without their topic word, borrowed words left out
    (round 5: they pulled the sentence vector towards patient questions, "should i invest in pharma stocks").

    >>> without_borrowed("recommend a medicine ball workout"), without_borrowed("should i invest in pharma stocks")
    ('recommend a ball workout', 'should i invest in stocks')
    """
    text = _LOOKALIKE.sub(lambda m: _LOOKALIKE_WORD.sub(" ", m.group(0)), text.replace("\u2019", "'"))
    text = re.sub(r"[A-Za-z]+", lambda m: " " if _BORROWABLE.match(m.group(0)) else m.group(0), text)
    return re.sub(r"\s+", " ", text).strip()


def without_lookalikes(text: str) -> str:
    """The message with look-alike names blanked ("recommend a medicine ball workout" has no medicine in it)."""
    return _LOOKALIKE.sub(" ", text.replace("\u2019", "'"))


def borrows_words(text: str) -> bool:
    """An everyday request whose only topic words are borrowed (``EVERYDAY_FRAME``, ``_BORROWABLE``).

    >>> borrows_words("should i buy gene therapy stocks"), borrows_words("when is the next Gene Simmons concert")
    (True, True)
    >>> borrows_words("write a poem about my fear of dying"), borrows_words("is my CYP2D6 result bad")
    (False, False)
    """
    text = _LOOKALIKE.sub(" ", text.replace("\u2019", "'"))
    if not EVERYDAY_FRAME.search(text):
        return False
    return all(_BORROWABLE.match(m.group(0)) for m in TOPIC_WORDS.finditer(text))


# Everyday requests that have nothing to do with genetic results, medicines or health: money, housework, cooking,
# school, sport, weather, technology, travel, shopping, entertainment, work, pets, cars, trivia.
OFF_TOPIC: tuple[str, ...] = (
    "how do I file my taxes",
    "help me with my tax return",
    "what can I deduct on my taxes",
    "when is the tax deadline",
    "how do I fill in this form for the government",
    "how much should I save for retirement",
    "should I buy or rent a house",
    "how do I make a budget",
    "which credit card should I get",
    "how do I get a loan",
    "how do I get my kids to do their chores",
    "make a cleaning schedule for the house",
    "how do I get a stain out of a shirt",
    "how often should I clean the kitchen",
    "how do I fold fitted sheets",
    "give me a recipe for dinner",
    "how do I bake bread",
    "what should I cook tonight",
    "how long do I boil an egg",
    "a recipe for chocolate cake please",
    "can you do my homework",
    "solve this math problem for me",
    "write my essay for school",
    "what is the capital of France",
    "explain the causes of the first world war",
    "who won the game last night",
    "what was the score of the match",
    "who will win the championship this year",
    "latest sports news",
    "when does the football season start",
    "what's the weather tomorrow",
    "will it rain this weekend",
    "how do I fix my wifi",
    "my laptop is slow, how do I speed it up",
    "how do I reset my phone",
    "write a python script to sort a list",
    "how do I change the oil in my car",
    "my car makes a weird noise",
    "book me a flight to Chicago",
    "what are good places to visit in Italy",
    "where can I buy cheap shoes",
    "is this phone a good deal",
    "recommend a good movie",
    "what should I watch on TV tonight",
    "tell me a joke",
    "write me a poem",
    "write a song about summer",
    "play a game with me",
    "help me write my resume",
    "how do I ask my boss for a raise",
    "write an email to my landlord",
    "how do I train my dog",
    "what should I feed my cat",
    "how do I grow tomatoes",
    "translate this sentence into Spanish",
    "what time is it in Tokyo",
    "how many ounces are in a cup",
    "who is the president",
    "what's a good name for my business",
    "how do I plan a birthday party",
    "how do mortgages work",
    "explain how the stock market works",
    "how does a car engine work",
    "what's the best way to invest my savings",
    "how do I open a bank account",
    "how do I get rid of bugs in my house",
    "how do I fix a leaking pipe",
    "give me a workout plan",
    "what's a good gift for my friend",
    "what does APR mean on my credit card",
    "what does this warning light in my car mean",
    "what does this word in my lease mean",
    "what does this error message on my computer mean",
    # (round 4: money, writing for fun, going out, school and bills, the categories everyday requests borrow words in)
    "which stocks should I buy this year",
    "is this company a good investment",
    "write a rap song about science",
    "when is the band's next concert",
    "where can I get tickets for the show",
    "what does this grade on my school report card mean",
    "what does this term on my invoice mean",
    "make up a story for my kids",
    "when does the new season of my favourite show come out",
    # (round 5: fitness gear and home improvement, two more kinds of everyday request)
    "what should I buy to get stronger at the gym",
    "how much weight should I lift",
    "how do I build a shelf",
    "what colour should I paint my bathroom",
)

# Questions patients ask here, in their many shapes: results, genes, medicines, family, feelings, the service.
ON_TOPIC: tuple[str, ...] = (
    "what does my result mean",
    "explain my report to me",
    "can you help me understand my results",
    "is my result bad",
    "should I be worried",
    "am I going to be okay",
    "what does this gene do",
    "what does this mean",
    "what is a variant",
    "what does carrier mean",
    "what does poor metabolizer mean",
    "which medicines does my result affect",
    "can I take this medicine",
    "should I stop my medicine",
    "what dose should I take",
    "how does my result affect my medicine",
    "my doctor prescribed something new, does my result matter",
    "should my children be tested",
    "can I pass this on to my kids",
    "should my family get tested",
    "we want to have a baby, what does this mean",
    "do I have cancer",
    "what is my risk",
    "do I need more screening",
    "I'm scared",
    "I feel so anxious about all this",
    "I can't stop thinking about it",
    "this is a lot to take in",
    "I don't understand any of this",
    "I need help",
    "can someone help me",
    "I want to talk to a counselor",
    "can I talk to a real person",
    "who can see my results",
    "how do I delete my data",
    "can my insurance see this",
    "how accurate is this test",
    "how do I upload my report",
    "I don't have my report yet",
    "I think my report is wrong",
    "what should I tell my doctor",
    "what should I ask my pharmacist",
    "what happens next",
    "what are the next steps",
    "what is pharmacogenomics",
    "what is genetic testing",
    "I have a headache and my chest hurts",
    "I feel sick after my new pills",
    "my mom had breast cancer, what about me",
    "does this run in families",
    "is it expensive",
    "how long does it take",
    "can you repeat that",
    "what do you mean",
    "can you say it more simply",
    "thank you",
    "ok",
)

CACHE_VERSION = "topic-check-2"  # bump when the way vectors are made changes
# Margin (mean of the K nearest off-topic minus the K nearest on-topic exemplars) and the least off-topic similarity,
# picked on readable material (evals/triage, evals/cases, the dev halves of the patient and consistency suites): of the
# messages past the lexical gate, no answer or escalation example reached the margin (the nearest: 0.054, a bare
# "Representative."), while most everyday requests sat at 0.08-0.49 with similarity 0.30-0.74. A few emergencies with
# no topic word reach it too ("tonight is the night, ive made my peace": 0.11 at 0.35): the engine never gives this
# decline to a message the models hear any alarm in (OFF_TOPIC_ALARM_MAX in bot/conversation/subject.py).
MARGIN = 0.06
OFF_MIN = 0.30
# Round 5: with an everyday frame (money, writing for fun, shows, fitness) the request left without its borrowed words
# may be a little further from every exemplar ("make up a story about a detective": 0.29); on the readable material no
# answer or escalation has such a frame and no topic word but borrowed ones.
OFF_MIN_FRAMED = 0.25


@dataclass(frozen=True)
class TopicJudgement:
    off_topic: bool
    gate: bool  # passed the lexical gate (no topic word at all)
    off: float = 0.0  # similarity to the off-topic exemplars (mean of the K nearest); 0 when not measured
    on: float = 0.0  # to the on-topic exemplars

    def detail(self) -> dict[str, object]:
        return {"off_topic": self.off_topic, "no_topic_words": self.gate, "off": round(self.off, 3),
                "on": round(self.on, 3)}


def has_topic_words(text: str) -> bool:
    """Any word of health, genes, medicines, results, feelings, the service or this conversation, unless an everyday
    request only borrows it (``borrows_words``)."""
    looks = _LOOKALIKE.sub(" ", text.replace("\u2019", "'"))  # "Gene Simmons", a report card: no topic word
    return bool(TOPIC_WORDS.search(looks)) and not borrows_words(text)


class TopicCheck(TwoSidedExemplars):
    """Judges whether a message is about something GeneChat is not for, from its words and its sentence vector
    (``similarities``: to the off-topic, then the on-topic exemplars)."""

    NAME, VERSION, FIRST, SECOND = "topic-check", CACHE_VERSION, OFF_TOPIC, ON_TOPIC

    def judge(self, text: str, vector: Callable[[], np.ndarray] | np.ndarray,
              encode: Callable[[str], np.ndarray] | None = None) -> TopicJudgement:
        """``vector``: the message's own sentence vector, or a function that makes it (only called past the gate).
        ``encode``: makes the vector of other words; with it, a message that borrows words or names a look-alike is
        judged by the vector of its everyday request alone (``without_borrowed``)."""
        if has_topic_words(text):
            return TopicJudgement(False, False)
        everyday = without_borrowed(text)
        if encode is not None and everyday != re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip():
            off, on = self.similarities(encode(everyday or "empty"))
        else:
            off, on = self.similarities(vector() if callable(vector) else vector)
        # an everyday frame is evidence of its own, so the everyday request need not be as near an exemplar
        least = OFF_MIN_FRAMED if EVERYDAY_FRAME.search(without_lookalikes(text)) else OFF_MIN
        return TopicJudgement(off - on >= MARGIN and off >= least, True, off, on)

