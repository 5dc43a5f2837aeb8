"""Request and response bodies of the HTTP API (the public contract in ARCHITECTURE.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from bot.conversation.flows import Answer
from bot.core.reply import Action, Citation
from bot.core.text import plain_text
from bot.pgx.cards import Card
from bot.pgx.implications import Implication
from bot.pgx.medicines import MAX_MEDICINES, MatchedBy
from bot.reports.extract.confirm import MAX_ROWS as MAX_CONFIRM_ROWS
from bot.reports.extract.models import Candidate

MAX_MESSAGE_CHARS = 4000
MAX_ID = 2**31 - 1


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL, and no real message contains one.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    # Control and bidi-override characters would be stored and shown to counselors as sent (issue 17).
    return plain_text(value)


def _not_blank(value: str) -> str:
    # An empty or whitespace-only message would still open an escalation: cheap queue spam (issue 17).
    if not value.strip():
        raise ValueError("must contain some text")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]
# A message someone must read: not empty once control characters are gone.
MessageText = Annotated[str, AfterValidator(_no_nul), AfterValidator(_not_blank)]
# Stored times are naive UTC; say so on the wire so browsers do not read them as local time.
Time = Annotated[datetime, AfterValidator(lambda d: d if d.tzinfo else d.replace(tzinfo=UTC))]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ConsentOut(BaseModel):
    version: str
    text: str


class WidgetWording(BaseModel):
    """The widget's safety and health wording, from bot/safety/wording.py (the widget keeps none of its own)."""

    emergency: str = Field(description="Emergency banner, shown with an emergency reply.")
    footer: str = Field(description="Footer under every screen.")
    chat_intro: str = Field(description="First message of the chat.")
    cards_not_advice: str = Field(description="Note above the report summary cards.")
    medicines_help: str = Field(description="How to fill in \"My medicines\".")
    medicines_not_advice: str = Field(description="Note under the medicine list.")
    upload_help: str = Field(description="Which files to upload, with the size limit.")
    upload_too_big: str = Field(description="The file is over the upload limit (413).")
    upload_wrong_type: str = Field(description="The file is not a report format GeneChat reads (415).")
    upload_unreadable: str = Field(description="The file could not be read as a report (422).")
    upload_scanned: str = Field(description="The PDF is a scan (pictures only): offer to type results in.")
    upload_locked: str = Field(description="The PDF is locked with a password: offer to type results in.")
    confirm_intro: str = Field(description="Above the rows read from a PDF/HTML report.")
    confirm_help: str = Field(description="How to check, fix, remove and add rows before confirming.")
    confirm_none_found: str = Field(description="Nothing was read from the file: type the results in.")
    manual_intro: str = Field(description="Above the rows when the patient types results in.")
    handoff_steps: list[str] = Field(description="What happens next when a question is passed to a counselor.")
    handoff_steps_urgent: list[str] = Field(description="The same, when the question is urgent.")
    emergency_handoff_steps: list[str] = Field(description="What happens next after an emergency reply.")
    handoff_joined: str = Field("", description="A follow-up was added to a question already with a counselor.")
    come_back_help: str = Field("", description="How to come back later: pick a secret word, get a code.")
    come_back_code_note: str = Field("", description="Shown with the resume code: save it, keep it safe.")
    resume_help: str = Field("", description="On the 'come back' form: type your code and secret word.")
    resume_failed: str = Field("", description="The code and secret word did not match.")
    notify_help: str = Field("", description="Leave an email to hear when a counselor replies.")
    welcome_back: str = Field("", description="Shown above the case status when a patient comes back.")
    case_received: str = Field("", description="Where a question to a counselor stands: received.")
    case_reviewing: str = Field("", description="... a counselor is reviewing it.")
    case_answered: str = Field("", description="... the counselor replied.")
    case_resolved: str = Field("", description="... the counselor closed it without a reply in this chat.")


class WidgetConfig(BaseModel):
    wording: WidgetWording
    upload_limit_bytes: int = Field(description="Largest report file accepted, in bytes.")
    upload_limit_text: str = Field(description="The same limit as a patient reads it, e.g. '5 MB'.")


class SessionCreate(_In):
    consent: bool = Field(description="Must be true: the patient accepted the current consent text.")
    consent_version: Text | None = Field(None, max_length=32, description="Version the patient saw (optional).")


class SessionCreated(BaseModel):
    session_id: str
    token: str = Field(description="Bearer token for this session; shown once, only its hash is stored.")
    consent_version: str


CARDS_DESCRIPTION = "Summary cards of the report (gene, result, one-line meaning, what it matters for)."


