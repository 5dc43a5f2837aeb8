"""Every fixed sentence GeneChat can show is plain (grade 8 or below), dose-free and gives no medicine advice."""

from __future__ import annotations

import pytest

from bot.safety import wording
from bot.safety.readability import MAX_GRADE, reading_grade


@pytest.mark.parametrize("text", wording.all_fixed_sentences())
def test_fixed_wording_is_plain_and_safe(text):
    assert wording.fixed_text_problems(text) == []


@pytest.mark.parametrize("text", wording.all_fixed_phrases())
def test_fixed_labels_and_medicine_groups_give_no_dose_or_advice(text):
    assert wording.fixed_text_problems(text, phrase=True) == []


@pytest.mark.parametrize(("text", "problem"), [
    ("Take 75 mg of clopidogrel once a day.", "gives a dose"),
    ("You should stop taking codeine.", "tells someone to start, stop or change a medicine"),
    ("Pharmacogenomic interindividual variability substantially influences therapeutic responsiveness.",
     "reading grade"),
])
def test_the_fixed_text_check_names_each_problem(text, problem):
    assert any(p.startswith(problem) for p in wording.fixed_text_problems(text))


def test_emergency_wording_names_911_and_988_first():
    assert "911" in wording.EMERGENCY_FIRST and "988" in wording.EMERGENCY_FIRST
    assert "988" in wording.SELF_HARM_FIRST


def test_gene_names_do_not_inflate_the_reading_grade():
    plain = "Your report lists CYP2C19 *2/*2, which the lab calls Poor Metabolizer."
    assert reading_grade(plain) <= MAX_GRADE
