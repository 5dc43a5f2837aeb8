"""Reply templates for counselors: fixed starting points a counselor picks in the console and edits.

A template only fills the reply box; the counselor changes it and sends it. Each one has at least one
``[part in brackets]`` for the counselor to fill in, and the console will not send a reply that still holds
one, so a template can never go out unread. What is sent reaches a patient, so every template is checked
like the fixed wording (``bot.safety.fixed_text.patient_texts`` includes them): reading grade 8 or lower,
no dose, no advice to start, stop or change a medicine.

Kept apart from ``bot/safety/wording.py`` because GeneChat never shows these by itself (the evals' grounding
check treats wording.py as text the bot may say).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ReplyTemplate:
    key: str
    title: str  # what the counselor picks from (counselor-facing)
    text: str  # what fills the reply box (patient-facing once sent)


# A part the counselor must replace before sending: "[your name]".
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,80}\]")

REPLY_TEMPLATES: tuple[ReplyTemplate, ...] = (
    ReplyTemplate(
        "answer", "Thank them and answer",
        "Hello, this is [your name], a genetic counselor. Thank you for your question. "
        "I read your message and your report. [Your answer.]",
    ),
    ReplyTemplate(
        "prescriber", "Take the report to the prescriber",
        "Your report can help your prescriber or pharmacist choose what is right for you. "
        "Please share it with them at your next visit. Do not change any medicine on your own before then. "
        "[Anything else to add.]",
    ),
    ReplyTemplate(
        "call", "Offer a phone call",
        "I would like to talk this through with you by phone. I can call you on [day] at [time]. "
        "Reply here to tell me if that works, or to pick another time.",
    ),
    ReplyTemplate(
        "emergency", "After an emergency message",
        "I saw your message. If you feel very unwell or are in danger, call your local emergency number now. "
        "In the US, call 911. [What you did or will do next.]",
    ),
    ReplyTemplate(
        "family", "Family testing",
        "A genetic counselor can help you decide which relatives to tell and how to tell them. "
        "[What you suggest, for example a visit or a letter for the family.]",
    ),
    ReplyTemplate(
        "closing", "Close the question",
        "I hope this helps. [Short summary of what we talked about.] "
        "If you have more questions, you can ask here at any time.",
    ),
)


def template_texts() -> list[str]:
    """Every template as a patient could read it (placeholders left in: they are checked as written)."""
    return [t.text for t in REPLY_TEMPLATES]


def placeholders(text: str) -> list[str]:
    """The ``[parts]`` still to fill in.

    >>> placeholders("I can call you on [day] at [time].")
    ['[day]', '[time]']
    """
    return PLACEHOLDER.findall(text)


def unfilled_placeholders(text: str) -> list[str]:
    """The templates' own ``[parts]`` still in a reply (other brackets a counselor writes are left alone).

    >>> unfilled_placeholders("I can call you on Monday at [time]. [sic]")
    ['[time]']
    """
    known = {p for t in REPLY_TEMPLATES for p in placeholders(t.text)}
    return [p for p in dict.fromkeys(placeholders(text)) if p in known]
