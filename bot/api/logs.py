"""Structured JSON logs through stdlib logging (so uvicorn, tests and log shippers all see them).

structlog events and plain ``logging`` calls (with their ``extra=`` fields) come out as the same JSON
lines. Log calls pass ids, codes and timings as keyword fields; never message text, report content or tokens.
"""

from __future__ import annotations

import logging

import structlog

_configured = False
_SHARED = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def json_formatter() -> logging.Formatter:
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*_SHARED, structlog.stdlib.ExtraAdder()],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, structlog.processors.JSONRenderer()],
    )


def configure_logging(level: str = "INFO") -> None:
    """Idempotent: set up structlog once, add a JSON handler to the root logger if it has none."""
    global _configured
    root = logging.getLogger()
    root.setLevel(level.upper())
    if _configured:
        return
    structlog.configure(
        processors=[*_SHARED, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=False,
    )
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(json_formatter())
        root.addHandler(handler)
    _configured = True
