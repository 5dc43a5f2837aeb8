"""Being told: a counselor's reply sends the patient an email through a real (local) SMTP server; the email
says only that a reply is waiting, and its one-time link brings the patient back."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.config import Settings
from bot.safety import wording
from tests.support.api import ApiHarness
from tests.support.smtp import Inbox, health_words_in, local_smtp


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    with local_smtp() as server:
        yield server


def test_counselor_reply_emails_the_patient_without_health_content_and_the_link_signs_in_once(
        isolated_data_dir, smtp):
    inbox, port = smtp
    settings = Settings(data_dir=isolated_data_dir, smtp_url=f"smtp://127.0.0.1:{port}/?tls=none",
                        public_url="https://chat.example/help", rate_limit="1000/minute")
    with ApiHarness(settings) as api:
        patient = api.patient()
        api.upload(patient)
        esc = api.ask(patient, "What dose of clopidogrel should I take? I have chest pain")["escalation"]["id"]
        api.client.post(patient.url("/notify"), json={"email": "dana@example.org"}, headers=patient.headers)
        reply = api.client.post(f"/api/escalations/{esc}/reply",
                                json={"text": "Your CYP2C19 result: keep taking clopidogrel."}, headers=api.counselor())
        assert reply.status_code == 201
        [mail] = inbox.messages
        body = mail.get_payload(decode=True).decode()
        assert mail["To"] == "dana@example.org" and mail["Subject"] == wording.REPLY_EMAIL_SUBJECT
        assert health_words_in(mail["Subject"] + " " + body) == []
        token = re.search(r"https://chat\.example/help#genechat-resume=([\w-]+)", body).group(1)
        back = api.client.post("/api/resume/link", json={"token": token})
        assert back.status_code == 200 and back.json()["session_id"] == patient.session_id
        assert api.client.post("/api/resume/link", json={"token": token}).status_code == 401


def test_no_email_without_an_address_or_after_it_is_removed(isolated_data_dir, smtp):
    inbox, port = smtp
    settings = Settings(data_dir=isolated_data_dir, smtp_host="127.0.0.1", smtp_port=port, smtp_tls="none",
                        rate_limit="1000/minute")
    with ApiHarness(settings) as api:
        patient = api.patient()
        esc = api.ask(patient, "What dose should I take?")["escalation"]["id"]
        headers = api.counselor()
        api.client.post(f"/api/escalations/{esc}/reply", json={"text": "one"}, headers=headers)
        api.client.post(patient.url("/notify"), json={"email": "dana@example.org"}, headers=patient.headers)
        api.client.delete(patient.url("/notify"), headers=patient.headers)
        api.client.post(f"/api/escalations/{esc}/reply", json={"text": "two"}, headers=headers)
    assert inbox.messages == []


def test_every_email_text_is_free_of_health_content():
    assert health_words_in(" ".join([wording.REPLY_EMAIL_SUBJECT, *wording.REPLY_EMAIL_BODY])) == []
    assert health_words_in("Your CYP2C19 result") == ["CYP2C19", "result"]  # the check can fail
