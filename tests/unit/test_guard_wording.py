"""Every fixed sentence GeneChat can show is plain (grade 8 or below), dose-free and gives no medicine advice."""

from __future__ import annotations

import pytest

from bot.pgx.texts import patient_phrases
from bot.safety import wording
from bot.safety.fixed_text import check_fixed_text, fixed_text_problems, patient_texts
from bot.safety.readability import MAX_GRADE, reading_grade

FIXED = wording.fixed_texts()


@pytest.mark.parametrize("name", sorted(FIXED))
def test_fixed_wording_is_plain_and_safe(name):
    assert [str(p) for p in check_fixed_text(FIXED[name])] == [], FIXED[name]


def test_every_kind_of_constant_is_checked():
    # A new constant is found by looking at the module, whatever its shape: text, a dict or a list of steps.
    assert {"EMERGENCY_FIRST", "ESCALATE[dosing]", "HANDOFF_STEPS[3]", "ENGINE_FAILED", "CONSENT_TEXT",
            "UPLOAD_TOO_BIG", "WIDGET_CARDS_NOT_ADVICE"} <= set(FIXED)
    assert "CONSENT_VERSION" not in FIXED
    assert FIXED["UPLOAD_TOO_BIG"].endswith("smaller than 5 MB.")  # templates are checked filled in
    assert wording.all_fixed_sentences() == list(FIXED.values())


def test_checker_catches_a_dose():
    assert [p.rule for p in check_fixed_text("Most people take 75 mg of it.")] == ["dose"]


def test_checker_catches_advice_to_stop_a_medicine():
    assert [p.rule for p in check_fixed_text("You should stop taking clopidogrel.")] == ["medicine_advice"]


def test_checker_allows_negated_safety_wording():
    assert check_fixed_text("Please do not change a medicine on your own.") == []


def test_checker_catches_a_long_hard_sentence():
    hard = ("Pharmacogenomic characterization of cytochrome metabolizer phenotypes necessitates comprehensive "
            "interdisciplinary consultation regarding individualized therapeutic considerations.")
    assert reading_grade(hard) > 12
    problems = check_fixed_text(hard)
    assert [p.rule for p in problems] == ["reading_grade"] and f"{MAX_GRADE:g}" in problems[0].detail


def test_emergency_wording_names_911_and_988_first():
    assert "911" in wording.EMERGENCY_FIRST and "988" in wording.EMERGENCY_FIRST
    assert "988" in wording.SELF_HARM_FIRST


def test_gene_names_do_not_inflate_the_reading_grade():
    plain = "Your report lists CYP2C19 *2/*2, which the lab calls Poor Metabolizer."
    assert reading_grade(plain) <= MAX_GRADE


@pytest.mark.parametrize(("n_bytes", "text"), [(5 * 1024 * 1024, "5 MB"), (3 * 1024 * 1024 + 1, "3 MB"),
                                              (1600 * 1024, "1.5 MB"), (200_000, "195 KB"), (900, "900 bytes")])
def test_upload_limit_is_stated_rounded_down(n_bytes, text):
    assert wording.size_text(n_bytes) == text


@pytest.mark.parametrize("text", patient_texts())
def test_every_patient_facing_sentence_including_cards_and_medicines_is_plain_and_safe(text):
    assert fixed_text_problems(text) == []


@pytest.mark.parametrize("text", patient_phrases())
def test_card_labels_and_medicine_groups_give_no_dose_or_advice(text):
    assert fixed_text_problems(text, phrase=True) == []


def test_counselor_reply_templates_are_checked_like_patient_wording_and_each_must_be_edited():
    from bot.safety.reply_templates import REPLY_TEMPLATES, placeholders

    texts = set(patient_texts())
    for template in REPLY_TEMPLATES:
        assert template.text in texts  # so the parametrized check above covers it
        assert placeholders(template.text), f"{template.key} could be sent without an edit"
    assert fixed_text_problems("Hello [name]. Please stop taking [medicine] and take 10 mg.") != []
