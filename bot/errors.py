"""The errors GeneChat raises on purpose. The CLI and API turn them into clean messages.

Each carries a message that says what was wrong and what to do; callers at the edge
(``bot/cli.py``, ``bot/api``) print or serialise it instead of a traceback.
"""

from __future__ import annotations


class GeneChatError(Exception):
    """Base class: a problem the user can fix, with a message that says how."""

    code = "error"


class ConfigError(GeneChatError):
    code = "config_error"


class ModelNotAvailable(GeneChatError):
    code = "model_not_available"


class KnowledgeBaseError(GeneChatError):
    code = "knowledge_base_error"


class IndexNotReady(GeneChatError):
    code = "index_not_ready"


class ReportError(GeneChatError):
    """A report that cannot be read. ``where`` names the field, line or JSON path."""

    code = "invalid_report"

    def __init__(self, message: str, *, where: str | None = None, code: str | None = None):
        self.where = where
        if code:
            self.code = code
        super().__init__(f"{message} (at {where})" if where else message)
