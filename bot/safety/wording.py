"""Fixed safety wording: the only text GeneChat shows that is neither KB text nor a report fact.

Kept in one place so clinical reviewers can read (and tests can check) every word, including its
reading grade. No sentence here may contain a dose or tell anyone to start, stop or change a medicine.
"""

from __future__ import annotations

EMERGENCY_FIRST = (
    "If this is an emergency, call your local emergency number now. In the US, call 911. "
    "If you have thoughts of suicide or of hurting yourself, call or text 988 in the US, "
    "or your local crisis line."
)
SELF_HARM_FIRST = (
    "I'm really sorry you are going through this. If you might act on these thoughts, call your local "
    "emergency number now (in the US, call 911). You can also call or text 988 in the US to reach the "
    "Suicide and Crisis Lifeline at any time."
)
EMERGENCY_AFTER = (
    "I have flagged this as urgent for a genetic counselor, but they cannot give emergency care. "
    "Please do not wait for a reply here."
)

ESCALATE: dict[str, str] = {
    "medication_change": (
        "I can't tell you to start, stop or change a medicine. Please don't make any change on your own. "
        "Your prescriber or pharmacist can look at your report with you and decide."
    ),
    "dosing": (
        "I can't give doses or advice on how much to take. Your prescriber or pharmacist decides the dose, "
        "and they can use your report to do it."
    ),
    "diagnosis_or_risk_decision": (
        "I can't make a diagnosis or give your personal risk. A genetic counselor or your doctor can go "
        "over your results and what they mean for you."
    ),
    "family_testing_decision": (
        "Whether your relatives should be tested is a choice to make with a genetic counselor. "
        "They can help you decide who to tell and how."
    ),
    "pregnancy_decision": (
        "Questions about pregnancy and family planning need a person who knows your full story. "
        "A genetic counselor or your doctor can help you with this."
    ),
    "disagrees_with_report": (
        "If you think your report may be wrong, a genetic counselor can check it with you and with the lab."
    ),
    "wants_human": "I can connect you with a genetic counselor, a real person who can talk this through with you.",
}
ESCALATE_DEFAULT = (
    "I'm not sure I can answer that safely, so I have asked a genetic counselor to help. "
    "Please check with your prescriber or pharmacist before you change any medicine."
)
ESCALATED_NOTE = "I have asked a genetic counselor to follow up with you here."
ESCALATE_CONTEXT_INTRO = "Here is some general information while you wait."

DECLINE_OUT_OF_SCOPE = (
    "I can only help with questions about genetic test results, genes and medicines. "
    "For other health questions, please ask your doctor or clinician."
)
DECLINE_INJECTION = (
    "I can't do that. I only share vetted information about genetic results, and I can't change how I work "
    "or share my setup. You are welcome to ask about your report, your genes or your medicines."
)

NO_REPORT_NOTE = (
    "You have not uploaded a report yet, so this is general information. "
    "To get answers about your own results, use the upload button to add your report."
)
NOT_IN_REPORT = (
    "Your report does not include a result for {gene}, so I can't tell you your own {gene} result."
)
COUNSELOR_OFFER = "If you would like, I can connect you with a genetic counselor."
NEXT_STEP_PGX = "Please do not change a medicine on your own. Talk with your prescriber or pharmacist first."
NEXT_STEP_HEREDITARY = "A genetic counselor can explain what this means for you and your family."
PHENOCONVERSION = (
    "Other medicines you take can change how your {gene} gene works. This is called phenoconversion, "
    "so share your full medicine list with your prescriber or pharmacist."
)
NOTHING_FOUND = (
    "I could not find vetted information that answers this. A genetic counselor can help with this question."
)
GREETING = (
    "Hi! I can explain your genetic test report, your genes and how they relate to your medicines. "
    "What would you like to know?"
)
THANKS = "You're welcome. If you have more questions about your report, just ask."
CAPABILITIES = (
    "I explain gene test results in plain words. I use checked health facts and what your report says. "
    "I can't give medical advice or doses, but I can put you in touch with a genetic counselor."
)
POISON_CONTROL = "If someone swallowed too much of a medicine, you can also call Poison Control (in the US, 1-800-222-1222)."
FIELD_WITHHELD = "Part of this result could not be shown here; a genetic counselor can go over it with you."


def all_fixed_sentences() -> list[str]:
    """Every fixed sentence, for tests (reading grade, no doses, no advice) and for the guard's 'fixed wording' set.

    Includes the report cards' sentences and every pharmacogenomics one-liner and medicine sentence, so
    all patient wording passes the same checks (``fixed_text_problems``).
    """
    # Imported here: those modules import this one.
    from bot.pgx.texts import patient_sentences
    from bot.reports.cards import fixed_texts as card_texts

    texts = [
        EMERGENCY_FIRST,
        SELF_HARM_FIRST,
        EMERGENCY_AFTER,
        ESCALATE_DEFAULT,
        ESCALATED_NOTE,
        ESCALATE_CONTEXT_INTRO,
        DECLINE_OUT_OF_SCOPE,
        DECLINE_INJECTION,
        NO_REPORT_NOTE,
        NOT_IN_REPORT.format(gene="CYP2D6"),
        COUNSELOR_OFFER,
        NEXT_STEP_PGX,
        NEXT_STEP_HEREDITARY,
        PHENOCONVERSION.format(gene="CYP2D6"),
        NOTHING_FOUND,
        FIELD_WITHHELD,
        GREETING,
        THANKS,
        CAPABILITIES,
        POISON_CONTROL,
    ]
    return list(dict.fromkeys(texts + list(ESCALATE.values()) + card_texts() + patient_sentences()))


def all_fixed_phrases() -> list[str]:
    """Short fixed labels (card levels, medicine groups): checked for doses and advice, not reading grade."""
    from bot.pgx.texts import patient_phrases

    return patient_phrases()


def fixed_text_problems(text: str, *, phrase: bool = False) -> list[str]:
    """Why a fixed text may not be shown to a patient (empty when it may): the one check for all of it."""
    from bot.knowledge.textrules import advice_sentences, dose_matches
    from bot.safety.guard import has_dose, has_med_change_advice
    from bot.safety.readability import MAX_GRADE, reading_grade

    problems = []
    if not phrase and reading_grade(text) > MAX_GRADE:
        problems.append(f"reading grade {reading_grade(text):.1f} is over {MAX_GRADE:g}")
    if has_dose(text) or dose_matches(text):
        problems.append("gives a dose")
    if has_med_change_advice(text) or advice_sentences(text):
        problems.append("tells someone to start, stop or change a medicine")
    return problems
