"""PDF, PharmCAT HTML and typed-in reports in the widget: the patient checks the rows, then chats about them."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_steps import (
    TIMEOUT_MS,
    accept_consent,
    ask,
    confirm_rows,
    horizontal_overflow,
    open_chat,
    open_widget,
    widget_config,
)
from playwright.sync_api import expect

from bot.evals.report_documents import RESULT_SETS, scanned_pdf, table_layout

pytestmark = pytest.mark.browser

PHARMCAT_HTML = Path(__file__).parents[1] / "fixtures" / "reports" / "pharmcat_style_report.html"
CARDS = "Your results at a glance"


def start(live_server, chromium):
    page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    w = open_widget(page, live_server.url)
    accept_consent(w)
    return page, w


def choose(w, path: Path) -> None:
    w.locator("input[type=file]").set_input_files(str(path))


def test_pdf_rows_are_checked_fixed_and_confirmed_then_chatted_about(live_server, chromium, shot, tmp_path):
    wording = widget_config(live_server)["wording"]
    page, w = start(live_server, chromium)
    pdf = tmp_path / "lab_report.pdf"
    pdf.write_bytes(table_layout(RESULT_SETS[0]).data)
    choose(w, pdf)
    expect(w.get_by_role("heading", name="Check your results")).to_be_visible(timeout=TIMEOUT_MS)
    expect(w.get_by_text(wording["confirm_intro"])).to_be_visible()
    rows = w.locator(".confirm-row")
    expect(rows).to_have_count(5)
    expect(rows.first.locator("legend")).to_contain_text("from page 1")
    expect(rows.first.get_by_label("Gene")).to_have_value("CYP2C19")
    expect(rows.first.get_by_label("Result (for example *1/*2)")).to_have_value("*1/*17")
    shot(page, "read-from-pdf")

    # Remove the VKORC1 row, fix the SLCO1B1 row, add a CYP2C9 row the reader missed.
    rows.filter(has=page.locator("input[value='VKORC1']")).get_by_role("button", name="Remove this row").click()
    expect(rows).to_have_count(4)
    slco = rows.filter(has=page.locator("input[value='SLCO1B1']"))
    slco.get_by_label("Result (for example *1/*2)").fill("*1/*1")
    slco.get_by_label("Phenotype").fill("Normal Function")
    w.get_by_role("button", name="Add a gene result").click()
    added = rows.last
    added.get_by_label("Gene").fill("CYP2C9")
    added.get_by_label("Result (for example *1/*2)").fill("*1/*3")
    shot(page, "edited")
    assert horizontal_overflow(page)["widget"] == 0  # the row editors fit the panel
    confirm_rows(w)
    expect(w.locator(".card", has=page.get_by_role("heading", name="CYP2C9"))).to_contain_text("*1/*3")
    expect(w.locator(".card", has=page.get_by_role("heading", name="SLCO1B1"))).to_contain_text("*1/*1")
    expect(w.locator(".card", has=page.get_by_role("heading", name="VKORC1"))).to_have_count(0)
    shot(page, "cards")
    open_chat(w)
    answer = ask(w, "What does my CYP2C19 result mean?")
    expect(answer).to_contain_text("CYP2C19")
    shot(page, "chat")


def test_pharmcat_html_report_is_confirmed_into_cards(live_server, chromium, shot):
    page, w = start(live_server, chromium)
    choose(w, PHARMCAT_HTML)
    expect(w.get_by_role("heading", name="Check your results")).to_be_visible(timeout=TIMEOUT_MS)
    expect(w.locator(".confirm-row")).to_have_count(5)
    confirm_rows(w)
    expect(w.locator(".card", has=page.get_by_role("heading", name="CYP2C19"))).to_contain_text("*2/*17")
    shot(page, "cards")


def test_a_busy_server_answer_is_retried_so_the_patient_still_gets_the_cards(live_server, chromium):
    page, w = start(live_server, chromium)
    shed = []

    def shed_once(route):
        if route.request.method == "POST" and not shed:
            shed.append(route.request.url)
            return route.fulfill(status=503, headers={"Retry-After": "1", "Content-Type": "application/json"},
                                 body='{"error": {"code": "overloaded", "message": "GeneChat is busy"}}')
        return route.fallback()

    page.route("**/report/confirm", shed_once)
    choose(w, PHARMCAT_HTML)
    expect(w.get_by_role("heading", name="Check your results")).to_be_visible(timeout=TIMEOUT_MS)
    confirm_rows(w)
    assert len(shed) == 1, "the confirm request was never answered 'busy', so nothing was retried"
    expect(w.locator(".card", has=page.get_by_role("heading", name="CYP2C19"))).to_contain_text("*2/*17")


def test_typed_results_with_an_impossible_row_get_a_clear_error_then_confirm(live_server, chromium, shot):
    wording = widget_config(live_server)["wording"]
    page, w = start(live_server, chromium)
    w.get_by_role("button", name="Type in my results instead").click()
    expect(w.get_by_text(wording["manual_intro"])).to_be_visible()
    row = w.locator(".confirm-row").first
    row.get_by_label("Gene").fill("CYP2C19")
    row.get_by_label("Result (for example *1/*2)").fill("*2/*2")
    row.get_by_label("Phenotype").fill("Ultrarapid Metabolizer")
    w.get_by_role("button", name="Yes, use these results").click()
    expect(w.locator(".screen .error")).to_contain_text("Poor Metabolizer")
    shot(page, "impossible-row")
    row.get_by_label("Phenotype").fill("Poor Metabolizer")
    confirm_rows(w)
    expect(w.locator(".card", has=page.get_by_role("heading", name="CYP2C19"))).to_contain_text("*2/*2")


def test_scanned_pdf_says_so_and_offers_to_type_results_in(live_server, chromium, shot, tmp_path):
    wording = widget_config(live_server)["wording"]
    page, w = start(live_server, chromium)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scanned_pdf())
    choose(w, scan)
    expect(w.locator(".screen .error")).to_contain_text(wording["upload_scanned"], timeout=TIMEOUT_MS)
    shot(page, "scanned")
    w.get_by_role("button", name="Type in my results", exact=True).click()
    expect(w.get_by_text(wording["manual_intro"])).to_be_visible()
