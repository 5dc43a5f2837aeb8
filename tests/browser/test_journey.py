"""The whole product in a real browser: patient widget and counselor console against a live server."""

from __future__ import annotations

import re

import pytest
from browser_steps import (
    DATA,
    TIMEOUT_MS,
    accept_consent,
    ask,
    console_login,
    counselor_token,
    open_chat,
    open_escalation_for,
    open_widget,
    session_credentials,
    upload,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DEMO_REPORT = DATA / "demo_report.json"
CPIC_REPORT = DATA / "cpic_report.json"  # results the old card heuristics showed as unclear or typical
POOR_REPORT = DATA / "poor_cyp2c19_slco1b1.json"  # CYP2C19 poor metabolizer, SLCO1B1 poor function


def test_patient_and_counselor_full_journey(live_server, chromium, shot):
    patient_ctx = chromium.new_context(viewport={"width": 1280, "height": 860})
    page = patient_ctx.new_page()
    w = open_widget(page, live_server.url)
    shot(page, "consent")
    accept_consent(w)
    shot(page, "upload")

    upload(w, DEMO_REPORT)
    card = w.locator(".card", has=page.get_by_role("heading", name="CYP2C19"))
    expect(card).to_contain_text("*2/*2")
    expect(card).to_contain_text("Important to discuss")  # text label, not colour only
    expect(card).to_contain_text("clopidogrel")
    expect(w.locator(".report-line")).to_contain_text("Dana Example")
    shot(page, "cards")

    open_chat(w)
    answer = ask(w, "What does my CYP2C19 result mean?")
    expect(answer).not_to_have_class(re.compile("action-escalate|action-decline|action-emergency"))
    answer.get_by_text(re.compile(r"Sources \(\d+\)")).click()
    source_links = answer.locator(".cites a[href^='http']")
    expect(source_links.first).to_be_visible()
    shot(page, "cited-answer")

    ask(w, "What dose of clopidogrel should I take with my result?")
    # Pinned by position: ``ask`` returns the newest reply, which a later question would move on.
    esc_card = w.locator(".msg.bot").nth(w.locator(".msg.bot").count() - 1).locator(".escalated")
    expect(esc_card).to_contain_text("Sent to a genetic counselor")
    expect(esc_card).to_contain_text("reply will appear in this chat")
    expect(esc_card.locator(".esc-status")).to_contain_text("Received")
    expect(esc_card.locator(".esc-steps [aria-current=step]")).to_contain_text("Waiting for a counselor")
    esc_card.scroll_into_view_if_needed()
    shot(page, "escalated")
    creds = session_credentials(page, live_server.url)
    user, password = live_server.counselor
    case_id = open_escalation_for(live_server, creds["session"])

    counselor_ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    cpage = counselor_ctx.new_page()
    console_login(cpage, live_server.url, user, password, poll_ms=1500)
    item = cpage.locator(f".q-item[data-id='{case_id}']")
    expect(item).to_contain_text(re.compile("dosing|medication_change"))
    expect(item).to_contain_text("Unclaimed")
    shot(cpage, "console-queue")
    item.click()
    expect(cpage.locator(".messages")).to_contain_text("What dose of clopidogrel")
    expect(cpage.locator(".side")).to_contain_text("CYP2C19")
    expect(cpage.locator(".side .card")).to_have_count(3)  # cards come with the escalation detail
    cpage.get_by_text(re.compile(r"Decision trace \(\d+ steps?\)")).first.click()
    shot(cpage, "console-conversation")

    cpage.get_by_role("button", name="Claim", exact=True).click()
    expect(cpage.locator(".status-line")).to_contain_text("claimed by you")
    expect(cpage.locator(".q-item.selected")).to_contain_text("Claimed by you")

    # The patient sees that a counselor is now looking at the question (by polling, no reload).
    expect(esc_card.locator(".esc-status")).to_contain_text("A counselor is looking at it now",
                                                            timeout=TIMEOUT_MS)
    expect(esc_card.locator(".esc-steps [aria-current=step]")).to_contain_text("reviewing it")
    esc_card.scroll_into_view_if_needed()
    shot(page, "escalation-claimed")

    # The counselor starts a reply; a new patient message arrives in the open conversation without a click,
    # and the half-typed reply survives the refresh.
    reply_box = cpage.get_by_label(re.compile("Reply to the patient"))
    draft = "Hello Dana, this is Casey, a genetic counselor. Please keep taking clopidogrel as prescribed; "
    reply_box.fill(draft)
    follow_up = ask(w, "Also, what is a poor metabolizer?")
    expect(follow_up).to_be_visible()
    expect(cpage.locator(".messages")).to_contain_text("Also, what is a poor metabolizer?", timeout=TIMEOUT_MS)
    expect(reply_box).to_have_value(draft)
    expect(reply_box).to_be_focused()
    shot(cpage, "console-new-patient-message")

    reply_box.press("End")
    reply_box.press_sequentially("I have asked your cardiologist to review your CYP2C19 result with you this week.")
    cpage.get_by_role("button", name="Send reply").click()
    expect(cpage.locator(".m-counselor")).to_contain_text("Casey")
    expect(cpage.get_by_label(re.compile("Reply to the patient"))).to_have_value("")
    cpage.get_by_label(re.compile("Resolution note")).fill("Replied; cardiology asked to review.")
    cpage.get_by_role("button", name="Resolve").click()
    expect(cpage.locator(".status-line")).to_contain_text("resolved")
    shot(cpage, "console-resolved")
    console_token = cpage.evaluate("() => JSON.parse(sessionStorage.getItem('genechat-console')).token")
    cpage.get_by_role("button", name="Sign out").click()
    expect(cpage.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(cpage.get_by_text("You are signed out.")).to_be_visible()
    with live_server.api() as api:
        assert api.get("/api/escalations", headers={"Authorization": f"Bearer {console_token}"}).status_code == 401

    counselor_msg = w.locator(".msg.counselor")
    expect(counselor_msg).to_contain_text("cardiologist to review", timeout=TIMEOUT_MS)  # by polling, no reload
    status = esc_card.locator(".esc-status")
    expect(status).to_contain_text("Answered", timeout=TIMEOUT_MS)
    expect(status).to_contain_text("reply is in this chat")
    expect(esc_card.locator(".esc-steps li.done")).to_have_count(3)
    expect(esc_card).not_to_contain_text("cardiology asked to review")  # the counselor's note stays private
    shot(page, "counselor-reply")
    esc_card.scroll_into_view_if_needed()
    shot(page, "escalation-resolved")

    w.get_by_role("button", name="Delete my data").click()
    dialog = w.get_by_role("dialog", name="Delete your data?")
    expect(dialog).to_be_visible()
    shot(page, "delete-confirm")
    dialog.get_by_role("button", name="Yes, delete everything").click()
    expect(w.get_by_role("heading", name="Your data was deleted")).to_be_visible()
    shot(page, "deleted")

    with live_server.api() as api:
        gone = api.get(f"/api/sessions/{creds['session']}/messages",
                       headers={"Authorization": f"Bearer {creds['token']}"})
        queue = api.get("/api/escalations", params={"status": "all"},
                        headers={"Authorization": f"Bearer {counselor_token(live_server)}"})
    assert gone.status_code in (401, 403, 404)
    assert creds["session"] not in {e["session_id"] for e in queue.json()["escalations"]}
    patient_ctx.close()
    counselor_ctx.close()


def test_cards_flag_cpic_priority_results_as_important_and_show_them_first(live_server, chromium, shot):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 1400})
    page = ctx.new_page()
    w = open_widget(page, live_server.url)
    accept_consent(w)
    upload(w, CPIC_REPORT)
    important = {"MT-RNR1": "hearing loss", "RYR1": "surgery", "VKORC1 · -1639 AA": "warfarin",
                 "VKORC1 · -1639 AG": "warfarin", "CYP3A5": "tacrolimus", "DPYD": "c.1905+1G>A/c.1905+1G>A"}
    for name, words in important.items():
        gene, _, result = name.partition(" · ")
        card = w.locator(".card", has=page.get_by_role("heading", name=gene, exact=True))
        if result:
            card = card.filter(has_text=result)
        expect(card).to_have_count(1)
        expect(card.locator(".badge")).to_contain_text("Important to discuss")
        expect(card).to_contain_text(words)
    badges = w.locator(".cards .card .badge").all_inner_texts()
    assert [("Important to discuss" in b) for b in badges] == [True] * len(important) + [False] * 2, badges
    expect(w.locator(".cards .card h3").last).to_have_text("TPMT")  # typical ones last, by gene
    shot(page, "cards-important-first")
    ctx.close()


