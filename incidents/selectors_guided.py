"""What the guided screen shows, as plain data: the step in front of the worker with its
guidance, the running summary (answers with their times, changeable), the actions waiting,
and the notes. The page, the state endpoint and the API all read it from here, so the
three never disagree. None of these read functions audit: the caller has already opened
the incident through `selectors.incident_open` (audited) or `incident_for_change`.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.dateparse import parse_datetime

from incidents import permissions, proposal, runs
from incidents.models import Incident, IncidentAction, IncidentNote
from incidents.selectors import latest_notes
from protocols.engine import Run
from protocols.engine.answers import label

ANSWER_KINDS = ("question", "decision")


@dataclass(frozen=True)
class Guidance:
    note: str
    do: list[str]
    dont: list[str]

    @property
    def is_empty(self) -> bool:
        return not (self.note or self.do or self.dont)


def guidance_of(step) -> Guidance:
    given = getattr(step, "guidance", None)
    if given is None:
        return Guidance("", [], [])
    if isinstance(given, str):
        return Guidance(given, [], [])
    return Guidance(given.note or "", list(given.do), list(given.dont))


def answer_type(step) -> str:
    """What kind of control answers the step: a question's answer type, or the step's kind."""
    if step.kind == "question":
        return step.answer.type
    return step.kind


def _when(event: dict) -> datetime | None:
    return parse_datetime(event.get("at") or "") if event.get("at") else None


def summary_rows(run: Run) -> list[dict]:
    """The answers on the route taken now, oldest first, each with when and who."""
    steps = run.definition.step_map
    rows = []
    for step_id, value, index in run.path:
        event = run.events[index]
        step = steps[step_id]
        rows.append(
            {
                "step": step_id,
                "text": step.text,
                "kind": step.kind,
                "answer": value,
                "label": label(step, value),
                "role": event.get("role"),
                "role_label": (event.get("role") or "").replace("-", " "),
                "reason": event.get("note") if step.kind == "decision" else None,
                "at": _when(event),
                "by": event.get("by"),
                "changed": event.get("type") == "change",
                # Instructions and information are confirmed, not answered: nothing to change.
                "changeable": step.kind in ANSWER_KINDS,
            }
        )
    return rows


def pending_actions(incident: Incident) -> list[dict]:
    actions = incident.actions.filter(state=IncidentAction.State.PENDING).order_by("created_at", "id")
    return [action_data(action) for action in actions]


def note_data(note: IncidentNote) -> dict:
    return {
        "id": note.pk,
        "entry": str(note.entry),
        "revision": note.revision,
        "author_id": note.author_id,
        "author": note.author.display_name,
        "witness": note.is_witness,
        "saved_at": note.saved_at,
        "text": note.text,
    }


ACTION_TITLES = {
    "summon_support_partner": "Summon a support partner",
    "record_emergency_call": "Record the emergency call",
    "open_disclosure_decision": "Record the disclosure decision",
    "create_task": "A task",
    "report_threat": "Report Threat",
    "add_marker": "Add the marker",
    "signpost": "Give the customer a list of organisations that can help",
    "offer_referral": "Offer a referral",
}


def action_data(action: IncidentAction) -> dict:
    effect = action.effect.get("effect", {})
    return {
        "id": action.pk,
        "kind": action.kind,
        "step": action.step,
        "state": action.state,
        "title": effect.get("title") or ACTION_TITLES.get(action.kind, action.kind.replace("_", " ").capitalize()),
        "reason": effect.get("reason") or "",
    }


def screen(*, user, incident: Incident, with_notes: bool = True) -> dict:
    """Everything the guided screen shows, for `user` (who has opened the incident).
    `with_notes=False` for the regions swapped in after a step, which do not show the
    notes: they are neither read nor decrypted."""
    run = runs.run_of(incident)
    step = run.step
    return {
        "incident": incident,
        "run": run,
        "step": step,
        "answer_type": answer_type(step),
        "guidance": guidance_of(step),
        "summary_rows": summary_rows(run),
        "run_summary": run.summary(),
        "actions": pending_actions(incident),
        "notes": latest_notes(incident) if with_notes else [],
        "can_answer": permissions.can_answer_steps(user, incident),
        "can_write_notes": permissions.can_write_notes(user, incident),
        "can_close": incident.is_open
        and run.finished
        and (permissions.is_worker(user, incident) or permissions.leads_team(user, incident)),
        "can_link": incident.is_open
        and incident.customer_id is None
        and (permissions.is_worker(user, incident) or permissions.leads_team(user, incident)),
    }


def state_data(*, user, incident: Incident, notes_after: int = 0) -> dict:
    """The state endpoint's JSON (the live contract): ids, versions and what changed."""
    run = runs.run_of(incident)
    return {
        "id": incident.pk,
        "reference": incident.reference,
        "version": incident.version,
        "state": incident.state,
        "current_step": run.current,
        "current_step_text": run.step.text,
        "finished": run.finished,
        "customer_id": incident.customer_id,
        "partner_id": incident.partner_id,
        "can_answer": permissions.can_answer_steps(user, incident),
        "summary": [{**row, "at": row["at"].isoformat() if row["at"] else None} for row in summary_rows(run)],
        "actions": pending_actions(incident),
        "notes": [
            {**note_data(note), "saved_at": note.saved_at.isoformat()}
            for note in latest_notes(incident, after_id=notes_after)
        ],
    }


def marker_codes(customer) -> frozenset[str]:
    if customer is None:
        return frozenset()
    return frozenset(customer.markers.filter(removed_at__isnull=True).values_list("marker_type__code", flat=True))


def proposal_for(*, customer, said: str = "", channel: str = "") -> proposal.Proposal:
    """Haven's proposed plan for what the worker typed, the customer's markers and the channel."""
    return proposal.propose(said or "", marker_codes(customer), channel or "")
