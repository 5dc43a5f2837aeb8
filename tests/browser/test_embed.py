"""One script tag embeds the widget in someone else's page: styles do not leak in or out, and the page's own
scripts cannot find the patient's token (the chat runs in an iframe from GeneChat's origin)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from browser_steps import DATA, accept_consent, session_credentials, upload, widget
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HOST_PAGE = """<!doctype html><html><head><title>Clinic</title>
<style>
  * {{ color: rgb(255, 0, 0) !important; font-family: "Comic Sans MS", cursive !important; }}
  button, .btn, .card, .panel {{ background: rgb(255, 105, 180) !important; border: 5px dotted lime !important; }}
</style></head>
<body><h1>Riverside Clinic</h1><button class="btn" id="host-button">Pay a bill</button>
<script src="{server}/widget.js" data-genechat-url="{server}" {mode}defer></script></body></html>"""

# Everything a script of the embedding page could look at: its storage, cookies, DOM (with the widget's element
# and any shadow root), its globals, every message posted to it, and the frame's own document and storage.
HOST_VIEW_JS = """() => {
  const el = document.querySelector("#genechat-widget");
  let frameDocument = null, frameStorage = null;
  try { frameDocument = el.contentDocument && el.contentDocument.documentElement.outerHTML; } catch (e) { frameDocument = null; }
  try { frameStorage = JSON.stringify({...el.contentWindow.localStorage}); } catch (e) { frameStorage = null; }
  const globals = {};
  for (const k of Object.keys(window)) {
    try { const v = window[k]; if (typeof v === "string" || (v && typeof v === "object" && v.constructor === Object))
      globals[k] = JSON.stringify(v); } catch (e) { /* not serialisable: not data */ }
  }
  return {local: JSON.stringify({...localStorage}), session: JSON.stringify({...sessionStorage}), cookie: document.cookie,
          dom: document.documentElement.outerHTML, tag: el.tagName, shadow: el.shadowRoot === null ? null : "open",
          globals: JSON.stringify(globals), messages: JSON.stringify(window.__messages), frameDocument, frameStorage};
}"""
RECORD_MESSAGES_JS = """window.__messages = [];
window.addEventListener("message", (e) => window.__messages.push({origin: e.origin, data: e.data}));"""


@pytest.fixture
def host_page(live_server):
    """A clinic's own page on another origin, with the one-line embed."""
    if live_server.host_page_port is None:
        pytest.skip("an external server does not know the host page's origin (CORS)")
    floating = HOST_PAGE.format(server=live_server.url, mode="").encode()
    inline = HOST_PAGE.format(server=live_server.url, mode='data-genechat-mode="inline" ').encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(inline if "inline" in self.path else floating)

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


def test_host_page_scripts_cannot_find_the_patients_token(live_server, host_page, chromium):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 860})
    page = ctx.new_page()
    page.add_init_script(RECORD_MESSAGES_JS)  # a host script listening to everything posted to the page
    page.goto(host_page)
    w = widget(page)
    w.get_by_role("button", name="Questions about your results?").click()
    accept_consent(w)
    upload(w, DATA / "demo_report.json")
    creds = session_credentials(page, live_server.url)  # read inside the frame, where the widget keeps it
    token, session_id = creds["token"], creds["session"]
    assert len(token) >= 20

    seen = page.evaluate(HOST_VIEW_JS)
    assert seen["tag"] == "IFRAME" and seen["shadow"] is None
    assert seen["frameDocument"] is None and seen["frameStorage"] is None  # another origin: out of reach
    assert seen["local"] == "{}" and seen["session"] == "{}" and seen["cookie"] == ""
    for where, text in seen.items():
        assert token not in (text or ""), f"the token is visible to the host page in {where}"
        assert session_id not in (text or ""), f"the session id is visible to the host page in {where}"
    posted = page.evaluate("() => window.__messages")
    assert posted and all(m["origin"] == live_server.url and m["data"]["type"] == "genechat:ui" for m in posted), posted
    assert {k for m in posted for k in m["data"]} == {"type", "open", "width", "height"}
    ctx.close()


def test_closed_widget_is_a_launcher_sized_frame_and_inline_mode_renders_in_place(host_page, chromium, shot):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 860})
    page = ctx.new_page()
    page.goto(host_page)
    launcher = widget(page).get_by_role("button", name="Questions about your results?")
    expect(launcher).to_be_visible()
    frame = page.locator("#genechat-widget")
    expect(frame).to_have_css("opacity", "1")  # shown once the frame said how big its launcher is
    box, button = frame.bounding_box(), launcher.bounding_box()
    assert abs(box["width"] - button["width"]) <= 2 and abs(box["height"] - button["height"]) <= 2, (box, button)
    assert button["height"] < 64, button  # one line: the frame is sized to the launcher, not the other way round
    assert box["x"] + box["width"] <= 1280 - 19 and box["y"] + box["height"] <= 860 - 19  # bottom right corner
    shot(page, "closed")
    page.set_viewport_size({"width": 360, "height": 740})  # a phone: the launcher wraps to fit, nothing is cut off
    expect(frame).to_have_css("width", "320px")
    narrow = launcher.bounding_box()
    assert narrow["x"] >= 20 and narrow["x"] + narrow["width"] <= 341 and narrow["height"] > button["height"], narrow
    page.set_viewport_size({"width": 1280, "height": 860})
    expect(frame).to_have_css("width", f"{round(box['width'])}px")  # back on one line
    launcher.click()
    expect(widget(page).get_by_role("heading", name="Before we start")).to_be_visible()
    assert frame.bounding_box()["height"] > 500  # the frame grew into the panel

    page.goto(host_page + "?inline")
    w = widget(page)
    expect(w.get_by_role("heading", name="Before we start")).to_be_visible()
    expect(w.get_by_role("button", name="Questions about your results?")).to_have_count(0)
    frame_box, heading_box = frame.bounding_box(), page.locator("h1").bounding_box()
    assert frame_box["y"] > heading_box["y"] and frame_box["height"] >= 560  # in place of the tag, below the heading
    shot(page, "inline")
    ctx.close()