def test_upload_error_is_shown_in_plain_words(live_server, chromium, shot, report_file):
    ctx = chromium.new_context()
    page = ctx.new_page()
    w = open_widget(page, live_server.url)
    accept_consent(w)
    notes = report_file({}, "notes.txt")
    notes.write_text("Shopping list: eggs, milk, bread.\n", encoding="utf-8")
    w.locator("input[type=file]").set_input_files(str(notes))
    alert = w.get_by_role("alert")
    expect(alert).to_contain_text(re.compile("couldn't read this report|can't read this kind of file"))
    expect(w.get_by_label("Choose a file")).to_be_enabled()
    expect(w.get_by_label("Choose a file")).to_be_focused()
    shot(page, "upload-error")
    ctx.close()


def test_network_error_keeps_typed_question_and_retry_sends_it(live_server, chromium, shot):
    ctx = chromium.new_context()
    page = ctx.new_page()
    w = open_widget(page, live_server.url)
    accept_consent(w)
    upload(w, DEMO_REPORT)
    open_chat(w)
    page.route("**/messages", lambda route: route.abort() if route.request.method == "POST" else route.fallback())
    w.get_by_label("Your question").fill("What is a poor metabolizer?")
    w.get_by_role("button", name="Send").click()
    expect(w.get_by_role("alert")).to_contain_text("still in the box")
    expect(w.get_by_label("Your question")).to_have_value("What is a poor metabolizer?")
    shot(page, "network-error")
    page.unroute("**/messages")
    held = []  # hold the retried request so the "writing" state can be seen, then let it through
    page.route("**/messages", lambda route: held.append(route) if route.request.method == "POST" else route.fallback())
    w.get_by_role("button", name="Try again").click()
    expect(w.get_by_text("GeneChat is writing an answer")).to_be_visible()
    expect(w.get_by_role("button", name="Send")).to_be_disabled()
    shot(page, "typing")
    assert len(held) == 1
    held[0].continue_()
    expect(w.locator(".msg.user")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(w.locator(".msg.bot")).to_have_count(2, timeout=TIMEOUT_MS)  # greeting + the answer
    expect(w.get_by_text("GeneChat is writing an answer")).to_be_hidden()
    expect(w.get_by_label("Your question")).to_have_value("")
    ctx.close()


def test_portal_offers_sample_reports_for_download(live_server, chromium):
    ctx = chromium.new_context(accept_downloads=True)
    page = ctx.new_page()
    page.goto(live_server.url + "/")
    links = page.locator(".samples a")
    if links.count() == 0:
        pytest.skip("no sample reports in evals/reports/ yet")
    with page.expect_download() as info:
        links.first.click()
    assert info.value.suggested_filename.endswith((".json", ".tsv", ".csv"))
    ctx.close()


def test_reload_resumes_the_conversation_and_cards(live_server, chromium, shot):
    ctx = chromium.new_context()
    page = ctx.new_page()
    w = open_widget(page, live_server.url)
    accept_consent(w)
    upload(w, DEMO_REPORT)
    open_chat(w)
    ask(w, "What does my CYP2C19 result mean?")
    page.reload()
    w.get_by_role("button", name="Questions about your results?").click()
    expect(w.locator(".msg.user")).to_have_text(re.compile("What does my CYP2C19 result mean"))
    expect(w.locator(".msg.bot")).to_have_count(2)  # greeting + the stored answer
    w.get_by_text("My results (3)").click()
    expect(w.locator(".my-results .card", has=page.get_by_role("heading", name="CYP2C19"))).to_contain_text("*2/*2")
    shot(page, "resumed")
    ctx.close()


def test_report_can_be_dropped_onto_the_upload_area(live_server, chromium, shot):
    ctx = chromium.new_context()
    page = ctx.new_page()
    w = open_widget(page, live_server.url)
    accept_consent(w)
    transfer = w.evaluate_handle("""(_host, text) => {  // in the widget's frame, where it is dropped
      const dt = new DataTransfer();
      dt.items.add(new File([text], "dropped_report.json", {type: "application/json"}));
      return dt;
    }""", DEMO_REPORT.read_text(encoding="utf-8"))
    zone = w.locator(".drop")
    zone.dispatch_event("dragenter", {"dataTransfer": transfer})
    expect(zone).to_have_class(re.compile(r"\bover\b"))
    shot(page, "drag-over")
    zone.dispatch_event("drop", {"dataTransfer": transfer})
    expect(w.get_by_role("heading", name="Your results at a glance")).to_be_visible(timeout=TIMEOUT_MS)
    expect(w.locator(".card h3")).to_have_text(["CYP2C19", "SLCO1B1", "CYP2D6"])  # important ones first
    ctx.close()


SET_HIDDEN_JS = """hidden => {
  Object.defineProperty(document, "hidden", {configurable: true, get: () => hidden});
  Object.defineProperty(document, "visibilityState", {configurable: true, get: () => hidden ? "hidden" : "visible"});
  document.dispatchEvent(new Event("visibilitychange"));
}"""


def test_console_refresh_pauses_while_the_tab_is_hidden_and_catches_up_when_shown(live_server, chromium, shot):
    with live_server.api() as api:
        s = api.post("/api/sessions", json={"consent": True}).json()
        patient = {"Authorization": f"Bearer {s['token']}"}
        path = f"/api/sessions/{s['session_id']}/messages"
        api.post(path, json={"text": "What dose of clopidogrel should I take?"}, headers=patient).raise_for_status()
    case_id = open_escalation_for(live_server, s["session_id"])
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    cpage = ctx.new_page()
    user, password = live_server.counselor
    console_login(cpage, live_server.url, user, password, poll_ms=500)
    cpage.locator(f".q-item[data-id='{case_id}']").click()
    expect(cpage.locator(".messages")).to_contain_text("What dose of clopidogrel")

    cpage.evaluate(SET_HIDDEN_JS, True)
    cpage.wait_for_timeout(500)  # let a refresh already under way finish
    calls: list[str] = []
    cpage.on("request", lambda r: calls.append(r.url) if "/api/" in r.url else None)
    with live_server.api() as api:
        api.post(path, json={"text": "Is my sister affected too?"}, headers=patient).raise_for_status()
    cpage.wait_for_timeout(2000)  # four poll periods
    assert calls == []
    expect(cpage.locator(".messages")).not_to_contain_text("Is my sister affected too?")

    cpage.evaluate(SET_HIDDEN_JS, False)
    expect(cpage.locator(".messages")).to_contain_text("Is my sister affected too?", timeout=10_000)
    shot(cpage, "caught-up")
    ctx.close()


def test_patient_lists_medicines_and_sees_which_results_concern_each(live_server, chromium, shot):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 1400})
    page = ctx.new_page()
    w = open_widget(page, live_server.url)
    accept_consent(w)
    upload(w, POOR_REPORT)
    w.get_by_label("Medicines you take").fill("Plavix, zocor, omeprazol")
    w.get_by_role("button", name="Save my medicines").click()
    meds = w.get_by_role("list", name="Your medicines")
    expect(meds.locator(".med")).to_have_count(3)
    plavix = meds.locator(".med", has=page.get_by_role("heading", name="clopidogrel (Plavix)"))
    expect(plavix).to_contain_text("CYP2C19 (your result: Poor Metabolizer)")
    expect(plavix).to_contain_text("Guidelines say")
    zocor = meds.locator(".med", has=page.get_by_role("heading", name="simvastatin (Zocor)"))
    expect(zocor).to_contain_text("SLCO1B1 (your result: Poor Function)")
    omeprazole = meds.locator(".med", has=page.get_by_role("heading", name="omeprazole"))
    expect(omeprazole).to_contain_text("CYP2C19 (your result: Poor Metabolizer)")
    expect(omeprazole).to_contain_text("Please check the spelling")
    shown = meds.inner_text().lower()
    assert " mg" not in shown and "stop taking" not in shown and "start taking" not in shown, shown
    shot(page, "my-medicines")
    # the chat knows the list
    open_chat(w)
    reply = ask(w, "Are my medicines OK with my genes?")
    expect(reply).to_contain_text("clopidogrel (Plavix)")
    expect(reply).to_contain_text("simvastatin (Zocor)")
    expect(w.locator(".escalated").last).to_be_visible()
    # and the list survives a reload
    page.reload()
    w.get_by_role("button", name="Questions about your results?").click()
    w.get_by_text("My medicines", exact=True).first.click()
    expect(w.get_by_label("Medicines you take")).to_have_value("Plavix, zocor, omeprazol")
    shot(page, "my-medicines-in-chat")
    ctx.close()
