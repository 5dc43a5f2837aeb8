"""`genechat kb lint`: each rule fires on a small bad document and names file and line; clean docs pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.config import PROJECT_ROOT
from bot.knowledge.lint import LintFinding, lint_kb
from bot.knowledge.textrules import advice_sentences, dose_matches

FRONT = """---
id: {id}
title: CYP2C19 and clopidogrel
genes: [CYP2C19]
drugs: [clopidogrel]
conditions: []
audience: patient
sources:{sources}
reviewed_by: Test Reviewer
reviewed_on: 2026-11-25
---
"""
GOOD_SOURCES = "\n  - https://cpicpgx.org/guidelines/guideline-for-clopidogrel-and-cyp2c19/"
GOOD_BODY = """CYP2C19 is a gene. It helps the body use clopidogrel. This page tells you what your result means.

## What CYP2C19 does

The CYP2C19 gene makes a liver enzyme. The enzyme turns clopidogrel on. Some people make less of it.

## Talking with your care team

Do not stop or change clopidogrel on your own. Talk with your prescriber or pharmacist about your result.
"""


def write_doc(kb: Path, doc_id: str = "drug-clopidogrel", body: str = GOOD_BODY, sources: str = GOOD_SOURCES,
              front: str | None = None) -> Path:
    kb.mkdir(exist_ok=True)
    path = kb / f"{doc_id}.md"
    path.write_text((front if front is not None else FRONT.format(id=doc_id, sources=sources)) + body)
    return path


def rules(findings: list[LintFinding]) -> list[str]:
    return [f.rule for f in findings]


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), start=1) if needle in line)


def test_clean_document_has_no_findings(tmp_path: Path) -> None:
    write_doc(tmp_path / "kb")
    assert lint_kb(tmp_path / "kb") == []


def test_missing_front_matter_is_reported_at_line_one(tmp_path: Path) -> None:
    path = write_doc(tmp_path / "kb", front="")
    findings = lint_kb(tmp_path / "kb")
    assert [(f.file, f.line, f.rule) for f in findings] == [(path, 1, "front-matter")]


def test_invalid_front_matter_field_names_the_field_line(tmp_path: Path) -> None:
    bad = FRONT.format(id="drug-clopidogrel", sources=GOOD_SOURCES).replace("audience: patient", "audience: doctor")
    path = write_doc(tmp_path / "kb", front=bad)
    findings = lint_kb(tmp_path / "kb")
    assert rules(findings) == ["front-matter"]
    assert findings[0].line == line_of(path, "audience:")
    assert "audience" in findings[0].message


def test_id_that_differs_from_file_name_is_reported(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    write_doc(kb, doc_id="drug-clopidogrel")
    (kb / "drug-clopidogrel.md").rename(kb / "clopidogrel.md")
    assert rules(lint_kb(kb)) == ["front-matter"]


def test_document_without_sources_is_reported(tmp_path: Path) -> None:
    path = write_doc(tmp_path / "kb", sources=" []")
    findings = lint_kb(tmp_path / "kb")
    assert rules(findings) == ["no-sources"]
    assert findings[0].line == line_of(path, "sources:")


def test_hard_section_above_grade_eight_is_reported_at_its_heading(tmp_path: Path) -> None:
    hard = GOOD_BODY + (
        "\n## Pharmacokinetic considerations\n\nIndividuals demonstrating diminished CYP2C19 enzymatic "
        "functionality consequently experience substantially attenuated bioactivation of clopidogrel, "
        "necessitating consideration of alternative antiplatelet pharmacotherapy.\n"
    )
    path = write_doc(tmp_path / "kb", body=hard)
    grade_findings = [f for f in lint_kb(tmp_path / "kb") if f.rule == "reading-grade"]
    assert any(f.line == line_of(path, "## Pharmacokinetic") and "Pharmacokinetic" in f.message
               for f in grade_findings)


def test_dose_like_text_is_reported_on_its_line(tmp_path: Path) -> None:
    body = GOOD_BODY + "\n## Amounts\n\nMost adults get 75 mg of clopidogrel each day from their prescriber.\n"
    path = write_doc(tmp_path / "kb", body=body)
    findings = [f for f in lint_kb(tmp_path / "kb") if f.rule == "dose"]
    assert [f.line for f in findings] == [line_of(path, "75 mg")]


@pytest.mark.parametrize("text", ["Take 2 pills.", "It is 5 mcg per day.", "Use 10 units once a day.",
                                  "Take one tablet twice daily."])
def test_dose_patterns_catch_common_dose_wording(text: str) -> None:
    assert dose_matches(text)


@pytest.mark.parametrize("text", ["VKORC1 -1639G>A is common.", "Your CYP2C19*2 result.", "About 1 in 25 people.",
                                  "SLCO1B1 c.521T>C is a variant."])
def test_dose_patterns_ignore_variant_names_and_plain_numbers(text: str) -> None:
    assert dose_matches(text) == []


def test_start_stop_change_advice_is_reported(tmp_path: Path) -> None:
    body = GOOD_BODY + "\n## What to do\n\nIf you are a poor metabolizer, you should stop taking clopidogrel.\n"
    path = write_doc(tmp_path / "kb", body=body)
    findings = [f for f in lint_kb(tmp_path / "kb") if f.rule == "advice"]
    assert [f.line for f in findings] == [line_of(path, "you should stop")]


@pytest.mark.parametrize("text", ["Switch to prasugrel now.", "Ask your doctor to change your dose.",
                                  "It is best to stop the statin."])
def test_advice_patterns_catch_imperatives(text: str) -> None:
    assert advice_sentences(text)


@pytest.mark.parametrize("text", ["Do not stop or change a medicine on your own.",
                                  "Never stop a seizure medicine suddenly.",
                                  "Lower levels of the drug can build up."])
def test_safety_warnings_are_not_advice(text: str) -> None:
    assert advice_sentences(text) == []


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    write_doc(kb, doc_id="drug-clopidogrel")
    copy = FRONT.format(id="drug-clopidogrel", sources=GOOD_SOURCES)
    (kb / "zz-copy.md").write_text(copy + GOOD_BODY)
    assert "duplicate-id" in rules(lint_kb(kb))


def test_gene_in_metadata_but_not_in_text_is_reported(tmp_path: Path) -> None:
    body = GOOD_BODY.replace("CYP2C19", "this gene")
    front = FRONT.format(id="drug-clopidogrel", sources=GOOD_SOURCES).replace("title: CYP2C19 and", "title: About")
    path = write_doc(tmp_path / "kb", body=body, front=front)
    findings = [f for f in lint_kb(tmp_path / "kb") if f.rule == "unmentioned-term"]
    assert len(findings) == 1 and "CYP2C19" in findings[0].message
    assert findings[0].line == line_of(path, "genes:")


def test_cli_lint_exits_1_and_prints_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.cli import app
    from bot.config import get_settings

    kb = tmp_path / "kb"
    body = GOOD_BODY + "\n## Amounts\n\nTake 2 tablets.\n"
    path = write_doc(kb, body=body)
    monkeypatch.setenv("GENECHAT_KB_DIR", str(kb))
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["kb", "lint"])
    assert result.exit_code == 1
    assert f"{path}:{line_of(path, 'Take 2')}: [dose]" in result.output


def test_shipped_knowledge_base_is_lint_clean() -> None:
    findings = lint_kb(PROJECT_ROOT / "knowledge_base")
    assert findings == [], "\n".join(map(str, findings))
