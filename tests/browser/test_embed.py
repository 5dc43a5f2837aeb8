"""One script tag embeds the widget in someone else's page; styles do not leak in or out of its Shadow DOM."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from browser_steps import DATA, accept_consent, upload, widget
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HOST_PAGE = """<!doctype html><html><head><title>Clinic</title>
<style>
  * {{ color: rgb(255, 0, 0) !important; font-family: "Comic Sans MS", cursive !important; }}
  button, .btn, .card, .panel {{ background: rgb(255, 105, 180) !important; border: 5px dotted lime !important; }}
</style></head>
<body><h1>Riverside Clinic</h1><button class="btn" id="host-button">Pay a bill</button>
<script src="{server}/widget.js" data-genechat-url="{server}" defer></script></body></html>"""


@pytest.fixture
def host_page(live_server):
    """A clinic's own page on another origin, with the one-line embed."""
    if live_server.host_page_port is None:
        pytest.skip("an external server does not know the host page's origin (CORS)")
    body = HOST_PAGE.format(server=live_server.url).encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", live_server.host_page_port), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{live_server.host_page_port}/patients/results"
    server.shutdown()
    server.server_close()


def test_widget_embeds_in_a_foreign_page_with_isolated_styles(live_server, host_page, chromium, shot):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 860})
    page = ctx.new_page()
    page.goto(host_page)
    w = widget(page)
    launcher = w.get_by_role("button", name="Questions about your results?")
    expect(launcher).to_be_visible()
    assert launcher.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(11, 92, 171)"
    launcher.click()
    accept_consent(w)  # cross-origin API calls work for an allowed origin
    upload(w, DATA / "demo_report.json")
    card = w.locator(".card").first
    assert card.evaluate("e => getComputedStyle(e).color") != "rgb(255, 0, 0)"
    assert "Comic" not in card.evaluate("e => getComputedStyle(e).fontFamily")
    host_button = page.locator("#host-button")
    assert host_button.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 105, 180)"
    assert host_button.evaluate("e => getComputedStyle(e).borderRadius") == "0px"  # the widget's .btn stays inside
    shot(page, "foreign-host")
    ctx.close()
