"""The automatic effects of many seeded incidents at once, as plain rows and events: what
`effects.record_raised` and its handlers (`_create_task`, `review_from_effect`,
`report_threat_create_within`, `marker_action_within`) write for an incident with no
emergency call recorded, at the moment the step raised the effect. The real handler costs
about 15 ms an effect (a dozen queries and an audit head lock each); this is some
microseconds, so a million incidents seed in hours, not days. A test
(core/tests/test_seed_scale_effects.py) holds the two to the same rows and events.

Tasks older than a month are then completed by the person they were for, with the
`task.completed` event `task_complete` writes, as a caseload six years deep would be.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import Team
from audit.bulk import NewEvent
from core.system import system_actor
from incidents import effects
from incidents.services_emergency_prefill import parse_time
from incidents.services_report_threat import DUE_WORKING_DAYS, REPORT_THREAT_TASK, allocated_leader
from incidents.services_review import REVIEW_RECORD, REVIEW_TASK
from people.models import CustomerMarker
from people.services_markers import marker_type_named
from work.calendar import LONDON

OUTCOMES = ("Done: spoke to the customer and noted it.", "Done: reviewed with the worker.", "Done.")


class BulkEffects:
    """Collects, for one batch, the rows and events the automatic effects make. Ids come
    from the caller (`next_id(model)`), as the rows are written in the batch's transaction."""

    def __init__(self, *, next_id, now: datetime, rng) -> None:
        self.next_id, self.now, self.rng = next_id, now, rng
        self.system = system_actor()
        self.rows = {"task": [], "review": {}, "report": {}, "marker": []}
        self.events: list[NewEvent] = []
        self._assignees, self._leaders, self._types, self._orgs = {}, {}, {}, {}
        self.current_markers: dict[tuple[int, int], tuple] = {}  # (customer, type) -> (set_on, pk)

    def load_markers(self, customer_ids) -> None:
        current = CustomerMarker.objects.filter(customer_id__in=customer_ids, removed_at=None).order_by("pk")
        for customer_id, type_id, set_on, pk in current.values_list("customer_id", "marker_type_id", "set_on", "pk"):
            self.current_markers.setdefault((customer_id, type_id), (set_on, pk))

    # Lookups the handlers make, asked once per team ------------------------------------

    def assignee(self, incident, who: str):
        key = (who, incident.team_id, incident.worker_id)
        if key not in self._assignees:
            self._assignees[key] = effects.assignee_for(incident, who)
        return incident.worker if who == "worker" else self._assignees[key]

    def leader(self, incident):
        key = (incident.team_id, incident.worker_id)
        if key not in self._leaders:
            self._leaders[key] = allocated_leader(incident)
        return self._leaders[key]

    def marker_type(self, name: str):
        if name not in self._types:
            self._types[name] = marker_type_named(name)
        return self._types[name]

    def organisation_of(self, team_id: int) -> int:
        if team_id not in self._orgs:
            self._orgs[team_id] = Team.objects.values_list("office__region__organisation_id", flat=True).get(pk=team_id)
        return self._orgs[team_id]

    # The handlers ------------------------------------------------------------------------

    def carry_out(self, incident, definition, raised, at: datetime, context: dict) -> dict:
        """The IncidentAction row for one automatic effect, its handler's rows and events
        added to this batch."""
        effect = raised.as_dict()
        key = effects.effect_key(raised, definition)
        action = {"incident_id": incident.pk, "key": key, "kind": raised.effect.type, "step": raised.step,
                  "effect": effect, "state": "pending", "created_at": at, "updated_at": at}  # fmt: skip
        kind = raised.effect.type
        if kind == "create_task":
            step = definition.step_map.get(raised.step)
            if step is not None and REVIEW_RECORD in step.records:
                result = self._review(incident, effect, raised.step, at, context)
            else:
                result = self._task_from_effect(incident, effect, raised.step, at, context)
        elif kind == "report_threat":
            result = self._report_threat(incident, effect, at, context)
        else:
            result = self._marker(incident, effect, raised.step, at, context)
        if result != effects.PENDING:
            action |= {"state": "done", "done_at": at, "done_by_id": incident.worker_id, "result": result[:80]}
        return action

    def _task(self, incident, *, title, rule, due_at, assignee, team, about, description, at, context) -> int:
        pk = self.next_id("task")
        holder = assignee.team_id if assignee else team.pk
        subject_type, subject_id = about
        row = {
            "id": pk, "title": title[:200], "description": description.strip(), "rule_code": rule.code,
            "rule_source": rule.source, "organisation_id": self.organisation_of(holder),
            "assignee_id": assignee.pk if assignee else None, "team_id": team.pk if team else None,
            "holder_team_id": holder, "subject_type": subject_type, "subject_id": subject_id,
            "customer_id": incident.customer_id, "due_at": due_at, "due_on": timezone.localdate(due_at),
            "state": "open", "created_by_id": self.system.pk, "version": 1, "created_at": at, "updated_at": at,
        }  # fmt: skip
        self.rows["task"].append(row)
        person_ref = f"customer:{incident.customer_id}" if incident.customer_id else ""
        self.events.append(
            NewEvent(
                action="task.created", actor_id=self.system.pk, actor_label=self.system.username,
                target_type="work.task", target_id=str(pk), person_ref=person_ref, summary=row["title"],
                changes={"rule": rule.code, "assignee": row["assignee_id"], "team": row["team_id"], "due_at": due_at,
                         "about": f"{subject_type}:{subject_id}", "reminders": []},
                context=context, occurred_at=at,
            )
        )  # fmt: skip
        self._complete_later(row, incident, person_ref, context)
        return pk

    def _complete_later(self, row: dict, incident, person_ref: str, context: dict) -> None:
        """Completed by the person it was for (or the worker, for a queue's) within a few
        working days, if that is over a month ago."""
        done_at = max(row["created_at"], row["due_at"] - timedelta(hours=self.rng.randrange(1, 30)))
        if done_at > self.now - timedelta(days=30):
            return
        by = row["assignee_id"] or incident.worker_id
        outcome = self.rng.choice(OUTCOMES)
        row |= {"state": "done", "outcome": outcome, "closed_at": done_at, "closed_by_id": by, "version": 2,
                "updated_at": done_at}  # fmt: skip
        self.events.append(
            NewEvent(action="task.completed", actor_id=by, actor_label=self._label(by, incident),
                     target_type="work.task", target_id=str(row["id"]), person_ref=person_ref,
                     changes={"text": outcome}, context=context, occurred_at=done_at)
        )  # fmt: skip

    def _label(self, user_id: int, incident) -> str:
        if user_id == incident.worker_id:
            return incident.worker.username
        return next(u.username for u in [*self._assignees.values(), *self._leaders.values()] if u and u.pk == user_id)

    def _from_incident(self, incident, step: str) -> str:
        return f"From incident {incident.reference} ({incident.protocol_title}), step '{step}'."

    def _task_from_effect(self, incident, effect, step, at, context) -> str:
        spec = effect["effect"]
        assignee = self.assignee(incident, spec["assignee"])
        pk = self._task(
            incident, title=spec["title"], rule=effects.INCIDENT_TASK,
            due_at=effects.due_after_working_days(incident, spec["due_working_days"]), assignee=assignee,
            team=None if assignee else incident.team, about=("incidents.incident", str(incident.pk)),
            description=self._from_incident(incident, step), at=at, context=context,
        )  # fmt: skip
        return f"work.task:{pk}"

    def _review(self, incident, effect, step, at, context) -> str:
        spec = effect["effect"]
        review = self.rows["review"].get(incident.pk)
        if review is None:
            review = {"id": self.next_id("review"), "incident_id": incident.pk, "version": 1, "created_at": at,
                      "updated_at": at}  # fmt: skip
            self.rows["review"][incident.pk] = review
        due_at = effects.due_after_working_days(incident, spec["due_working_days"])
        leader, worker = self.assignee(incident, spec["assignee"]), incident.worker
        about, name = self._from_incident(incident, step), worker.get_full_name() or worker.username
        target = ("incidents.incidentreview", str(review["id"]))
        review["task_id"] = self._task(
            incident, title=f"{spec['title']} ({name})", rule=REVIEW_TASK, due_at=due_at, assignee=leader,
            team=None if leader else incident.team, about=target,
            description=f"{about} Review it with {name} on the review template.", at=at, context=context,
        )  # fmt: skip
        with_whom = leader.get_full_name() if leader else "your team leader"
        self._task(
            incident, title=f"Review incident {incident.reference} with {with_whom}", rule=REVIEW_TASK,
            due_at=due_at, assignee=worker, team=None, about=target,
            description=f"{about} Think about how it went and what support would help you.", at=at, context=context,
        )  # fmt: skip
        review["updated_at"] = at
        return f"incidents.incidentreview:{review['id']}"

    def _report_threat(self, incident, effect, at, context) -> str:
        spec, filled = effect.get("effect", {}), effect.get("filled") or {}
        started_on = incident.started_at.astimezone(LONDON).date()
        called_at = parse_time(filled.get("called_at"), on=started_on)
        reference = str(filled.get("reference") or "")[:60]
        overview = str(filled.get("overview") or "").strip()
        report = self.rows["report"].get(incident.pk)
        if report is not None:  # reached a second time: the one activity is updated
            report["emergency_called_at"] = called_at or report["emergency_called_at"]
            report["police_reference"] = reference or report["police_reference"]
            report["overview"] = overview or report["overview"]
            report["version"] += 1
            report["updated_at"] = at
            return f"incidents.reportthreat:{report['id']}"
        leader = self.leader(incident)
        if leader is None:
            return effects.PENDING
        marker = spec.get("marker", "DOMESTIC ABUSE RISK")
        marker_type = self.marker_type(marker) if incident.customer_id else None
        current = self.current_markers.get((incident.customer_id, marker_type.pk)) if marker_type else None
        set_on = current[0] if current else None
        report = {"id": self.next_id("report"), "incident_id": incident.pk, "marker": marker,
                  "marker_set_on": set_on or timezone.localdate(at), "emergency_called_at": called_at,
                  "police_reference": reference, "overview": overview, "allocated_to_id": leader.pk, "version": 1,
                  "created_at": at, "updated_at": at}  # fmt: skip
        self.rows["report"][incident.pk] = report
        report["task_id"] = self._task(
            incident, title=f"Report Threat for incident {incident.reference}: review, take ownership, copy the notes",
            rule=REPORT_THREAT_TASK, due_at=effects.due_after_working_days(incident, DUE_WORKING_DAYS),
            assignee=leader, team=None, about=("incidents.reportthreat", str(report["id"])),
            description=f"{incident.worker.display_name} reported a threat ({marker}). Open the Report Threat "
            "checklist from the incident.", at=at, context=context,
        )  # fmt: skip
        person_ref = f"customer:{incident.customer_id}" if incident.customer_id else ""
        self.events.append(
            NewEvent(action="incident.report_threat_created", actor_id=incident.worker_id,
                     actor_label=incident.worker.username, target_type="incidents.reportthreat",
                     target_id=str(report["id"]), person_ref=person_ref,
                     changes={"allocated_to": leader.pk, "task": report["task_id"], "marker": marker},
                     context=context, occurred_at=at)
        )  # fmt: skip
        return f"incidents.reportthreat:{report['id']}"

    def _marker(self, incident, effect, step, at, context) -> str:
        if not incident.customer_id:
            return effects.PENDING
        name = effect.get("effect", {}).get("marker", "")
        marker_type = self.marker_type(name)
        key = (incident.customer_id, marker_type.pk)
        if key in self.current_markers:  # already current: no change, and the handler names it
            set_on, pk = self.current_markers[key]
        else:
            set_on, pk = timezone.localdate(at), self.next_id("marker")
            reason = f"Set by the {incident.protocol_title}, incident {incident.reference} (step '{step}')."
            self.rows["marker"].append(
                {"id": pk, "customer_id": incident.customer_id, "marker_type_id": marker_type.pk, "set_on": set_on,
                 "set_by_id": incident.worker_id, "reason": reason, "created_at": at, "updated_at": at}
            )  # fmt: skip
            self.current_markers[key] = (set_on, pk)
            self.events.append(
                NewEvent(action="customer.marker_added", actor_id=incident.worker_id,
                         actor_label=incident.worker.username, target_type="people.customermarker",
                         target_id=str(pk), person_ref=f"customer:{incident.customer_id}",
                         changes={"marker": marker_type.code, "review_on": None}, context=context, occurred_at=at)
            )  # fmt: skip
        report = self.rows["report"].get(incident.pk)
        if report is not None:
            report["marker_set_on"] = set_on
        return f"people.customermarker:{pk}"
