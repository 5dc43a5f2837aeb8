"""Browser tests: a real uvicorn server on a free loopback port, driven through Debian's Chromium.

Set ``GENECHAT_BROWSER_URL`` (plus ``GENECHAT_BROWSER_COUNSELOR=user:password``) to run against a
server you started yourself instead. Screenshots of every step go to tests/browser/artifacts/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.support.smtp import Inbox, free_port, local_smtp

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).parent / "artifacts"
COUNSELOR = ("casey.counselor", "correct-horse-battery-staple")
READY_TIMEOUT_S = float(os.environ.get("GENECHAT_BROWSER_READY_TIMEOUT", "180"))
UPLOAD_LIMIT_BYTES = 3 * 1024 * 1024  # not the default, so a widget that states the limit must have asked the server


@dataclass
class LiveServer:
    url: str
    counselor: tuple[str, str]
    host_page_port: int | None = None  # a loopback port whose origin the server allows (CORS) to embed the widget
    upload_limit_bytes: int | None = None  # set when the tests started the server (not the 5 MB default)
    inbox: Inbox | None = None  # the local SMTP server's inbox, when the tests started the server
    log: Path | None = None  # the server's own log, when the tests started it: shown under a failing test

    def api(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30)


def _add_counselor(env: dict[str, str]) -> None:
    """Create the test counselor through the store API, in the server's own database."""
    code = (
        "import sys\nfrom bot.config import get_settings\nfrom bot.store.db import Database\n"
        "from bot.store.counselors import add_counselor\n"
        "db = Database.from_settings(get_settings()); db.upgrade()\n"
        "with db.session() as s: add_counselor(s, sys.argv[1], sys.argv[2])\n"
    )
    subprocess.run([sys.executable, "-c", code, *COUNSELOR], env=env, check=True, timeout=120)


def _wait_ready(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    last = ""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            r = httpx.get(url + "/readyz", timeout=2)
            last = r.text
            if r.status_code == 200:
                return
        except httpx.HTTPError as exc:
            last = repr(exc)
        time.sleep(0.5)
    raise RuntimeError(f"server not ready after {READY_TIMEOUT_S}s: {last}\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if not CHROMIUM.exists():
        pytest.skip("Debian Chromium is not installed at /usr/bin/chromium: "
                    "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium")
    if external := os.environ.get("GENECHAT_BROWSER_URL"):
        user, _, password = os.environ.get("GENECHAT_BROWSER_COUNSELOR", ":".join(COUNSELOR)).partition(":")
        yield LiveServer(external.rstrip("/"), (user, password))
        return
    data_dir = tmp_path_factory.mktemp("browser-server")
    host_page_port = free_port()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with local_smtp() as (inbox, smtp_port):
        yield from _serve(data_dir, host_page_port, port, url, inbox, smtp_port)


def _serve(data_dir: Path, host_page_port: int, port: int, url: str, inbox: Inbox,
           smtp_port: int) -> Iterator[LiveServer]:
    # Notification emails go to a real SMTP server on loopback; their links point at the demo portal.
    env = {**os.environ, "GENECHAT_DATA_DIR": str(data_dir), "GENECHAT_RATE_LIMIT": "10000/minute",
           "GENECHAT_CORS_ORIGINS": f"http://127.0.0.1:{host_page_port}",
           "GENECHAT_UPLOAD_LIMIT_BYTES": str(UPLOAD_LIMIT_BYTES),
           "GENECHAT_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}/?tls=none", "GENECHAT_PUBLIC_URL": url + "/",
           "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", "GENECHAT_LOG_LEVEL": "WARNING"}
    _add_counselor(env)
    log = data_dir / "server.log"
    with log.open("w") as out:
        # `genechat serve` is what `make serve` runs: it builds the knowledge-base index, then starts uvicorn.
        proc = subprocess.Popen(
            [sys.executable, "-c", "from bot.cli import main; main()", "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        _wait_ready(url, proc, log)
        yield LiveServer(url, COUNSELOR, host_page_port, UPLOAD_LIMIT_BYTES, inbox, log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Under a failing browser test, the server log's tail: a flake in CI is then a readable server error."""
    outcome = yield
    report = outcome.get_result()
    server = item.funcargs.get("live_server") if hasattr(item, "funcargs") else None
    if report.failed and isinstance(server, LiveServer) and server.log and server.log.exists():
        report.sections.append(("live server log (last 4000 characters)", server.log.read_text()[-4000:]))


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def shot(request: pytest.FixtureRequest):
    """Save a numbered full-page screenshot for this test: shot(page, "consent")."""
    ARTIFACTS.mkdir(exist_ok=True)
    counter = iter(range(1, 100))
    name = request.node.name.replace("test_", "", 1)

    def take(page, step: str) -> Path:
        path = ARTIFACTS / f"{name}-{next(counter):02d}-{step}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return take


@pytest.fixture
def report_file(tmp_path: Path):
    """Write a native report JSON (dict) to a temp file and return its path."""

    def write(doc: dict, name: str = "my_report.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(doc), encoding="utf-8")
        return path

    return write
