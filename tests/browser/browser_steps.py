"""Steps a patient or counselor takes in the browser, shared by the browser tests."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Frame, Locator, Page, expect

DATA = Path(__file__).parent / "data"
FRAME = "iframe#genechat-widget"  # what the embed script puts in the page (from GeneChat's own origin)
WIDGET = "#genechat-widget"  # the chat app inside the frame; Playwright CSS locators pierce its open shadow root
TIMEOUT_MS = 60_000  # the first answer may wait for the engine to warm up

# The element that has focus, looking inside shadow roots: what a keyboard user is on.
DEEP_FOCUS_JS = """() => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  if (!a) return "";
  const label = a.labels && a.labels.length ? a.labels[0].textContent : "";
  return (a.getAttribute("aria-label") || label || a.textContent || a.value || a.id || a.tagName).trim();
}"""


def widget(page: Page) -> Locator:
    """The chat app, inside the embed's iframe (a frame locator works across origins)."""
    return page.frame_locator(FRAME).locator(WIDGET)


def widget_frame(page: Page) -> Frame:
    """The embed's iframe as a Frame (for tools that evaluate scripts in it, such as axe)."""
    frame = page.locator(FRAME).element_handle().content_frame()
    assert frame is not None, "the widget's iframe has no document"
    return frame


def open_widget(page: Page, url: str) -> Locator:
    page.goto(url + "/")
    w = widget(page)
    w.get_by_role("button", name="Questions about your results?").click()
    expect(w.get_by_role("heading", name="Before we start")).to_be_visible()
    return w


def accept_consent(w: Locator) -> None:
    expect(w.locator(".consent-text")).to_contain_text("genetic counselor", timeout=TIMEOUT_MS)
    w.get_by_label("I have read this and I agree.").check()
    w.get_by_role("button", name="Start").click()
    expect(w.get_by_role("heading", name="Add your report")).to_be_visible()


def upload(w: Locator, path: Path) -> None:
    w.locator("input[type=file]").set_input_files(str(path))
    expect(w.get_by_role("heading", name="Your results at a glance")).to_be_visible(timeout=TIMEOUT_MS)


def confirm_rows(w: Locator) -> None:
    """Press "Yes, use these results" and wait for the cards; an error the widget shows instead fails with its words."""
    w.get_by_role("button", name="Yes, use these results").click()
    cards = w.get_by_role("heading", name="Your results at a glance")
    error = w.locator(".screen .error:visible")
    expect(cards.or_(error)).to_be_visible(timeout=TIMEOUT_MS)
    assert not error.count(), f"the widget showed an error instead of the cards: {error.first.inner_text()!r}"


def open_chat(w: Locator) -> None:
    w.get_by_role("button", name="Ask a question about my results").click()
    expect(w.get_by_label("Your question")).to_be_visible()


def ask(w: Locator, text: str) -> Locator:
    """Send a question and return the newest bot reply bubble."""
    before = w.locator(".msg.bot").count()
    w.get_by_label("Your question", exact=True).fill(text)
    w.get_by_role("button", name="Send").click()
    expect(w.locator(".msg.bot")).to_have_count(before + 1, timeout=TIMEOUT_MS)
    return w.locator(".msg.bot").last


def patient_chatting(browser, url: str, report: Path = DATA / "demo_report.json"):  # noqa: ANN001, ANN201
    """A new patient in a fresh browser context, consent given, report uploaded, chat open: (context, page, widget)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 860})
    page = ctx.new_page()
    w = open_widget(page, url)
    accept_consent(w)
    upload(w, report)
    open_chat(w)
    return ctx, page, w


def widget_config(server) -> dict:
    """The wording and limits the server gives the widget (GET /api/widget-config)."""
    with server.api() as api:
        r = api.get("/api/widget-config")
    r.raise_for_status()
    return r.json()


def session_credentials(page: Page, url: str) -> dict:
    """The widget's session id and token, from the frame's own storage (GeneChat's origin, not the page's)."""
    raw = widget(page).evaluate("(_el, key) => localStorage.getItem(key)", f"genechat:{url}")
    return json.loads(raw)


def focused_name(page: Page) -> str:
    """The focused element's name, inside the widget's frame when focus is there."""
    if page.evaluate("() => document.activeElement && document.activeElement.matches('iframe#genechat-widget')"):
        return widget(page).evaluate(DEEP_FOCUS_JS)
    return page.evaluate(DEEP_FOCUS_JS)


def tab_to(page: Page, name: str, *, limit: int = 40, shift: bool = False) -> None:
    """Press Tab until the focused element's name contains ``name``; fail if it is never reached."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if shift else "Tab")
        current = focused_name(page)
        seen.append(current[:40])
        if name.lower() in current.lower():
            return
    raise AssertionError(f"{name!r} was not reachable with Tab; focus went through {seen}")


def console_login(page: Page, url: str, user: str, password: str, *, poll_ms: int | None = None) -> None:
    page.goto(url + "/console/" + (f"?poll={poll_ms}" if poll_ms else ""))
    page.get_by_label("Username").fill(user)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Queue")).to_be_visible()


def horizontal_overflow(page: Page) -> dict:
    """How far the page and the widget's scroll areas overflow sideways (0 = no horizontal scroll)."""
    inside = widget(page).evaluate("""(host) => {
      const parts = [...host.shadowRoot.querySelectorAll(".main, .log, .panel")].filter((e) => e.offsetParent !== null);
      return Math.max(0, ...parts.map((e) => e.scrollWidth - e.clientWidth));
    }""")
    return {"page": page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"), "widget": inside}


_TOKENS: dict[str, str] = {}


def counselor_token(server) -> str:
    """One API login per server (logins are rate limited to a few per minute)."""
    if server.url not in _TOKENS:
        user, password = server.counselor
        with server.api() as api:
            r = api.post("/api/auth/login", json={"username": user, "password": password})
            r.raise_for_status()
            _TOKENS[server.url] = r.json()["token"]
    return _TOKENS[server.url]


def open_escalation_for(server, session_id: str) -> int:
    """The id of the open escalation raised in this patient session (asked of the API as a counselor)."""
    with server.api() as api:
        r = api.get("/api/escalations", params={"status": "open"},
                    headers={"Authorization": f"Bearer {counselor_token(server)}"})
    r.raise_for_status()
    ids = [e["id"] for e in r.json()["escalations"] if e["session_id"] == session_id]
    assert ids, f"no open escalation for session {session_id}"
    return ids[-1]


# WCAG contrast of every visible text node in the widget against its painted background.
LOW_CONTRAST_JS = """(host) => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host)) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const root = host.shadowRoot;
  const bad = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || !el.checkVisibility() || el.closest(".sr-only, button:disabled")) continue;
    const style = getComputedStyle(el);
    const [a, b] = [lum(rgb(style.color).slice(0, 3)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) bad.push(`${node.textContent.trim().slice(0, 30)}: ${ratio.toFixed(2)}`);
  }
  return bad;
}"""


def low_contrast_text(page: Page) -> list[str]:
    return widget(page).evaluate(LOW_CONTRAST_JS)


# axe-core (shipped inside the axe-playwright-python wheel) with the WCAG 2.1 A and AA rules.
AXE_RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
             "resultTypes": ["violations"]}


def axe_violations(page: Page | Frame, within: str | None = None) -> list[str]:
    """axe-core's WCAG A/AA violations on the page (or inside the ``within`` selector), one line each."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, context=within, options=AXE_RULES).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in found]
