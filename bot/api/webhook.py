"""Tell an outside system (pager, chat) that a new escalation is waiting. Carries ids only, no patient text."""

from __future__ import annotations

import httpx
import structlog

log = structlog.get_logger("bot.api.webhook")


def notify(url: str, payload: dict, *, timeout: float = 5.0) -> bool:
    """POST the payload; failures are logged and swallowed (the queue itself is the source of truth)."""
    try:
        resp = httpx.post(url, json=payload, timeout=timeout)
        ok = resp.status_code < 300
        log.info("webhook_sent", escalation_id=payload.get("escalation_id"), status=resp.status_code, ok=ok)
        return ok
    except httpx.HTTPError as exc:
        log.warning("webhook_failed", escalation_id=payload.get("escalation_id"), error_type=type(exc).__name__)
        return False
