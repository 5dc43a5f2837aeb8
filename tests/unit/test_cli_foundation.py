"""`genechat index`, `ask` and `kb` from the command line, as a new user would run them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import get_settings
from bot.retrieval.search import reset_searchers


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["genechat", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    out = capsys.readouterr()
    return int(exit_info.value.code or 0), out.out, out.err


@pytest.fixture
def cli_env(approved_kb: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GENECHAT_KB_DIR", str(approved_kb))
    monkeypatch.setenv("GENECHAT_EMBEDDER", "hash")
    get_settings.cache_clear()
    reset_searchers()
    yield approved_kb
    reset_searchers()


def test_index_twice_second_run_says_nothing_was_re_embedded(cli_env, monkeypatch, capsys) -> None:
    code, out, _ = run(monkeypatch, capsys, "index")
    assert code == 0 and "chunks embedded" in out
    code, out, _ = run(monkeypatch, capsys, "index")
    assert code == 0 and "nothing re-embedded" in out


def test_ask_passages_prints_ranked_passages_with_doc_ids_and_titles(cli_env, monkeypatch, capsys) -> None:
    run(monkeypatch, capsys, "index")
    code, out, _ = run(monkeypatch, capsys, "ask", "what does poor metabolizer mean", "--passages", "-k", "2")
    assert code == 0
    assert out.splitlines()[0].startswith("1. [metabolizer-terms] What metabolizer words mean")


def test_ask_shows_the_engine_reply_with_action_and_citations(cli_env, monkeypatch, capsys) -> None:
    run(monkeypatch, capsys, "index")
    code, out, _ = run(monkeypatch, capsys, "ask", "what does poor metabolizer mean")
    assert code == 0
    assert "action: answer" in out
    assert "[metabolizer-terms] What metabolizer words mean" in out.split("citations:")[1]


def test_ask_a_dose_question_is_escalated_not_answered(cli_env, monkeypatch, capsys) -> None:
    run(monkeypatch, capsys, "index")
    code, out, _ = run(monkeypatch, capsys, "ask", "how many mg of plavix should I take", "--no-trace")
    assert code == 0
    assert "action: escalate" in out and "mg" not in out.split("action:")[0].lower()


def test_models_trains_the_safety_models_into_the_cache_and_says_which_are_ready(cli_env, monkeypatch, capsys) -> None:
    from bot.safety import classifier
    from bot.safety.languages import crosslingual

    def instant_warm_up(self) -> None:  # the real one trains on the multilingual encoder: tested in test_crosslingual
        self._clf = object()

    monkeypatch.setattr(crosslingual.CrossLingualAlarm, "warm_up", instant_warm_up)
    monkeypatch.setattr(classifier, "_memo", {})  # as in a new process: nothing fitted yet
    run(monkeypatch, capsys, "index")
    code, out, _ = run(monkeypatch, capsys, "models")
    assert code == 0
    assert "triage classifier ready" in out and "cross-lingual alarm ready" in out
    assert list(get_settings().models_dir.glob("triage-*.weights.pkl"))  # the next server reads it, trains nothing


def test_ask_before_indexing_tells_the_user_to_run_index(cli_env, monkeypatch, capsys) -> None:
    code, _, err = run(monkeypatch, capsys, "ask", "anything")
    assert code == 1 and "genechat index" in err and "Traceback" not in err


def test_kb_list_shows_unapproved_after_an_edit(cli_env, monkeypatch, capsys) -> None:
    path = cli_env / "gina-insurance.md"
    path.write_text(path.read_text() + "\nAn edit.\n")
    code, out, _ = run(monkeypatch, capsys, "kb", "list")
    assert code == 0
    line = next(ln for ln in out.splitlines() if ln.startswith("gina-insurance"))
    assert "NOT APPROVED" in line


def test_approving_an_unknown_doc_is_a_clean_error(cli_env, monkeypatch, capsys) -> None:
    code, _, err = run(monkeypatch, capsys, "kb", "approve", "no-such-doc", "--reviewer", "A")
    assert code == 1 and "No document with id no-such-doc" in err


def test_eval_cli_lists_the_same_suites_as_the_harness() -> None:
    from bot.evals.cli import SUITES as cli_suites
    from bot.evals.harness import SUITES as harness_suites

    assert cli_suites == harness_suites


def test_every_setting_is_documented_in_the_readme():
    from bot.config import PROJECT_ROOT, Settings

    readme = (PROJECT_ROOT / "README.md").read_text()
    missing = [f"GENECHAT_{name.upper()}" for name in Settings.model_fields
               if f"GENECHAT_{name.upper()}" not in readme]
    assert not missing, f"add these to the README's configuration table: {missing}"
