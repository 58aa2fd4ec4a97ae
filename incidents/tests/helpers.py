"""Incidents for tests, made and walked through the real services."""

from incidents import services
from incidents.runs import run_of

# Section C of the DA Plan: the customer says they are safe; England; the list not sent.
SECTION_C = {"safe-now": "safe", "c-nation": "england", "c-send-list": "no"}


def start_da_plan(worker, customer=None, **fields):
    fields.setdefault("channel", "telephone")
    if customer is None:
        fields.setdefault("caller_description", "Caller gave the first name Sue, from a mobile")
    return services.incident_start(actor=worker, protocol_id="domestic-abuse", customer=customer, **fields)


def walk(incident, worker, answers: dict, *, until: str | None = None):
    """Answers steps in order: the value in `answers` for questions, a confirmation for
    instructions and information, until the end (or the step `until`)."""
    while True:
        run = run_of(incident)
        step = run.step
        if run.finished or step.id == until:
            return incident
        if step.kind in ("instruction", "information"):
            value = "done" if step.kind == "instruction" else "given"
        else:
            value = answers[step.id]
        about = {}
        if step.kind == "decision":
            value, about = value
        incident = services.step_answer(
            actor=worker, incident=incident, step=step.id, value=value, version=incident.version, **about
        )
