"""The widget is safe with hostile text, works by keyboard alone, and fits a 360 px phone screen."""

from __future__ import annotations

import re

import pytest
from browser_steps import (
    DATA,
    TIMEOUT_MS,
    accept_consent,
    ask,
    console_login,
    focused_name,
    horizontal_overflow,
    low_contrast_text,
    open_chat,
    open_escalation_for,
    open_widget,
    session_credentials,
    tab_to,
    upload,
    widget,
    widget_config,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HOSTILE_NAME = "<img src=x onerror=\"window.__xss='name'\">Dana"
HOSTILE_LAB = "<script>window.__xss='lab'</script>Evil Lab"
HOSTILE_QUESTION = "<img src=x onerror=\"window.__xss='msg'\"> should I stop taking clopidogrel? <script>window.__xss='s'</script>"
INJECTED_JS = """(host) => ({xss: window.__xss || null,
  nodes: host.shadowRoot.querySelectorAll('img, script, iframe').length})"""


def test_html_in_report_and_messages_renders_as_text(live_server, chromium, shot, report_file):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 860})
    page = ctx.new_page()
    w = open_widget(page, live_server.url)
    accept_consent(w)
    doc = {"patient": {"display_name": HOSTILE_NAME}, "lab": HOSTILE_LAB, "report_date": "2026-01-02",
           "pharmacogenomics": [{"gene": "CYP2C19", "diplotype": "*1/*2", "phenotype": "Intermediate Metabolizer"}]}
    with page.expect_response(re.compile(r"/report$")) as uploaded:
        upload(w, report_file(doc))
    stored = uploaded.value.json()["report"]
    if stored.get("patient_display_name"):
        expect(w.locator(".report-line")).to_contain_text(stored["patient_display_name"])
    open_chat(w)
    ask(w, HOSTILE_QUESTION)
    expect(w.locator(".msg.user").last).to_contain_text("<img src=x onerror=")
    expect(w.locator(".msg.user").last).to_contain_text("<script>")
    shot(page, "widget")
    assert w.evaluate(INJECTED_JS) == {"xss": None, "nodes": 0}  # inside the widget's frame
    assert page.evaluate("() => window.__xss || null") is None

    creds = session_credentials(page, live_server.url)
    case_id = open_escalation_for(live_server, creds["session"])
    cpage = ctx.new_page()
    user, password = live_server.counselor
    console_login(cpage, live_server.url, user, password)
    cpage.locator(f".q-item[data-id='{case_id}']").click()
    expect(cpage.locator(".messages")).to_contain_text("<img src=x onerror=")
    shot(cpage, "console")
    assert cpage.evaluate("() => [window.__xss || null, document.querySelectorAll('main img, main script').length]") \
        == [None, 0]
    ctx.close()


def test_keyboard_only_journey(live_server, chromium, shot):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 860})
    page = ctx.new_page()
    # Listen for file pickers from the start: Playwright turns interception on asynchronously,
    # and a picker opened before that is lost.
    page.on("filechooser", lambda _chooser: None)
    page.goto(live_server.url + "/")
    tab_to(page, "Questions about your results?")
    page.keyboard.press("Enter")
    w = widget(page)
    expect(w.locator(".consent-text")).to_contain_text("genetic counselor", timeout=TIMEOUT_MS)
    tab_to(page, "I have read this and I agree.")
    page.keyboard.press("Space")
    tab_to(page, "Start")
    shot(page, "consent-focused")
    page.keyboard.press("Enter")
    expect(w.get_by_role("heading", name="Add your report")).to_be_focused()

    tab_to(page, "Choose a file")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files(str(DATA / "demo_report.json"))
    expect(w.get_by_role("heading", name="Your results at a glance")).to_be_focused(timeout=TIMEOUT_MS)
    tab_to(page, "Ask a question about my results")
    page.keyboard.press("Enter")
    assert focused_name(page) == "Your question"
    page.keyboard.type("What does my CYP2C19 result mean?")
    page.keyboard.press("Enter")
    expect(w.locator(".msg.bot")).to_have_count(2, timeout=TIMEOUT_MS)
    tab_to(page, "Sources (")
    page.keyboard.press("Enter")
    expect(w.locator(".msg.bot").last.locator(".cites a").first).to_be_visible()
    shot(page, "answer-sources-open")

    tab_to(page, "Delete my data", shift=True)
    page.keyboard.press("Enter")
    dialog = w.get_by_role("dialog", name="Delete your data?")
    expect(dialog).to_be_visible()
    assert focused_name(page) == "Cancel"
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert focused_name(page) == "Delete my data"
    page.keyboard.press("Enter")
    tab_to(page, "Yes, delete everything")
    page.keyboard.press("Enter")
    expect(w.get_by_role("heading", name="Your data was deleted")).to_be_visible()
    shot(page, "deleted")
    ctx.close()


