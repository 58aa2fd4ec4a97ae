"""Realistic synthetic incidents for the scale data set (core seed_scale).

Each incident is a real protocol run: the engine walks the pinned definition with random
valid answers (as a worker on a call would give them, sometimes going back to change
one), every answer stamped with the worker and a moment a little after the last, so the
stored run replays through `incidents.runs.run_of` like any other. What the services
would record comes with it, as plain values: the incident row, its note revisions, the
audit events `incident_start`, `step_answer`, `step_change`, `note_save` and
`incident_close` write, and the effects the run raised (which the caller turns into
IncidentActions, carrying out the automatic ones through `effects.record_raised`).
"""

import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from audit.bulk import NewEvent
from incidents import definitions
from incidents.models import Channel
from incidents.services import answer_channel_step
from protocols.engine import Run
from protocols.engine.answers import CONFIRMATIONS
from protocols.engine.conditions import holds
from work import deadlines

# Channel shares: most disclosures are on the phone.
CHANNELS = (
    (Channel.TELEPHONE, 60),
    (Channel.HOME_WORKING, 15),
    (Channel.FACE_TO_FACE, 12),
    (Channel.JOURNAL_OR_EMAIL, 6),
    (Channel.HOME_VISIT, 3),
    (Channel.LETTER, 2),
    (Channel.THIRD_PARTY, 1),
    (Channel.SOCIAL_MEDIA, 1),
)
PROTOCOL_SHARES = (("domestic-abuse", 55), ("suicide-self-harm", 30), ("threat-to-others", 15))
SUMMARIES = {
    "domestic-abuse": (
        "Customer said their partner hits them and takes their money.",
        "Customer said they are scared to go home; ex-partner keeps turning up.",
        "Customer said their partner checks their phone and will not let them see friends.",
    ),
    "suicide-self-harm": (
        "Customer said they cannot see a way forward and have thought about ending their life.",
        "Customer said they have been hurting themselves since their claim stopped.",
    ),
    "threat-to-others": (
        "Customer threatened to hurt the staff at their jobcentre.",
        "Customer said they will hurt their neighbour.",
    ),
}
TEXT_ANSWERS = (
    "At home, in the kitchen with the door shut.",
    "Partner is out until six.",
    "Said they are safe for now.",
    "Mobile is the only safe number.",
    "Two children at home.",
)
NOTE_LINES = (
    "Customer calm but quiet; spoke slowly.",
    "Explained what happens next and that we can call back on the safe number.",
    "Customer agreed to the support partner listening in.",
    "Gave the helpline number; customer wrote it down.",
    "Customer asked that letters are not sent to the address.",
    "Call ended safely; customer said they would ring back if things change.",
)
DECISION_NOTE = "Discussed with the customer; this is what they want."
# How many answers a random walk takes before heading straight for an end.
WANDER = 25
# What a staff member's browser request records (core.request_context), less its own id and path.
WEB_CONTEXT = {"ip_address": "10.20.0.15", "user_agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
               "method": "POST", "channel": "web"}  # fmt: skip


@dataclass
class NewIncident:
    """One incident as plain values: the row, its run, notes and events."""

    row: dict
    run: Run
    closed_by_id: int | None
    notes: list[dict] = field(default_factory=list)
    events: list[NewEvent] = field(default_factory=list)
    raised_at: list[datetime] = field(default_factory=list)  # when each of run.effects was raised


def _weighted(rng: random.Random, table):
    return rng.choices([value for value, _ in table], weights=[weight for _, weight in table])[0]


def _distances(definition) -> dict[str, int]:
    distance = {s.id: 0 for s in definition.steps if s.kind == "end"}
    changed = True
    while changed:
        changed = False
        for step in definition.steps:
            ahead = [distance[t.goto] + 1 for t in getattr(step, "next", []) if t.goto in distance]
            if ahead and min(ahead) < distance.get(step.id, 10**9):
                distance[step.id], changed = min(ahead), True
    return distance


