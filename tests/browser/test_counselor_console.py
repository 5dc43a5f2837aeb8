"""A counselor's working day in the console, and the loop back to the patient, in a real browser.

The patient escalates and leaves an email; the counselor finds the case under "Waiting for a reply", reads
the patient's medicines and cards beside the thread, adds an internal note, starts from a reply template
that must be edited before it can be sent, and replies; a real local SMTP server receives the email, which
holds no health content; its link, opened in a fresh browser, leads back to the conversation and the reply.
Emergencies: the triggering message is in the queue row; the patient's banner can be closed and comes back
with the next emergency reply, with its phone numbers as tel: links. axe-core checks both front ends.
"""

from __future__ import annotations

import re

import pytest
from browser_steps import (
    TIMEOUT_MS,
    ask,
    axe_violations,
    console_login,
    counselor_token,
    focused_name,
    open_escalation_for,
    patient_chatting,
    session_credentials,
    tab_to,
    widget,
    widget_frame,
)
from playwright.sync_api import expect

from tests.support.smtp import health_words_in

pytestmark = pytest.mark.browser

EMAIL = "dana@example.org"
NOTE = "Spoke with cardiology; they will see her on Friday."


def test_counselor_replies_from_the_console_and_the_emailed_link_brings_the_patient_back(live_server, chromium, shot):
    if live_server.inbox is None:
        pytest.skip("needs the tests' own server (its local SMTP server receives the notification email)")
    patient_ctx, page, w = patient_chatting(chromium, live_server.url)
    creds = session_credentials(page, live_server.url)
    with live_server.api() as api:  # "My medicines", as the widget would save them
        r = api.put(f"/api/sessions/{creds['session']}/medicines", json={"medicines": ["Plavix"]},
                    headers={"Authorization": f"Bearer {creds['token']}"})
        assert r.status_code == 200
    card = ask(w, "Should I stop taking clopidogrel?").locator(".escalated")
    expect(card).to_be_visible()
    card.get_by_label("Your email (optional)").fill(EMAIL)
    card.get_by_role("button", name="Email me when they reply").click()
    expect(card.locator(".come-back-status")).to_contain_text("We will email you")
    case_id = open_escalation_for(live_server, creds["session"])
    patient_ctx.close()  # the patient goes away

    cctx = chromium.new_context(viewport={"width": 1366, "height": 900})
    cpage = cctx.new_page()
    user, password = live_server.counselor
    console_login(cpage, live_server.url, user, password)
    cpage.get_by_role("radio", name="Waiting for a reply").check()
    row = cpage.locator(f".q-item[data-id='{case_id}']")
    expect(row).to_contain_text("Reply due in")  # a new case is well within the target reply time
    expect(row).to_contain_text("Wants to start, stop or change a medicine")
    assert axe_violations(cpage) == []
    row.click()
    side = cpage.locator(".side")
    expect(side.get_by_role("list", name="Medicines the patient listed")).to_contain_text("clopidogrel (Plavix)")
    expect(side.get_by_role("list", name="Medicines the patient listed")).to_contain_text("a result concerns it")
    expect(side.locator(".cards")).to_contain_text("CYP2C19")

    notes = cpage.locator(".notes")
    expect(notes).to_contain_text("Not shown to the patient")
    notes.get_by_label("Add an internal note").fill(NOTE)
    notes.get_by_role("button", name="Add note").click()
    expect(notes.get_by_role("list", name=re.compile("Internal notes"))).to_contain_text(NOTE)
    expect(notes.get_by_label("Add an internal note")).to_be_focused()

    cpage.get_by_role("button", name="Claim", exact=True).click()
    expect(cpage.locator(".status-line")).to_contain_text("claimed by you")
    reply_box = cpage.get_by_label(re.compile("Reply to the patient"))
    cpage.get_by_label("Start from a template").select_option(label="Offer a phone call")
    expect(reply_box).to_have_value("")  # choosing a template does nothing by itself
    cpage.get_by_role("button", name="Put in reply box").click()
    expect(reply_box).to_have_value(re.compile(r"I can call you on \[day\] at \[time\]"))
    expect(reply_box).to_be_focused()
    assert cpage.evaluate("() => document.activeElement.value.slice(document.activeElement.selectionStart, "
                          "document.activeElement.selectionEnd)") == "[day]"  # typing replaces the first part
    cpage.keyboard.type("Monday")
    posted: list[str] = []
    cpage.on("request", lambda r: posted.append(r.url) if r.url.endswith("/reply") else None)
    cpage.get_by_role("button", name="Send reply").click()
    expect(cpage.locator(".reply-error")).to_contain_text("[time]")
    assert posted == []  # a template part still to fill in: nothing was sent
    shot(cpage, "template-unfilled")
    reply = reply_box.input_value().replace("[time]", "10 am")
    reply_box.fill(reply)
    cpage.get_by_role("button", name="Send reply").click()
    expect(cpage.locator(".m-counselor")).to_contain_text("Monday at 10 am")
    assert axe_violations(cpage) == []
    shot(cpage, "replied")
    cctx.close()

    mail = live_server.inbox.wait_for(EMAIL)
    body = mail.get_payload(decode=True).decode()
    assert health_words_in(mail["Subject"] + " " + body) == []
    assert "Monday" not in body and NOTE not in body
    link = re.search(r"(http://127\.0\.0\.1:\d+/#genechat-resume=[\w-]+)", body).group(1)
    with live_server.api() as api:
        r = api.post(f"/api/escalations/{case_id}/resolve", json={"note": "Call booked."},
                     headers={"Authorization": f"Bearer {counselor_token(live_server)}"})
        assert r.status_code == 200

    fresh = chromium.new_context(viewport={"width": 400, "height": 800})  # another device, nothing stored
    page = fresh.new_page()
    page.goto(link)
    w = widget(page)
    counselor = w.locator(".msg.counselor").last
    expect(counselor).to_contain_text("Monday at 10 am", timeout=TIMEOUT_MS)
    expect(counselor).to_be_focused()
    expect(w.locator(".welcome-back")).to_contain_text("Answered")
    assert "genechat-resume" not in page.url  # the one-time token is gone from the address bar
    expect(w.locator(".panel")).not_to_contain_text(NOTE)  # internal notes never reach the patient
    shot(page, "back-from-email")
    # "Thanks" on the resolved case re-opens it: one line in the chat, no second "what happens next" card.
    cards = w.locator(".escalated").count()
    ask(w, "Thanks, so I should not stop clopidogrel?")
    expect(w.locator(".esc-joined").last).to_be_visible()
    expect(w.locator(".escalated")).to_have_count(cards)
    fresh.close()


