"""The one check for fixed patient-facing text (bot/safety/wording.py, report card lines, widget wording).

Fixed text is written once and shown to many patients, so it is held to the rules every reply is held to:
reading grade 8 or lower, no dose, and no advice to start, stop or change a medicine (negated safety
wording such as "do not change a medicine on your own" is allowed). Tests call it over every constant;
code that builds patient text from fixed parts (e.g. summary cards) can call it on what it builds.

The grade is measured over the whole text a patient reads as one piece, as the engine measures a reply:
Flesch-Kincaid on one short sentence swings with a single long word ("If this is an emergency, call your
local emergency number now." alone scores 9.1). Dose and advice are found sentence by sentence.

>>> check_fixed_text("Please do not change a medicine on your own.")
[]
>>> [p.rule for p in check_fixed_text("Stop taking it and take 75 mg once a day.")]
['dose', 'medicine_advice']
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from bot.knowledge.textrules import advice_sentences, dose_matches
from bot.pgx.cards import fixed_texts as card_texts
from bot.pgx.texts import patient_sentences
from bot.safety.guard import has_dose, has_med_change_advice
from bot.safety.readability import MAX_GRADE, reading_grade
from bot.safety.reply_templates import template_texts
from bot.safety.wording import all_fixed_sentences

Rule = Literal["reading_grade", "dose", "medicine_advice"]


class FixedTextProblem(BaseModel):
    rule: Rule
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.detail}"


def check_fixed_text(text: str, *, max_grade: float = MAX_GRADE) -> list[FixedTextProblem]:
    """Every rule this fixed text breaks; an empty list means it may be shown to a patient."""
    problems: list[FixedTextProblem] = []
    grade = reading_grade(text)
    if grade > max_grade:
        problems.append(FixedTextProblem(rule="reading_grade", detail=f"grade {grade:.1f} is over {max_grade:g}"))
    if has_dose(text):
        problems.append(FixedTextProblem(rule="dose", detail="names a dose, an amount or a schedule"))
    if has_med_change_advice(text):
        problems.append(FixedTextProblem(rule="medicine_advice", detail="tells someone to start, stop or change "
                                                                        "a medicine"))
    return problems


def patient_texts() -> list[str]:
    """Every fixed sentence a patient can see: wording.py, the report cards, the medicine sentences, and the
    counselors' reply templates (a counselor edits them, but the fixed part reaches the patient)."""
    return list(dict.fromkeys(all_fixed_sentences() + card_texts() + patient_sentences() + template_texts()))


def fixed_text_problems(text: str, *, phrase: bool = False) -> list[str]:
    """Why a fixed text may not be shown (empty when it may). ``phrase``: a short label (a card level, a
    medicine group name), checked for doses and advice but not for reading grade (mostly drug names)."""
    problems = [str(p) for p in check_fixed_text(text) if not (phrase and p.rule == "reading_grade")]
    if dose_matches(text) and not any(p.startswith("dose") for p in problems):
        problems.append("dose: names a dose, an amount or a schedule")
    if advice_sentences(text) and not any(p.startswith("medicine_advice") for p in problems):
        problems.append("medicine_advice: tells someone to start, stop or change a medicine")
    return problems
