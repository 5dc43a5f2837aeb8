"""Plans: steps after triage that keep one meaning's action whatever its wording (each a "plan" trace step).

Each takes the triage decision and returns it unchanged or replaced, with a trace line saying why. None sets aside
a rule's escalation or a sure alarm; the engine runs them in the order written in ``ConversationEngine._decide``.
They are grouped by what the message is about:

- requests.py: the chat itself (delete my data, obey the report, a goodbye);
- results.py: a result of the report (named, followed up, asked by use, missing, the whole report);
- topics.py: a vetted page's topic in general (a topic, inheritance, a condition);
- medicines.py: a medicine explained, not decided;
- care_team.py: what the care team should hear (a clinician told, an operation with an anaesthesia gene);
- to_a_person.py: decisions given to a person (what to do next, one's own children, a relative's medicine);
- worry.py: the worry plan (one action per result type);
- common.py: what they share.
"""

from bot.conversation.plans.care_team import anaesthesia_result_leads, share_with_clinician, surgery_told
from bot.conversation.plans.common import WORRY_ALARM_MAX
from bot.conversation.plans.medicines import (
    claim_or_not_taking,
    explained_not_decided,
    hereditary_medicines,
    medicines_affected_asked,
    unlisted_medicine_named,
)
from bot.conversation.plans.requests import (
    DATA_REQUEST_NOTE,
    DATA_REQUEST_QUERY,
    data_request,
    goodbye_ends_chat,
    obey_report,
    quoted_report_line,
)
from bot.conversation.plans.results import (
    SHORT_FOLLOWUP_WORDS,
    explanation_asked,
    followup_explained,
    missing_result_asked,
    not_in_report,
    result_by_use,
    result_named,
    result_term_asked,
    term_defined,
    whole_report_asked,
    words_of_my_result,
)
from bot.conversation.plans.to_a_person import (
    FAMILY_SOURCE,
    next_step,
    own_children,
    relatives_medicine_followup,
)
from bot.conversation.plans.topics import (
    ABOUT_THE_TEST,
    NO_DIAGNOSIS_TOPICS,
    TOPIC_NOTE,
    condition_in_general,
    how_common_asked,
    inheritance_in_general,
    topic_asked,
)
from bot.conversation.plans.worry import WHY_RULE, plan_worry

__all__ = [
    "ABOUT_THE_TEST", "anaesthesia_result_leads", "DATA_REQUEST_NOTE", "DATA_REQUEST_QUERY", "FAMILY_SOURCE", "NO_DIAGNOSIS_TOPICS",
    "SHORT_FOLLOWUP_WORDS", "TOPIC_NOTE", "WHY_RULE", "WORRY_ALARM_MAX", "condition_in_general", "data_request",
    "claim_or_not_taking", "explained_not_decided", "explanation_asked", "followup_explained", "goodbye_ends_chat", "hereditary_medicines",
    "how_common_asked", "medicines_affected_asked",
    "inheritance_in_general", "missing_result_asked", "next_step", "not_in_report", "obey_report", "quoted_report_line", "own_children", "relatives_medicine_followup",
    "plan_worry", "result_by_use", "result_named", "result_term_asked", "share_with_clinician", "surgery_told", "topic_asked",
    "term_defined", "unlisted_medicine_named", "whole_report_asked", "words_of_my_result",
]
