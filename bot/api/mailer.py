"""Tell a patient by email that a counselor replied. The email says only that a reply is waiting (fixed
wording from bot/safety/wording.py), never any health content; its link signs in once (the token sits after
``#``, so it never reaches a server log). Sent with the standard library's smtplib over TLS."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

import structlog

from bot.config import Settings
from bot.safety.wording import REPLY_EMAIL_BODY, REPLY_EMAIL_SUBJECT

log = structlog.get_logger("bot.api.mailer")


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    user: str
    password: str
    tls: str  # starttls | ssl | none


def smtp_server(settings: Settings) -> SmtpServer | None:
    """From ``GENECHAT_SMTP_URL`` (smtp:// = STARTTLS, smtps:// = implicit TLS; ?tls=none for local test
    servers) or the host/port/user settings; None when email is not set up."""
    if settings.smtp_url:
        url = urlsplit(settings.smtp_url)
        tls = "ssl" if url.scheme == "smtps" else "none" if "tls=none" in url.query else "starttls"
        return SmtpServer(url.hostname or "localhost", url.port or (465 if tls == "ssl" else 587),
                          unquote(url.username or ""), unquote(url.password or ""), tls)
    if settings.smtp_host:
        return SmtpServer(settings.smtp_host, settings.smtp_port, settings.smtp_user, settings.smtp_password,
                          settings.smtp_tls)
    return None


def reply_waiting_email(settings: Settings, to: str, link_token: str | None) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = REPLY_EMAIL_SUBJECT
    msg["From"] = settings.smtp_from
    msg["To"] = to
    lines = list(REPLY_EMAIL_BODY)
    if settings.public_url and link_token:
        lines.insert(2, f"Open GeneChat: {settings.public_url}#genechat-resume={link_token}")
    msg.set_content("\n\n".join(lines) + "\n")
    return msg


def send(server: SmtpServer, msg: EmailMessage, *, timeout: float = 10.0) -> bool:
    """Send one message; failures are logged (without the address) and swallowed: the reply is in the chat."""
    try:
        context = ssl.create_default_context()
        if server.tls == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(server.host, server.port, timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=timeout)
        with client:
            if server.tls == "starttls":
                client.starttls(context=context)
            if server.user:
                client.login(server.user, server.password)
            client.send_message(msg)
        log.info("notify_email_sent")
        return True
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("notify_email_failed", error_type=type(exc).__name__)
        return False
