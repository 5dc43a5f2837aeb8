"""What the widget needs from the server before it starts: its safety wording and the upload limit.

The wording comes from bot/safety/wording.py (checked there like every fixed sentence) and the limit from
the settings, so a clinical reviewer edits one file and an operator one setting, and the widget follows.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from bot.api.deps import AppState, app_state
from bot.api.errors import responses
from bot.api.schemas import WidgetConfig, WidgetWording
from bot.safety import wording

router = APIRouter(prefix="/api", tags=["patient"])


def widget_config_for(upload_limit_bytes: int) -> WidgetConfig:
    limit = wording.size_text(upload_limit_bytes)
    return WidgetConfig(
        wording=WidgetWording(
            emergency=wording.EMERGENCY_FIRST,
            footer=wording.WIDGET_FOOTER,
            chat_intro=wording.WIDGET_CHAT_INTRO,
            cards_not_advice=wording.WIDGET_CARDS_NOT_ADVICE,
            medicines_help=wording.WIDGET_MEDICINES_HELP,
            medicines_not_advice=wording.WIDGET_MEDICINES_NOT_ADVICE,
            upload_help=wording.UPLOAD_HELP.format(limit=limit),
            upload_too_big=wording.UPLOAD_TOO_BIG.format(limit=limit),
            upload_wrong_type=wording.UPLOAD_WRONG_TYPE,
            upload_unreadable=wording.UPLOAD_UNREADABLE,
            upload_scanned=wording.UPLOAD_SCANNED,
            upload_locked=wording.UPLOAD_LOCKED,
            confirm_intro=wording.CONFIRM_INTRO,
            confirm_help=wording.CONFIRM_HELP,
            confirm_none_found=wording.CONFIRM_NONE_FOUND,
            manual_intro=wording.MANUAL_INTRO,
            handoff_steps=list(wording.HANDOFF_STEPS),
            handoff_steps_urgent=list(wording.HANDOFF_STEPS_URGENT),
            emergency_handoff_steps=list(wording.EMERGENCY_HANDOFF_STEPS),
            handoff_joined=wording.HANDOFF_JOINED,
            come_back_help=wording.COME_BACK_HELP,
            come_back_code_note=wording.COME_BACK_CODE_NOTE,
            resume_help=wording.RESUME_HELP,
            resume_failed=wording.RESUME_FAILED,
            notify_help=wording.NOTIFY_HELP,
            welcome_back=wording.WELCOME_BACK,
            case_received=wording.CASE_STATUS["received"],
            case_reviewing=wording.CASE_STATUS["reviewing"],
            case_answered=wording.CASE_STATUS["answered"],
            case_resolved=wording.CASE_STATUS["resolved"],
        ),
        upload_limit_bytes=upload_limit_bytes,
        upload_limit_text=limit,
    )


@router.get("/widget-config", response_model=WidgetConfig, responses=responses())
def get_widget_config(state: AppState = Depends(app_state)) -> WidgetConfig:
    """The widget's safety wording and upload limit; the widget fetches this once when it starts."""
    return widget_config_for(state.settings.upload_limit_bytes)