def test_widget_fits_360px_without_horizontal_scroll(live_server, chromium, shot):
    ctx = chromium.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, has_touch=True)
    page = ctx.new_page()
    w = open_widget(page, live_server.url)
    steps = {}
    steps["consent"] = horizontal_overflow(page)
    shot(page, "consent")
    accept_consent(w)
    steps["upload"] = horizontal_overflow(page)
    shot(page, "upload")
    upload(w, DATA / "demo_report.json")
    steps["cards"] = horizontal_overflow(page)
    assert low_contrast_text(page) == []
    shot(page, "cards")
    open_chat(w)
    answer = ask(w, "What does my CYP2C19 result mean?")
    answer.get_by_text(re.compile(r"Sources \(\d+\)")).click()
    ask(w, "What dose of clopidogrel should I take with my result?")
    steps["chat"] = horizontal_overflow(page)
    shot(page, "chat")
    assert steps == {name: {"page": 0, "widget": 0} for name in steps}
    assert low_contrast_text(page) == []
    box = w.locator(".panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    ctx.close()


def test_emergency_reply_shows_emergency_banner(live_server, chromium, shot):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 860})
    page = ctx.new_page()
    w = open_widget(page, live_server.url)
    accept_consent(w)
    upload(w, DATA / "demo_report.json")
    open_chat(w)
    reply = ask(w, "I took my clopidogrel and now I have crushing chest pain and can't breathe")
    expect(reply).to_have_class(re.compile("action-emergency"))
    expect(w.locator(".emergency")).to_be_visible()
    expect(w.locator(".emergency")).to_contain_text(widget_config(live_server)["wording"]["emergency"])
    shot(page, "banner")
    ctx.close()


def test_too_big_upload_states_the_servers_limit(live_server, chromium, shot, tmp_path):
    config = widget_config(live_server)
    if live_server.upload_limit_bytes is not None:
        assert config["upload_limit_bytes"] == live_server.upload_limit_bytes and config["upload_limit_text"] == "3 MB"
    ctx = chromium.new_context(viewport={"width": 1280, "height": 860})
    page = ctx.new_page()
    w = open_widget(page, live_server.url)
    accept_consent(w)
    expect(w.locator("#gc-file-help")).to_have_text(config["wording"]["upload_help"])
    big = tmp_path / "big_report.json"
    big.write_bytes(b" " * (config["upload_limit_bytes"] + 1))
    w.locator("input[type=file]").set_input_files(str(big))
    error = w.get_by_role("alert").filter(has_text="too big")
    expect(error).to_have_text(config["wording"]["upload_too_big"])
    expect(error).to_contain_text(config["upload_limit_text"])
    shot(page, "too-big")
    ctx.close()


def test_counselor_feedback_marks_a_reply_unsafe(live_server, chromium, shot):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    w = open_widget(page, live_server.url)
    accept_consent(w)
    upload(w, DATA / "demo_report.json")
    open_chat(w)
    ask(w, "Should I stop taking clopidogrel because of my result?")
    case_id = open_escalation_for(live_server, session_credentials(page, live_server.url)["session"])
    cpage = ctx.new_page()
    user, password = live_server.counselor
    console_login(cpage, live_server.url, user, password)
    cpage.locator(f".q-item[data-id='{case_id}']").click()
    flagged = cpage.locator(".m.flagged")
    flagged.get_by_text("Mark this reply wrong or unsafe").click()
    flagged.get_by_label("Verdict").select_option("unsafe")
    flagged.get_by_label("Correct action").select_option("escalate")
    flagged.get_by_label("Comment").fill("Should also mention the pharmacist.")
    with cpage.expect_response(re.compile(r"/feedback$")) as saved:
        flagged.get_by_role("button", name="Save feedback").click()
    expect(flagged.get_by_role("status")).to_have_text("Feedback saved. Thank you.")
    shot(cpage, "feedback")
    sent = saved.value.request.post_data_json
    escalated_reply = cpage.evaluate("id => fetch('/api/escalations/' + id, {headers: {Authorization: 'Bearer ' + "
                                     "JSON.parse(sessionStorage.getItem('genechat-console')).token}})"
                                     ".then(r => r.json()).then(d => d.message_id)", case_id)
    assert saved.value.status == 201
    assert sent == {"message_id": escalated_reply, "verdict": "unsafe", "correct_action": "escalate",
                    "comment": "Should also mention the pharmacist."}
    ctx.close()
