"""What the runner talks to: the engine in-process, or a running server over its HTTP API.

Both give back a ``Reply`` per question, so suites and metrics do not care which one ran.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from bot.core.passage import Passage
from bot.core.reply import Reply, Turn
from bot.core.report import Report
from bot.errors import GeneChatError
from bot.reports.parse import parse_report

log = logging.getLogger(__name__)


class EngineLike(Protocol):
    def reply(self, text: str, *, report: Report | None = None, history: list[Turn] | None = None) -> Reply: ...


class SearcherLike(Protocol):
    def search(self, query: str, k: int = 10) -> list[Passage]: ...


class Target(Protocol):
    name: str

    def ask(self, question: str, report_file: Path | None, history: Sequence[str]) -> Reply: ...


def load_report(path: Path) -> Report:
    """Parse a report fixture with the product's parser."""
    return parse_report(path.read_bytes())


class InProcessTarget:
    """Runs the engine in this process; history messages are replayed so follow-ups see real bot turns."""

    name = "in-process"

    def __init__(self, engine: EngineLike):
        self.engine = engine

    @lru_cache(maxsize=64)  # noqa: B019 - one target per run; fixtures are few and immutable
    def report(self, path: Path) -> Report:
        return load_report(path)

    def ask(self, question: str, report_file: Path | None, history: Sequence[str]) -> Reply:
        report = self.report(report_file) if report_file else None
        turns: list[Turn] = []
        for text in history:
            earlier = self.engine.reply(text, report=report, history=list(turns))
            turns.append(Turn(role="user", text=text))
            turns.append(
                Turn(role="bot", text=earlier.text, action=earlier.action, genes=earlier.genes, drugs=earlier.drugs)
            )
        return self.engine.reply(question, report=report, history=turns)


class HttpTarget:
    """Talks to a running server like a patient would: consent, upload the report, post messages."""

    def __init__(self, url: str, timeout: float = 30.0):
        import httpx

        self.name = url.rstrip("/")
        self.client = httpx.Client(base_url=self.name, timeout=timeout)

    def _check(self, resp: Any, step: str) -> dict[str, Any]:
        if resp.status_code >= 400:
            try:
                message = resp.json()["error"]["message"]
            except Exception:  # noqa: BLE001 - any unreadable error body
                message = resp.text[:200]
            raise GeneChatError(f"{step} failed with HTTP {resp.status_code}: {message}")
        return resp.json()

    def ask(self, question: str, report_file: Path | None, history: Sequence[str]) -> Reply:
        session = self._check(self.client.post("/api/sessions", json={"consent": True}), "creating a session")
        sid, headers = session["session_id"], {"Authorization": f"Bearer {session['token']}"}
        try:
            if report_file:
                files = {"file": (report_file.name, report_file.read_bytes(), "application/json")}
                self._check(self.client.post(f"/api/sessions/{sid}/report", files=files, headers=headers), "upload")
            body: dict[str, Any] = {}
            for text in [*history, question]:
                body = self._check(
                    self.client.post(f"/api/sessions/{sid}/messages", json={"text": text}, headers=headers), "message"
                )
            return _reply_from_api(body)
        finally:
            self.client.delete(f"/api/sessions/{sid}", headers=headers)


def _reply_from_api(body: dict[str, Any]) -> Reply:
    data = {
        "text": body.get("reply", ""),
        "action": body["action"],
        "reason": body.get("reason", ""),
        "citations": body.get("citations") or [],
        "report_facts": body.get("report_facts") or [],
        "trace": body.get("trace") or [],
    }
    return Reply.model_validate(data)
