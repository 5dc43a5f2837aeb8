"""A real SMTP server on a free loopback port (aiosmtpd), keeping what it receives: the notification-email
tests (unit and browser) read the message a counselor's reply made GeneChat send."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller

# Words that would mean an email carries health content (the email may only say that a reply is waiting).
HEALTH_WORDS = ("dose", "codeine", "clopidogrel", "CYP2C19", "metabolizer", "chest", "gene", "result", "report",
                "medicine", "Poor")


def health_words_in(text: str) -> list[str]:
    return [w for w in HEALTH_WORDS if re.search(rf"\b{w}\b", text, re.IGNORECASE)]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, N802 - aiosmtpd hook
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 OK"

    def wait_for(self, to: str, *, timeout: float = 30.0) -> Message:
        """The first message to ``to``; the server sends after the reply is stored, so it may come a bit later."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for msg in self.messages:
                if msg["To"] == to:
                    return msg
            time.sleep(0.2)
        raise AssertionError(f"no email to {to} within {timeout}s (got {[m['To'] for m in self.messages]})")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def local_smtp() -> Iterator[tuple[Inbox, int]]:
    """An SMTP server on 127.0.0.1 (no TLS, no login): yields its inbox and port."""
    port = free_port()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
