"""`genechat report parse FILE [--json]` on our fixtures and on each reference file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bot.reports.cli import report_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
runner = CliRunner()


def test_report_parse_prints_a_table_with_source_and_warnings() -> None:
    result = runner.invoke(report_app, ["parse", str(FIXTURES / "native_dana.json")])
    assert result.exit_code == 0, result.output
    assert "format: native" in result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert "Intermediate Metabolizer" in lines["CYP2C19"] and "derived" in lines["CYP2C19"]
    assert "Decreased Function" in lines["SLCO1B1"]
    assert "no result" in lines["TPMT"]


def test_report_parse_json_prints_the_normalized_report() -> None:
    result = runner.invoke(report_app, ["parse", "--json", str(FIXTURES / "outside_call.tsv")])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["source_format"] == "outside_call"
    assert doc["pharmacogenomics"][0]["activity_score"] == 0.25


def test_report_parse_refuses_unreadable_file_with_report_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"pharmacogenomics": [')
    result = runner.invoke(report_app, ["parse", str(bad)])
    assert result.exit_code != 0
    assert "broken or cut off" in str(result.exception)


def test_report_parse_works_on_every_reference_file(reference_dir: Path) -> None:
    files = sorted((reference_dir / "pharmcat").glob("v*/*.*")) + sorted(
        (reference_dir / "fhir").glob("Bundle-*.json")
    )
    assert len(files) >= 15
    for path in files:
        result = runner.invoke(report_app, ["parse", str(path)])
        if "oncology" in path.name:
            assert "somatic" in str(result.exception)
            continue
        assert result.exit_code == 0, (path, result.output)
        assert "format:" in result.output


def test_report_group_is_registered_on_the_genechat_cli() -> None:
    from bot.cli import app

    result = runner.invoke(app, ["report", "parse", "--json", str(FIXTURES / "simple.csv")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["source_format"] == "csv"
