"""The API with a sleepy fake engine, served on a loopback port in its own process (tests/unit/test_api_abuse.py).

Its own process, so the load generator and the server do not share one interpreter lock: the figures are the
server's. ``python -m tests.support.abuse_server DATA_DIR PORT``
"""

from __future__ import annotations

import sys
import time

import uvicorn

from bot.api.app import create_app
from bot.config import Settings
from tests.support.fakes import FakeEngine

ENGINE_SLEEP = 0.05


class SleepyEngine(FakeEngine):
    """The fake engine plus a short sleep per reply, like a fast model: the load is on the server."""

    def reply(self, text, **kw):  # noqa: ANN001, ANN003, ANN201
        time.sleep(ENGINE_SLEEP)
        return super().reply(text, **kw)


def settings_for(data_dir: str) -> Settings:
    return Settings(data_dir=data_dir, rate_limit="100000/minute", body_timeout_seconds=2.0)


def main(argv: list[str]) -> None:
    data_dir, port = argv
    app = create_app(settings_for(data_dir), engine=SleepyEngine())
    uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="warning", access_log=False)


if __name__ == "__main__":
    main(sys.argv[1:])
