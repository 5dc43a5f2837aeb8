"""Every fixed sentence GeneChat can show is plain (grade 8 or below), dose-free and gives no medicine advice."""

from __future__ import annotations

import pytest

from bot.safety import wording
from bot.safety.guard import has_dose, has_med_change_advice
from bot.safety.readability import MAX_GRADE, reading_grade


@pytest.mark.parametrize("text", wording.all_fixed_sentences())
def test_fixed_wording_is_plain_and_safe(text):
    assert reading_grade(text) <= MAX_GRADE
    assert not has_dose(text)
    assert not has_med_change_advice(text)


def test_emergency_wording_names_911_and_988_first():
    assert "911" in wording.EMERGENCY_FIRST and "988" in wording.EMERGENCY_FIRST
    assert "988" in wording.SELF_HARM_FIRST


def test_gene_names_do_not_inflate_the_reading_grade():
    plain = "Your report lists CYP2C19 *2/*2, which the lab calls Poor Metabolizer."
    assert reading_grade(plain) <= MAX_GRADE
