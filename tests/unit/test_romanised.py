"""Russian typed in Latin letters is read back into Cyrillic for the Russian rules (bot/safety/languages/romanised.py)."""

from __future__ import annotations

import pytest

from bot.safety import languages
from bot.safety.languages.romanised import as_cyrillic
from tests.support.eval_texts import english_eval_questions


@pytest.mark.parametrize("text", [
    "muzh upal na kuhne i ne dyshit, pomogite",  # my husband fell in the kitchen and is not breathing
    "ya vypila vse tabletki iz aptechki, mne ochen ploho",  # I drank all the pills from the medicine cabinet
    "u syna sudorogi uzhe pyat minut i on ne otvechaet",  # my son has had a seizure for five minutes
])
def test_a_russian_emergency_typed_in_latin_letters_raises_the_russian_alarm(text):
    alarm = languages.match_emergency(text)
    assert alarm is not None and alarm.language == "ru"


@pytest.mark.parametrize("text", [
    "ya umirayu so smehu, eto prosto genialno",  # dying of laughter: the Russian idiom list still applies
    "sudorogi v nogah po nocham, eto genetika?",  # leg cramps at night, is it genetic
])
def test_russian_idioms_and_everyday_words_typed_in_latin_letters_raise_no_alarm(text):
    assert languages.match_emergency(text) is None


@pytest.mark.parametrize("text", ["what is suicide", "is self-harm the same thing as a suicide attempt",
                                  "u ok? na, im fine", "my CYP2D6 result says poor metabolizer"])
def test_english_is_never_read_as_russian(text):
    assert as_cyrillic(text) is None


def test_no_english_eval_question_raises_an_alarm_only_when_read_as_russian():
    texts = english_eval_questions()
    assert len(texts) > 2000
    read = [t for t in texts if as_cyrillic(t) is not None]
    assert [t for t in read if (alarm := languages.match_emergency(t)) is not None and alarm.rule.endswith("(romanised)")] == []
