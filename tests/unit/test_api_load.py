"""benchmarks/load.py at a tiny size: it runs, stores every message once, and its checker catches loss."""

from __future__ import annotations

import pytest

from benchmarks import load


def test_tiny_load_run_stores_every_message_exactly_once(tmp_path):
    out = tmp_path / "load.json"
    result = load.main(["--sessions", "3", "--messages", "2", "--output", str(out)])
    assert (result["lost"], result["duplicated"], result["errors"]) == (0, 0, 0)
    assert result["latency"]["n"] == 6 and result["p95_ms"] >= result["p50_ms"] > 0
    assert sum(result["actions"].values()) == 6
    assert out.read_text().startswith("{")


def _msg(i: int, role: str, text: str, reply_to: int | None = None) -> dict:
    return {"id": i, "role": role, "text": text, "reply_to": reply_to}


def test_audit_counts_lost_and_duplicated_messages():
    sent = ["a", "b"]
    ok = [_msg(1, "user", "a"), _msg(2, "bot", "r", 1), _msg(3, "user", "b"), _msg(4, "bot", "r", 3)]
    assert load._audit(sent, ok) == (0, 0)
    assert load._audit(sent, ok[:2]) == (1, 0)
    twice = [*ok, _msg(5, "user", "b"), _msg(6, "bot", "r", 5)]
    assert load._audit(sent, twice) == (0, 1)
    unanswered = ok[:3]
    assert load._audit(sent, unanswered) == (1, 0)
    double_reply = [*ok, _msg(7, "bot", "r", 3)]
    assert load._audit(sent, double_reply) == (0, 1)


def test_load_refuses_non_loopback_targets():
    with pytest.raises(SystemExit):
        load.require_loopback("http://example.com:8000")
    load.require_loopback("http://127.0.0.1:8000")
    load.require_loopback("http://localhost:8000")
