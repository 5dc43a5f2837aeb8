"""Safety: triage of incoming messages, output checks on outgoing replies, fixed wording."""
