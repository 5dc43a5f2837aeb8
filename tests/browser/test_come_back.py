"""Closing the loop in a real browser: the patient escalates, closes the browser, comes back in a fresh one
with the resume code and secret word, and reads the counselor's reply first."""

from __future__ import annotations

import pytest
from browser_steps import (
    DATA,
    TIMEOUT_MS,
    accept_consent,
    ask,
    counselor_token,
    open_chat,
    open_widget,
    session_credentials,
    upload,
    widget,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SECRET = "blue heron"


def test_patient_comes_back_in_a_fresh_browser_with_the_code_and_reads_the_reply(live_server, chromium, shot):
    first = chromium.new_context(viewport={"width": 1280, "height": 860})
    page = first.new_page()
    w = open_widget(page, live_server.url)
    accept_consent(w)
    upload(w, DATA / "demo_report.json")
    open_chat(w)
    reply = ask(w, "Should I stop taking clopidogrel?")
    card = reply.locator(".escalated")
    expect(card).to_be_visible()
    card.get_by_label("Pick a secret word (4 or more letters)").fill(SECRET)
    card.get_by_role("button", name="Get my code").click()
    code_field = card.get_by_label("Your code")
    expect(code_field).to_be_visible()
    code = code_field.input_value()
    assert len(code.replace("-", "")) == 20
    assert code not in page.url
    shot(page, "code-shown")
    # a new tab of the same browser resumes the chat
    tab = first.new_page()
    tab.goto(live_server.url + "/")
    widget(tab).get_by_role("button", name="Questions about your results?").click()
    expect(widget(tab).get_by_label("Your question")).to_be_visible(timeout=TIMEOUT_MS)
    session_id = session_credentials(page, live_server.url)["session"]
    first.close()  # the patient closes the browser

    with live_server.api() as api:
        headers = {"Authorization": f"Bearer {counselor_token(live_server)}"}
        cases = api.get("/api/escalations", params={"status": "active"}, headers=headers).json()["escalations"]
        [esc] = [e for e in cases if e["session_id"] == session_id]
        r = api.post(f"/api/escalations/{esc['id']}/reply", json={"text": "Please keep taking it. I will call you."},
                     headers=headers)
        assert r.status_code == 201

    fresh = chromium.new_context(viewport={"width": 400, "height": 800})  # another device: nothing stored
    page = fresh.new_page()
    w = open_widget(page, live_server.url)
    w.get_by_role("button", name="I have a code: go back to my chat").click()
    w.get_by_label("Your code").fill(code.lower())
    w.get_by_label("Your secret word").fill(SECRET)
    w.get_by_role("button", name="Go back to my chat").click()
    welcome = w.locator(".welcome-back")
    expect(welcome).to_be_visible(timeout=TIMEOUT_MS)
    expect(welcome).to_contain_text("Answered")
    counselor = w.locator(".msg.counselor").last
    expect(counselor).to_contain_text("Please keep taking it. I will call you.")
    expect(counselor).to_be_focused()
    shot(page, "came-back")
    fresh.close()


def test_a_wrong_secret_word_does_not_open_the_chat(live_server, chromium):
    ctx = chromium.new_context()
    page = ctx.new_page()
    w = open_widget(page, live_server.url)
    w.get_by_role("button", name="I have a code: go back to my chat").click()
    w.get_by_label("Your code").fill("AAAA-BBBB-CCCC-DDDD-EEEE")
    w.get_by_label("Your secret word").fill("nope")
    w.get_by_role("button", name="Go back to my chat").click()
    expect(w.get_by_role("alert")).to_contain_text("do not match")
    ctx.close()
