"""The bulk rows for the automatic effects are what the real handler writes: seeded with
the handler (real_effects), every incident's effects are then computed again by the bulk
path and compared row by row and event by event."""

import itertools
import random

from django.utils import timezone

from audit.models import AuditEvent
from audit.services import _json_native
from core.scale import seed_scale
from incidents import effects
from incidents.models import Incident, IncidentAction, IncidentReview, ReportThreat
from incidents.runs import run_of
from incidents.synthetic_effects import BulkEffects
from people.models import CustomerMarker
from work.models import Task

TASK_FIELDS = (
    *("title", "description", "rule_code", "rule_source", "organisation_id", "assignee_id", "team_id"),
    *("holder_team_id", "subject_type", "customer_id", "due_at", "due_on", "created_by_id", "created_at"),
)


def _real_tasks(incident):
    subjects = [("incidents.incident", incident.pk)]
    for model in (IncidentReview, ReportThreat):
        label = f"incidents.{model._meta.model_name}"
        subjects += [(label, pk) for pk in model.objects.filter(incident=incident).values_list("pk", flat=True)]
    tasks = Task.objects.none()
    for kind, pk in subjects:
        tasks = tasks | Task.objects.filter(subject_type=kind, subject_id=str(pk))
    return list(tasks)


def _events(rows: list) -> list[tuple]:
    """(action, actor, summary, changes without the ids that differ between the two runs)."""
    shaped = []
    for action, actor_id, summary, changes in rows:
        # As the chain stores them: the JSON the database hands back (audit_record_many does this too).
        changes = {k: v for k, v in _json_native(changes).items() if k not in ("task", "about")}
        shaped.append((action, actor_id, summary, tuple(sorted((k, str(v)) for k, v in changes.items()))))
    return sorted(shaped)


def test_bulk_effects_match_the_real_handler_row_for_row(cara, hana, nia, tom, dee, sam):
    seed_scale(customers=25, incidents=40, audit_events=0, seed=11, real_effects=True, progress=lambda _: None)
    compared = 0
    counter = itertools.count(10**6)
    for incident in Incident.objects.select_related("team__office", "customer", "worker"):
        run = run_of(incident)
        automatic = [raised for raised in run.effects if raised.effect.type in effects.AUTOMATIC]
        if not automatic or incident.alerts.exists():
            continue  # the services tier's incidents are not the bulk path's to match
        # Markers the incident itself set were not current before it: the bulk path starts from the others.
        batch = BulkEffects(next_id=lambda _: next(counter), now=timezone.now(), rng=random.Random(1))
        batch.load_markers([incident.customer_id])
        own = CustomerMarker.objects.filter(customer_id=incident.customer_id, reason__contains=incident.reference)
        for marker in own:
            batch.current_markers.pop((marker.customer_id, marker.marker_type_id), None)
        definition = run.definition
        for raised in automatic:
            real = IncidentAction.objects.get(incident=incident, key=effects.effect_key(raised, definition))
            row = batch.carry_out(incident, definition, raised, real.created_at, context={})
            assert (row["kind"], row["step"], row["state"]) == (real.kind, real.step, real.state)
            assert row.get("done_at") == real.done_at
            assert row.get("done_by_id") == real.done_by_id
            assert row.get("result", "").split(":")[0] == real.result.split(":")[0]
        bulk_tasks = sorted(tuple(task[name] for name in TASK_FIELDS) for task in batch.rows["task"])
        real_tasks = _real_tasks(incident)
        assert bulk_tasks == sorted(tuple(getattr(task, name) for name in TASK_FIELDS) for task in real_tasks)
        for report in batch.rows["report"].values():
            real = ReportThreat.objects.get(incident=incident)
            for name in ("marker", "marker_set_on", "emergency_called_at", "police_reference", "overview",
                         "allocated_to_id", "version"):  # fmt: skip
                assert report[name] == getattr(real, name), name
        for marker in batch.rows["marker"]:
            real = own.get(marker_type_id=marker["marker_type_id"])
            assert (marker["set_on"], marker["set_by_id"], marker["reason"]) == (
                real.set_on,
                real.set_by_id,
                real.reason,
            )
        targets = {("work.task", str(task.pk)) for task in real_tasks}
        targets |= {
            ("incidents.reportthreat", str(pk))
            for pk in ReportThreat.objects.filter(incident=incident).values_list("pk", flat=True)
        }
        targets |= {("people.customermarker", str(marker.pk)) for marker in own}
        real_events = [
            (e.action, e.actor_id, e.summary, e.changes)
            for e in AuditEvent.objects.filter(target_type__in=[kind for kind, _ in targets])
            if (e.target_type, e.target_id) in targets
        ]  # fmt: skip
        bulk_events = [
            (e.action, e.actor_id, e.summary, e.changes) for e in batch.events if e.action != "task.completed"
        ]
        assert _events(bulk_events) == _events(real_events)
        compared += 1
    assert compared >= 10