def _candidates(rng: random.Random, step) -> list:
    if step.kind in CONFIRMATIONS:
        return [CONFIRMATIONS[step.kind]]
    if step.options():
        return [option.value for option in step.options()]
    kind = step.answer.type
    if kind == "number":
        low = step.answer.minimum if step.answer.minimum is not None else 0
        high = step.answer.maximum if step.answer.maximum is not None else 10
        return [int(low), int(high), int((low + high) // 2)]
    if kind == "time":
        return [f"{rng.randrange(24):02d}:{rng.randrange(0, 60, 5):02d}"]
    if kind == "location":
        return [{"description": rng.choice(("At home", "In the car", "At a friend's house")), "postcode": None}]
    return [rng.choice(TEXT_ANSWERS)[: step.answer.max_length]]


def _about(step) -> dict:
    return {"role": step.roles[0], "note": DECISION_NOTE} if step.kind == "decision" else {}


def _towards_end(run: Run, rng: random.Random, distance: dict[str, int]):
    step = run.step

    def target(value) -> int:
        answers = {**run.answers, step.id: value}
        goto = next(t.goto for t in step.next if t.when is None or holds(t.when, answers))
        return distance[goto]

    return min(_candidates(rng, step), key=target)


class IncidentGenerator:
    """Incidents on every protocol, each a walk of its active definition."""

    def __init__(self, *, rng: random.Random, workers: list, partners: list) -> None:
        self.rng, self.workers, self.partners = rng, workers, partners
        self.definitions = {pid: definitions.active(pid) for pid, _ in PROTOCOL_SHARES}
        self.distances = {pid: _distances(d) for pid, d in self.definitions.items()}

    def walk(self, protocol_id: str, *, by: str, at: datetime, channel: str) -> tuple[Run, list, datetime]:
        """A finished run, the audit facts of each step event, and when it finished. A plan
        that opens by asking the channel has it answered at the start, as incident_start does
        (no step event of its own: it is part of incident.started)."""
        rng, definition = self.rng, self.definitions[protocol_id]
        run, steps = Run.start(definition), []
        answer_channel_step(run, channel, by=by, at=at)
        raised_at = [at] * len(run.effects)
        while not run.finished:
            at += timedelta(seconds=rng.randrange(15, 180))
            step = run.step
            changeable = run.changeable_steps()
            if len(steps) < WANDER and changeable and rng.random() < 0.04:
                earlier = definition.step_map[rng.choice(changeable)]
                run.change(
                    earlier.id, rng.choice(_candidates(rng, earlier)), **_about(earlier), by=by, at=at.isoformat()
                )
                steps.append(("incident.step_changed", earlier.id, earlier.kind, run.current, at))
            else:
                if len(steps) < WANDER:
                    value = rng.choice(_candidates(rng, step))
                else:
                    value = _towards_end(run, rng, self.distances[protocol_id])
                run.answer(value, step=step.id, **_about(step), by=by, at=at.isoformat())
                steps.append(("incident.step_answered", step.id, step.kind, run.current, at))
            raised_at.extend([at] * (len(run.effects) - len(raised_at)))
        return run, steps, raised_at

    def incident(self, *, pk: int, customer_id: int | None, started_at: datetime, now: datetime, open_chance: float):
        rng = self.rng
        protocol_id = _weighted(rng, PROTOCOL_SHARES)
        definition = self.definitions[protocol_id]
        worker = rng.choice(self.workers)
        channel = _weighted(rng, CHANNELS)
        summary = rng.choice(SUMMARIES[protocol_id])
        run, steps, raised_at = self.walk(protocol_id, by=worker.username, at=started_at, channel=channel)
        person_ref = f"customer:{customer_id}" if customer_id else ""
        target = {"target_type": "incidents.incident", "target_id": str(pk), "person_ref": person_ref}
        context = {**WEB_CONTEXT, "request_id": f"{rng.getrandbits(64):016x}", "path": f"/incidents/{pk}/"}
        by_worker = {"actor_id": worker.pk, "actor_label": worker.username, "context": context, **target}
        events = [
            NewEvent(
                action="incident.started",
                summary=f"{definition.title} ({channel})",
                changes={"protocol": definition.ref, "channel": str(channel), "customer": customer_id},
                occurred_at=started_at,
                **by_worker,
            )
        ]
        version = 1
        for action, step_id, kind, now_at, at in steps:
            version += 1
            events.append(
                NewEvent(
                    action=action,
                    summary=step_id[:300],
                    changes={"step": step_id, "kind": kind, "now_at": now_at, "version": version},
                    occurred_at=at,
                    **by_worker,
                )
            )
        finished_at = steps[-1][4] if steps else started_at
        others = [p for p in self.partners if p.pk != worker.pk]
        partner = rng.choice(others) if others and rng.random() < 0.3 else None
        notes = self.notes(pk, worker, partner, started_at, finished_at, events, by_worker)
        still_open = rng.random() < open_chance
        closed_at = None if still_open else finished_at + timedelta(seconds=rng.randrange(30, 900))
        closed_at = closed_at if closed_at is None or closed_at < now else None
        keep_until = deadlines.retain_until(timezone.localdate(closed_at)) if closed_at else None
        if closed_at:
            version += 1
            events.append(
                NewEvent(
                    action="incident.closed", changes={"keep_until": keep_until}, occurred_at=closed_at, **by_worker
                )
            )
        events.sort(key=lambda event: event.occurred_at)
        row = {
            "id": pk,
            "organisation_id": worker.organisation_id,
            "customer_id": customer_id,
            "caller_description": "" if customer_id else "Gave their first name only; would not give a date of birth.",
            "channel": str(channel),
            "protocol_id": definition.id,
            "protocol_version": definition.version,
            "protocol_title": definition.title,
            "run": json.dumps(run.to_json(), separators=(",", ":")),
            "current_step": run.current,
            "summary_text": summary,
            "worker_id": worker.pk,
            "team_id": worker.team_id,
            "worker_home_based": worker.is_home_based,
            "partner_id": partner.pk if partner else None,
            "partner_joined_at": started_at + timedelta(seconds=rng.randrange(20, 120)) if partner else None,
            "state": "open" if closed_at is None else "closed",
            "started_at": started_at,
            "closed_at": closed_at,
            "closed_by_id": worker.pk if closed_at else None,
            "keep_until": keep_until,
            "version": version,
            "created_at": started_at,
            "updated_at": closed_at or finished_at,
        }
        return NewIncident(row=row, run=run, closed_by_id=row["closed_by_id"], notes=notes, events=events,
                           raised_at=raised_at)  # fmt: skip

    def notes(self, pk, worker, partner, started_at, finished_at, events, by_worker) -> list[dict]:
        """One or two note entries by the worker (and one witness note by the partner),
        each autosaved as a few revisions growing line by line."""
        rng, notes = self.rng, []
        span = max(1, int((finished_at - started_at).total_seconds()))
        writers = [worker] * rng.randint(1, 2) + ([partner] if partner else [])
        for author in writers:
            entry, text = uuid.uuid4(), ""  # made by the browser: never repeated, whatever the seed
            at = started_at + timedelta(seconds=rng.randrange(span))
            for revision in range(1, rng.randint(1, 4) + 1):
                text = f"{text}\n{rng.choice(NOTE_LINES)}".strip()
                at += timedelta(seconds=rng.randrange(5, 60))
                witness = author is partner
                notes.append(
                    {
                        "incident_id": pk,
                        "entry": entry,
                        "revision": revision,
                        "author_id": author.pk,
                        "is_witness": witness,
                        "text": text,
                        "saved_at": at,
                    }  # fmt: skip
                )
                events.append(
                    NewEvent(
                        action="incident.note_saved",
                        changes={"entry": str(entry), "revision": revision, "witness": witness, "length": len(text)},
                        occurred_at=at,
                        **{**by_worker, "actor_id": author.pk, "actor_label": author.username},
                    )
                )
        return notes
