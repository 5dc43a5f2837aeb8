"""The counselor's typing survives a refresh of the case on screen, however long the server takes to answer it."""

from __future__ import annotations

import re

import pytest
from browser_steps import (
    TIMEOUT_MS,
    ask,
    console_login,
    open_escalation_for,
    patient_chatting,
    session_credentials,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_text_typed_while_the_open_case_is_being_refetched_is_kept(live_server, chromium):
    ctx, page, w = patient_chatting(chromium, live_server.url)
    expect(ask(w, "Should I stop taking clopidogrel?").locator(".escalated")).to_be_visible()
    case_id = open_escalation_for(live_server, session_credentials(page, live_server.url)["session"])
    cpage = ctx.new_page()
    user, password = live_server.counselor
    console_login(cpage, live_server.url, user, password)
    cpage.get_by_role("radio", name="Waiting for a reply").check()
    cpage.locator(f".q-item[data-id='{case_id}']").click()
    cpage.get_by_role("button", name="Claim", exact=True).click()
    expect(cpage.locator(".status-line")).to_contain_text("claimed by you")

    held = []  # the re-read of the open case, held until the counselor has typed
    cpage.route(re.compile(rf"/api/escalations/{case_id}$"), lambda route: held.append(route))
    notes = cpage.locator(".notes")
    notes.get_by_label("Add an internal note").fill("checking with pharmacy")
    notes.get_by_role("button", name="Add note").click()  # saved, then the case is read again
    for _ in range(TIMEOUT_MS // 100):
        if held:
            break
        cpage.wait_for_timeout(100)
    assert held, "the console did not read the case again after adding a note"
    reply_box = cpage.get_by_label(re.compile("Reply to the patient"))
    reply_box.click()
    cpage.keyboard.type("Hello, I read your question")
    held[0].fulfill(response=held[0].fetch())
    cpage.unroute_all(behavior="ignoreErrors")
    expect(notes.get_by_role("list", name=re.compile("Internal notes"))).to_contain_text("checking with pharmacy")
    expect(reply_box).to_have_value("Hello, I read your question")
    ctx.close()