def test_an_emergency_shows_its_message_in_the_queue_and_the_patient_can_close_the_banner(
        live_server, chromium, shot):
    ctx, page, w = patient_chatting(chromium, live_server.url)
    trigger = "I took too many pills and my chest hurts"
    reply = ask(w, trigger)
    expect(reply).to_have_class(re.compile("action-emergency"))
    banner = w.locator(".emergency")
    expect(banner).to_be_visible()
    expect(banner.get_by_role("link", name="911")).to_have_attribute("href", "tel:911")
    expect(banner.get_by_role("link", name="988")).to_have_attribute("href", "tel:988")
    expect(reply.locator("a.tel").first).to_have_attribute("href", re.compile(r"^tel:\d+$"))
    assert axe_violations(widget_frame(page), "#genechat-widget") == []
    shot(page, "banner")
    banner.get_by_role("button", name="Close the emergency message").click()
    expect(banner).to_be_hidden()
    expect(w.get_by_label("Your question")).to_be_focused()
    ask(w, "I still can't breathe")
    expect(banner).to_be_visible()  # a new emergency reply brings it back

    case_id = open_escalation_for(live_server, session_credentials(page, live_server.url)["session"])
    cpage = ctx.new_page()
    user, password = live_server.counselor
    console_login(cpage, live_server.url, user, password)
    cpage.get_by_role("radio", name="Urgent").check()
    row = cpage.locator(f".q-item[data-id='{case_id}']")
    expect(row.locator(".q-trigger")).to_contain_text(trigger)
    expect(row).to_contain_text("URGENT")
    expect(cpage.locator(".q-item .prio.normal")).to_have_count(0)  # the urgent view holds emergencies only
    shot(cpage, "urgent-queue")

    # The same case an hour past the target reply time (the server's clock cannot be moved: its answer is).
    def an_hour_late(route):  # noqa: ANN001, ANN202
        body = route.fetch().json()
        for e in body["escalations"]:
            e["age_seconds"] = e["target_reply_seconds"] + 3600
        route.fulfill(json=body)

    cpage.route(re.compile(r"/api/escalations\?status=urgent$"), an_hour_late)
    cpage.get_by_role("button", name="Refresh").click()
    expect(row.locator(".due")).to_have_text(re.compile(r"^OVERDUE by 1 h \(target \d+ (h|min|days)\)$"))
    expect(row.locator(".due")).to_have_class(re.compile("overdue"))
    shot(cpage, "overdue")
    cpage.unroute_all(behavior="ignoreErrors")  # a poll still on its way when the context closes is not an error
    ctx.close()


def test_console_works_from_the_keyboard(live_server, chromium):
    ctx, page, w = patient_chatting(chromium, live_server.url)
    ask(w, "What dose should I take?")
    case_id = open_escalation_for(live_server, session_credentials(page, live_server.url)["session"])
    with live_server.api() as api:  # another counselor's claim would hide it from "Mine": claim it as this one
        api.post(f"/api/escalations/{case_id}/claim", headers={"Authorization": f"Bearer {counselor_token(live_server)}"})
    cpage = ctx.new_page()
    user, password = live_server.counselor
    console_login(cpage, live_server.url, user, password)
    tab_to(cpage, "All open")
    cpage.keyboard.press("ArrowRight")  # radio group: arrows move between the views
    cpage.keyboard.press("ArrowRight")
    cpage.keyboard.press("ArrowRight")
    assert focused_name(cpage) == "Mine"
    expect(cpage.get_by_role("radio", name="Mine")).to_be_checked()
    row = cpage.locator(f".q-item[data-id='{case_id}']")
    expect(row).to_be_visible()
    for _ in range(60):  # Tab on to this case's row and open it with Enter
        cpage.keyboard.press("Tab")
        if cpage.evaluate("() => document.activeElement.dataset.id") == str(case_id):
            break
    else:
        raise AssertionError("the case's row was not reachable with Tab")
    cpage.keyboard.press("Enter")
    expect(cpage.locator(".detail h2")).to_have_text(f"Escalation #{case_id}")
    tab_to(cpage, "Start from a template")
    cpage.keyboard.press("Tab")
    assert focused_name(cpage) == "Put in reply box"
    tab_to(cpage, "Reply to the patient")
    tab_to(cpage, "Add an internal note")
    outline = cpage.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    ctx.close()