class MedicinesIn(_In):
    medicines: list[Annotated[Text, Field(max_length=400)]] = Field(
        max_length=MAX_MEDICINES,
        description="The medicines the patient takes, as typed (brand or generic names; an item may hold "
                    "several names separated by commas). Replaces the stored list; [] clears it.",
    )


class MedicineOut(BaseModel):
    """One listed medicine: which of the patient's results concern it, in fixed words (never a dose or advice)."""

    typed: str = Field(description="The name as the patient typed it.")
    name: str | None = Field(description="The generic name GeneChat read it as; null when not recognised.")
    brand: str | None = Field(description="The brand name, when the patient typed one.")
    matched_by: MatchedBy = Field(description="name | brand | spelling (a close misspelling) | unknown")
    label: str = Field(description='How to show it, e.g. "clopidogrel (Plavix)".')
    results: list[Implication] = Field(description="Each result CPIC links to this medicine, most serious first.")
    notes: list[str] = Field(description="Fixed notes: spelling check, no report yet, an enzyme this medicine slows.")
    concerns_results: bool = Field(description="At least one of the patient's own results concerns this medicine.")


class MedicinesOut(BaseModel):
    medicines: list[MedicineOut]


class SessionOut(BaseModel):
    session_id: str
    created_at: Time
    consent_version: str
    report: dict[str, Any] | None = None
    warnings: list[str] = Field(default_factory=list, description="Notes from reading the report.")
    cards: list[Card] = Field(default_factory=list, description=CARDS_DESCRIPTION)
    medicines: list[MedicineOut] = Field(default_factory=list, description="The patient's medicine list.")


class ReportUploaded(BaseModel):
    report: dict[str, Any]
    warnings: list[str]
    cards: list[Card] = Field(description=CARDS_DESCRIPTION)
    medicines: list[MedicineOut] = Field(default_factory=list,
                                         description="The medicine list, read again against the new report.")


class MessageIn(_In):
    text: MessageText = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)
    client_id: Text | None = Field(
        None, min_length=1, max_length=64, description="Idempotency key: a retry with the same id is stored once."
    )


class EscalationBrief(BaseModel):
    """What the patient learns about an escalation: how urgent it is, its state and when that changed.

    Never the counselor's notes, summary or name: those are for counselors only.
    """

    id: int
    priority: Literal["urgent", "normal"]
    status: Literal["open", "claimed", "resolved"] = Field(
        description="open: waiting for a counselor; claimed: a counselor is reviewing it; resolved: finished.")
    created_at: Time
    claimed_at: Time | None = Field(None, description="When a counselor started reviewing it.")
    resolved_at: Time | None = Field(None, description="When a counselor finished with it.")
    answered: bool = Field(False, description="A counselor has replied on this case.")


class MessageReply(Answer):
    escalation: EscalationBrief | None


class MessageOut(BaseModel):
    id: int
    role: Literal["user", "bot", "counselor"]
    text: str
    created_at: Time
    author: str | None = Field(None, description="On counselor messages: their display name (patients) or username (counselors).")
    action: str | None = None
    reason: str | None = None
    reply_to: int | None = None
    citations: list[Citation] = Field(default_factory=list)
    report_facts: list[dict[str, Any]] = Field(default_factory=list)
    escalation_id: int | None = Field(
        None, description="On a bot reply that was sent to a counselor: the escalation it raised or joined.")


class Conversation(BaseModel):
    session_id: str
    messages: list[MessageOut]
    escalations: list[EscalationBrief] = Field(
        default_factory=list, description="This conversation's escalations and their progress, oldest first.")


class LoginIn(_In):
    username: Text = Field(min_length=1, max_length=64)
    password: Text = Field(min_length=1, max_length=256)


class LoginOut(BaseModel):
    token: str
    expires_at: Time
    username: str


class EscalationOut(BaseModel):
    id: int
    session_id: str
    message_id: int | None
    priority: Literal["urgent", "normal"]
    action: str
    reason: str
    summary: str | None
    status: str
    claimed_by: str | None
    created_at: Time
    claimed_at: Time | None
    resolved_at: Time | None
    age_seconds: int
    last_message_id: int | None = Field(
        None, description="Newest message in the conversation: changes when the patient writes again.")
    last_message_at: Time | None = None
    reason_text: str = Field("", description="The reason in words.")
    genes: list[str] = Field(default_factory=list, description="Genes this concern is about.")
    drugs: list[str] = Field(default_factory=list, description="Medicines this concern is about.")
    questions: list[str] = Field(default_factory=list, description="The patient's questions that raised or joined it.")
    trigger: str | None = Field(None, description="The patient's message that opened the case (shown in the "
                                                  "queue row of urgent cases).")
    report_facts: list[dict[str, Any]] = Field(default_factory=list, description="Report facts of its replies.")
    reopened_count: int = Field(0, description="How often a follow-up re-opened it after it was resolved.")
    target_reply_seconds: int = Field(0, description="The configured target time to a first reply.")
    replied: bool = Field(False, description="A counselor has replied on this case.")


