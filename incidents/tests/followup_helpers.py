"""Walking a plan to its review and wellbeing steps for the follow-up tests: every step
is answered through the real services, with the given answers or a plain default."""

from incidents import services
from incidents.runs import run_of
from incidents.tests.helpers import start_da_plan

# Section A of the DA Plan, office-based, ACSSL referral offered.
SECTION_A_REVIEW = {"safe-now": "not-safe-now", "support-home-based": "office-based", "acssl-consider": "refer"}


def default_answer(step):
    if step.kind == "instruction":
        return "done", {}
    if step.kind == "information":
        return "given", {}
    if step.kind == "decision":
        return step.outcomes[0].value, {"role": step.roles[0], "note": "Decided on the facts given"}
    kind = step.answer.type
    if kind == "choice":
        return step.answer.options[0].value, {}
    if kind == "yes_no":
        return "yes", {}
    if kind == "number":
        return step.answer.minimum or 1, {}
    if kind == "time":
        return "14:30", {}
    if kind == "location":
        return {"description": "At home", "postcode": "NE1 4XF"}, {}
    return "Recorded during the call", {}


def walk_to(incident, worker, answers: dict, *, until: str | None = None):
    """Answers each step (answers[step] wins over the default) until `until` or the end."""
    while True:
        run = run_of(incident)
        step = run.step
        if run.finished or step.id == until:
            return incident
        value, about = default_answer(step)
        if step.id in answers:
            value = answers[step.id]
        incident = services.step_answer(
            actor=worker, incident=incident, step=step.id, value=value, version=incident.version, **about
        )


def da_plan_reviewed(worker, customer, answers=None, **fields):
    """A DA Plan walked through Section A to its end: the review is raised on the way."""
    return walk_to(start_da_plan(worker, customer, **fields), worker, {**SECTION_A_REVIEW, **(answers or {})})


def six_point_plan(worker, customer, answers=None, **fields):
    fields.setdefault("channel", "home-visit")
    incident = services.incident_start(actor=worker, protocol_id="suicide-self-harm", customer=customer, **fields)
    return walk_to(incident, worker, answers or {})
