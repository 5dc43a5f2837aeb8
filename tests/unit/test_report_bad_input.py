"""Bad uploads are refused with a ReportError that says what and where; parsers raise nothing else."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.report import Report
from bot.errors import ReportError
from bot.reports.parse import parse_report

NATIVE_OK = {"pharmacogenomics": [{"gene": "CYP2C19", "diplotype": "*1/*1"}]}


def _refused(data: bytes, **kwargs) -> ReportError:
    with pytest.raises(ReportError) as err:
        parse_report(data, **kwargs)
    return err.value


def test_file_over_the_size_limit_is_refused_before_parsing() -> None:
    err = _refused(b"x" * 101, max_bytes=100)
    assert err.code == "too_large"
    assert "limit is 100 bytes" in str(err)


def test_size_limit_defaults_to_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.config import get_settings

    monkeypatch.setenv("GENECHAT_UPLOAD_LIMIT_BYTES", "50")
    get_settings.cache_clear()
    assert _refused(json.dumps(NATIVE_OK).encode() + b" " * 60).code == "too_large"


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", b"\xef\xbb\xbf"])
def test_empty_file_is_refused(data: bytes) -> None:
    assert "empty" in str(_refused(data))


def test_binary_file_is_refused_as_unsupported() -> None:
    err = _refused(b"%PDF-1.7\n\x00\x01\x02binary")
    assert err.code == "unsupported_format"
    assert "binary" in str(err)


def test_non_utf8_file_is_refused_with_the_byte_position() -> None:
    err = _refused("gene,diplotype\nCYP2C19,*1/*1 café\n".encode("latin-1"))
    assert err.code == "unsupported_format"
    assert err.where.startswith("byte ")


def test_truncated_json_is_refused_with_line_and_column() -> None:
    err = _refused(json.dumps(NATIVE_OK).encode()[:-5])
    assert err.code == "invalid_report"
    assert "line 1, column" in err.where


def test_deeply_nested_json_is_refused() -> None:
    assert "nested too deeply" in str(_refused(b'{"variants": ' + b"[" * 5000 + b"]" * 5000 + b"}"))
    assert "nested too deeply" in str(_refused(b'{"variants": ' + b"[" * 100 + b"]" * 100 + b"}"))


@pytest.mark.parametrize(
    ("doc", "where"),
    [
        ({"pharmacogenomics": {"gene": "CYP2D6"}}, "$.pharmacogenomics"),
        ({"pharmacogenomics": ["CYP2D6"]}, "$.pharmacogenomics[0]"),
        ({"pharmacogenomics": [{"gene": 7, "diplotype": "*1/*1"}]}, "$.pharmacogenomics[0].gene"),
        (
            {"pharmacogenomics": [{"gene": "CYP2D6", "diplotype": ["*1", "*2"]}]},
            "$.pharmacogenomics[0].diplotype",
        ),
        (
            {"pharmacogenomics": [{"gene": "CYP2D6", "activity_score": "high"}]},
            "$.pharmacogenomics[0].activity_score",
        ),
        (
            {"pharmacogenomics": [{"gene": "CYP2D6", "activity_score": True}]},
            "$.pharmacogenomics[0].activity_score",
        ),
        ({"pharmacogenomics": [{"diplotype": "*1/*1"}]}, "$.pharmacogenomics[0].gene"),
        ({"variants": [{"gene": "BRCA2", "hgvs": 5}]}, "$.variants[0].hgvs"),
        ({"patient": "Dana", "variants": []}, "$.patient"),
        ({"genes": {"CYP2D6": "x"}, "pharmcatVersion": "v3"}, "$.genes.CYP2D6"),
        (
            {"genes": {"CYP2D6": {"sourceDiplotypes": {}}}, "pharmcatVersion": "v3"},
            "$.genes.CYP2D6.sourceDiplotypes",
        ),
    ],
)
def test_wrong_types_are_refused_with_the_json_path(doc: dict, where: str) -> None:
    err = _refused(json.dumps(doc).encode())
    assert err.code == "invalid_report"
    assert err.where == where


def test_more_results_than_the_row_limit_are_refused() -> None:
    doc = {"pharmacogenomics": [{"gene": "CYP2C19", "diplotype": "*1/*1"}] * 1001}
    err = _refused(json.dumps(doc).encode())
    assert err.code == "too_large" and "1001 results" in str(err)
    tsv = "\n".join(["CYP2C19\t*1/*1"] * 11).encode()
    assert _refused(tsv, max_rows=10).code == "too_large"


@pytest.mark.parametrize(
    "data",
    [
        b"hello world, I am not a report\nat all",
        b"just words",
        b'{"hello": "world"}',
        b"[1, 2, 3]",
        b"42",
        b"<html><body>report</body></html>",
    ],
)
def test_files_of_no_accepted_format_are_unsupported(data: bytes) -> None:
    assert _refused(data).code in {"unsupported_format", "invalid_report"}


def test_csv_with_a_bad_row_names_the_line() -> None:
    err = _refused(b"gene,diplotype\nCYP2C19,*1/*1\nnot a gene!!,*1/*2\n")
    assert err.where == "line 3"


def test_pharmcat_tsv_without_required_columns_is_refused() -> None:
    err = _refused(b"PharmCAT v3\nGene\tSource Diplotype\n" + b"CYP2C19\t*1/*1\t" + b"x\t" * 30 + b"\n")
    assert err.where == "line 3"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
shapes = st.sampled_from(["pharmacogenomics", "variants", "genes", "entry", "patient"])
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read_or_refuse(data: bytes) -> Report | ReportError:
    """What a parser made of the upload: a report, or the ReportError it refused it with. Any other exception
    escapes, and fails the test."""
    try:
        return parse_report(data)
    except ReportError as err:
        return err


def _refused_with_a_reason(outcome: Report | ReportError) -> bool:
    """A ReportError with its own code (not the base "error") and a message that says what is wrong."""
    return (isinstance(outcome, ReportError) and outcome.code != "error"
            and re.fullmatch(r"[a-z]+(?:_[a-z]+)*", outcome.code) is not None and bool(str(outcome).strip()))


@_SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_report_error(data: bytes) -> None:
    outcome = _read_or_refuse(data)
    assert isinstance(outcome, Report) or _refused_with_a_reason(outcome), outcome


@_SETTINGS
@given(st.text(alphabet=st.sampled_from(list('\t,\n*/#abCYP2D6 0123:+xN<>"')), max_size=200))
def test_arbitrary_table_like_text_raises_only_report_error(text: str) -> None:
    outcome = _read_or_refuse(text.encode())
    assert isinstance(outcome, Report) or _refused_with_a_reason(outcome), outcome


@_SETTINGS
@given(shapes, json_values, st.sampled_from([{}, {"pharmcatVersion": "v3"}, {"resourceType": "Bundle"}]))
def test_arbitrary_json_in_report_shapes_raises_only_report_error(key: str, value, extra: dict) -> None:
    outcome = _read_or_refuse(json.dumps({key: value, **extra}).encode())
    assert isinstance(outcome, Report) or _refused_with_a_reason(outcome), outcome


@_SETTINGS
@given(
    st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "gene": st.sampled_from(["CYP2D6", "CYP2C19", "HLA-B", "DPYD", "", "x y"])
                | st.text(max_size=8),
                "diplotype": st.text(alphabet=st.sampled_from(list("*/0123456789x+N .AB:")), max_size=14)
                | json_values,
                "phenotype": st.text(max_size=20) | json_values,
                "activity_score": st.floats(allow_nan=True) | json_values,
            },
        ),
        max_size=5,
    )
)
def test_arbitrary_native_results_raise_only_report_error(items: list) -> None:
    outcome = _read_or_refuse(json.dumps({"pharmacogenomics": items}).encode())
    assert isinstance(outcome, Report) or _refused_with_a_reason(outcome), outcome


@pytest.mark.parametrize(
    "data",
    [
        b'{"pharmacogenomics": [], "variants": []}',
        b"gene,diplotype\n",
        b'{"resourceType": "Bundle", "type": "collection"}',
    ],
)
def test_report_without_any_result_is_refused(data: bytes) -> None:
    assert _refused(data).code == "invalid_report"


def test_utf16_file_gets_a_save_as_utf8_hint() -> None:
    err = _refused("gene,diplotype\nCYP2C19,*1/*1\n".encode("utf-16"))
    assert err.code == "unsupported_format" and "UTF-8" in str(err)