class EscalationList(BaseModel):
    escalations: list[EscalationOut]


class TracedMessage(MessageOut):
    trace: list[dict[str, Any]] | None = None
    composer: str | None = None
    prompt_version: str | None = None


class NoteOut(BaseModel):
    id: int
    author: str
    text: str
    created_at: Time


class EscalationDetail(EscalationOut):
    resolution_note: str | None
    conversation: list[TracedMessage]
    report: dict[str, Any] | None
    cards: list[Card] = Field(default_factory=list, description=CARDS_DESCRIPTION)
    medicines: list[MedicineOut] = Field(default_factory=list, description="The patient's medicine list.")
    notes: list[NoteOut] = Field(default_factory=list, description="Internal notes (never shown to the patient).")


class ReplyTemplateOut(BaseModel):
    key: str
    title: str = Field(description="What the counselor picks from.")
    text: str = Field(description="What fills the reply box; every [part in brackets] must be replaced.")
    placeholders: list[str] = Field(description="The [parts] to fill in before the reply can be sent.")


class ReplyTemplates(BaseModel):
    templates: list[ReplyTemplateOut]


class NoteIn(_In):
    text: Text = Field(min_length=1, max_length=4000, pattern=r"\S")


class ClaimIn(_In):
    take_over: bool = Field(False, description="Take over a claim held by another counselor (audited).")


class CounselorReplyIn(_In):
    text: MessageText = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)


class ResolveIn(_In):
    note: MessageText = Field(min_length=1, max_length=4000, description="Required: what was done.")


class FeedbackIn(_In):
    message_id: int = Field(ge=1, le=MAX_ID)
    verdict: Literal["wrong", "unsafe", "ok"]
    correct_action: Action | None = None
    comment: Text | None = Field(None, max_length=4000)


class FeedbackOut(BaseModel):
    feedback_id: int


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ready", "not_ready"]
    checks: dict[str, bool]
    missing: list[str]


class ResumeCodeIn(_In):
    secret: Text = Field(min_length=4, max_length=64, description="A short secret the patient chooses; asked "
                                                                  "for with the code when they come back.")


class ResumeCodeOut(BaseModel):
    code: str = Field(description="The resume code (shown once; only its hash is stored).")


class ResumeIn(_In):
    code: Text = Field(min_length=10, max_length=64)
    secret: Text = Field(min_length=1, max_length=64)


class ResumeLinkIn(_In):
    token: Text = Field(min_length=20, max_length=128, description="The one-time token from the emailed link.")


class ResumedOut(BaseModel):
    session_id: str
    token: str = Field(description="A new bearer token for the session; the previous one stops working.")


class NotifyIn(_In):
    email: Text = Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ComeBackOut(BaseModel):
    has_code: bool = Field(description="A resume code is active for this session.")
    has_email: bool = Field(description="An email address is stored for reply notifications.")
# ---------- reports read from a PDF/HTML file, or typed in, and confirmed by the patient (issue 19) ----------

class ExtractionPending(BaseModel):
    """An uploaded PDF/HTML report was read; nothing is used until the patient confirms the rows."""

    status: Literal["needs_confirmation"] = "needs_confirmation"
    source_format: Literal["pdf", "html"]
    pages: int
    rows: list[Candidate] = Field(description="Candidate results, each with the page it came from.")


class ConfirmIn(_In):
    rows: list[Candidate] = Field(max_length=MAX_CONFIRM_ROWS,
                                  description="The rows as the patient checked, fixed, removed or added them.")
    typed: bool = Field(False, description="True when the patient typed the results in (no file was read).")


class Suggestions(BaseModel):
    pgx_genes: list[str] = Field(description="Medicine-response genes GeneChat knows.")
    variant_genes: list[str] = Field(description="Genes of hereditary findings GeneChat knows.")
    alleles: list[str] = Field(description="For the gene asked about: the alleles GeneChat's CPIC table knows.")
    phenotypes: list[str] = Field(description="For the gene asked about: the phenotypes it can have.")
    classifications: list[str]
