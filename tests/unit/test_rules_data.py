"""The English rule lists are YAML data (bot/safety/english/): loaded whole, in order, and every pattern compiles."""

import re

import pytest

from bot.safety import rules


def test_a_pattern_written_in_pieces_is_joined_with_nothing_between():
    assert rules._patterns(["\\bone\\b", ["\\btwo", "\\b|\\bthree\\b"]]) == ["\\bone\\b", "\\btwo\\b|\\bthree\\b"]


def test_a_pattern_that_is_not_text_is_refused():
    with pytest.raises(TypeError):
        rules._patterns(["\\bok\\b", 42])  # type: ignore[list-item]


def test_every_english_rule_file_is_loaded_and_compiles():
    lists = [rules.BENIGN, rules.EMERGENCY_SELF_HARM, rules.EMERGENCY_SYMPTOMS, rules.INJECTION, rules.OUT_OF_SCOPE,
             rules.ANSWER_HINTS, *rules.ESCALATE.values()]
    assert all(lists), "every list has patterns"
    assert list(rules.ESCALATE)[0] == "dosing"  # triage ranks escalation reasons in file order, most specific first
    for pattern in (p for patterns in lists for p in patterns):
        assert isinstance(pattern, str)
        re.compile(pattern)


def test_despair_and_lethal_term_stay_the_last_two_self_harm_rules():
    despair = rules.EMERGENCY_SELF_HARM[int(rules.DESPAIR_RULE.split("#")[1])]
    lethal = rules.EMERGENCY_SELF_HARM[int(rules.LETHAL_TERM_RULE.split("#")[1])]
    assert re.search(despair, "nothing matters")
    assert re.search(lethal, "what counts as a lethal dose")
    assert rules.LETHAL_TERM_RULE == f"self_harm#{len(rules.EMERGENCY_SELF_HARM) - 1}"
