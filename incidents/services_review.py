"""The review after an incident (DA Plan, "Review the situation and seek support"; Six Point
Plan, point 6 and Annex B paras 31-35), and the video-call check-in for home-based
workers after a supported call.

The review is two tasks on one IncidentReview, both due within 2 working days of the
incident (counted on the working-day calendar of the customer's nation): one for the team
leader, naming the worker, to hold the review and record it; one for the worker, naming
the team leader, so the review is on the worker's own list too (it is their wellbeing
that is reviewed, and they should not have to wait to be called). One task for two
people would sit on one person's list only; two tasks each show on the right list and
close together when the team leader completes the review.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from audit.services import audit_record, describe_target
from consent.guard import require_no_credentials
from core.errors import EditConflict, HavenError, InvalidInput, NotAllowed
from core.system import system_actor
from incidents import effects, live, runs
from incidents.models import Incident, IncidentAction, IncidentReview
from incidents.permissions_followup import may_complete_review, may_draft_review
from incidents.services import incident_person_ref
from incidents.services_records import complete_record_within
from work import calendar
from work import services as work_services
from work.models import Notification, Task, TaskState
from work.rules import Rule
from work.services_notifications import notification_send_within

REVIEW_RECORD = "incident-review"
REVIEW_FIELDS = {
    "how_handled": "How you handled the incident",
    "procedures_worked": "Whether the procedures in place for handling these situations worked effectively",
    "lessons": "Any lessons to be learned for future handling and responses",
    "mental_health_first_aider": "Whether you would benefit from a conversation with a Mental Health First Aider",
    "support_agreed": "Any support for you that has been agreed",
}
REVIEW_TASK = Rule("incidents.review", "DA Plan, Review; Six Point Plan, point 6: review within 2 working days")
VIDEO_CHECK_IN = Rule(
    "incidents.video-check-in",
    "DA Plan, Support: a video call with a home-based colleague after every supported call",
)
VIDEO_TITLE = (
    "Video call {name}: ask how the call has affected them, signpost additional support and arrange "
    "line manager supportive care"
)


def review_tasks(review: IncidentReview):
    subject_type, subject_id = describe_target(review)
    return Task.objects.filter(subject_type=subject_type, subject_id=subject_id)


def raises_review(action: IncidentAction, incident: Incident) -> bool:
    """A create_task effect is the review when the step raising it asks for the review record."""
    step = runs.definition_of(incident).step_map.get(action.step)
    return step is not None and REVIEW_RECORD in step.records


def review_from_effect(action: IncidentAction, incident: Incident, actor) -> str:
    """effects.AUTOMATIC handler for the review's create_task, inside the step's transaction."""
    effect = action.effect["effect"]
    review, _ = IncidentReview.objects.get_or_create(incident=incident)
    due_at = effects.due_after_working_days(incident, effect["due_working_days"])
    leader = effects.assignee_for(incident, effect["assignee"])
    worker = incident.worker
    about = f"From incident {incident.reference} ({incident.protocol_title}), step '{action.step}'."
    leader_task = work_services.task_create_within(
        actor=system_actor(),
        title=f"{effect['title']} ({worker.get_full_name() or worker.username})"[:200],
        rule=REVIEW_TASK,
        due_at=due_at,
        assignee=leader,
        team=None if leader else incident.team,
        about=review,
        customer=incident.customer,
        description=f"{about} Review it with {worker.get_full_name() or worker.username} on the review template.",
    )
    with_whom = leader.get_full_name() if leader else "your team leader"
    work_services.task_create_within(
        actor=system_actor(),
        title=f"Review incident {incident.reference} with {with_whom}"[:200],
        rule=REVIEW_TASK,
        due_at=due_at,
        assignee=worker,
        about=review,
        customer=incident.customer,
        description=f"{about} Think about how it went and what support would help you.",
    )
    review.task = leader_task
    review.save(update_fields=["task", "updated_at"])
    return f"incidents.incidentreview:{review.pk}"


def _clean(fields: dict, *, complete: bool) -> dict:
    unknown = set(fields) - set(REVIEW_FIELDS)
    if unknown:
        raise HavenError(f"The review has no question {sorted(unknown)[0]!r}")
    cleaned = {name: (fields.get(name) or "").strip() for name in REVIEW_FIELDS}
    require_no_credentials(**cleaned)
    if complete:
        missing = {name: f"Enter {label[0].lower()}{label[1:]}" for name, label in REVIEW_FIELDS.items()
                   if not cleaned[name]}  # fmt: skip
        if missing:
            raise InvalidInput(missing)
    return cleaned


def _locked_review(incident: Incident, version: int | None) -> IncidentReview:
    IncidentReview.objects.get_or_create(incident=incident)
    review = IncidentReview.objects.select_for_update().get(incident=incident)
    if version is not None and review.version != int(version):
        raise EditConflict(
            current={"version": str(review.version), **{name: getattr(review, name) or "" for name in REVIEW_FIELDS}},
            message="Someone saved this review while you were writing it. Their version is shown: "
            "check it, then save your changes again.",
        )
    if review.completed_at is not None:
        raise HavenError("This review is complete, so it cannot change.")
    return review


def review_save(*, actor, incident: Incident, fields: dict, version: int | None) -> IncidentReview:
    """A draft of the review (the worker, or their team leader or deputy manager)."""
    if not may_draft_review(actor, incident):
        raise NotAllowed("Only the worker and their team leader write the review.")
    cleaned = _clean(fields, complete=False)
    with transaction.atomic(durable=True):
        review = _locked_review(incident, version)
        for name, value in cleaned.items():
            setattr(review, name, value)
        review.version += 1
        review.save()
        audit_record(
            actor=actor,
            action="incident.review_saved",
            target=review,
            person_ref=incident_person_ref(incident),
            changes={"answered": sum(bool(v) for v in cleaned.values()), "version": review.version},
        )
        live.publish(incident, "review", review_version=review.version)
    return review


def local_plans_manager(incident: Incident):
    """The manager responsible for local plans at the worker's office; the team's deputy
    manager when none is set."""
    office = incident.team.office
    manager = office.local_plans_manager
    if manager is not None and manager.is_active:
        return manager
    return effects.assignee_for(incident, "deputy-manager")


def review_complete(*, actor, incident: Incident, fields: dict, version: int | None) -> IncidentReview:
    """The team leader (or deputy manager) records the review discussion. Every question
    needs an answer. Closes both review tasks, completes the plan's review record, and
    sends a copy to the manager responsible for local plans (a notification linking to
    the review, never its words)."""
    if not may_complete_review(actor, incident):
        raise NotAllowed("Only the worker's team leader or deputy manager completes the review.")
    cleaned = _clean(fields, complete=True)
    with transaction.atomic(durable=True):
        locked = (
            Incident.objects.select_for_update(of=("self",))
            .select_related("team__office", "worker")
            .get(pk=incident.pk)
        )
        review = _locked_review(locked, version)
        now = timezone.now()
        for name, value in cleaned.items():
            setattr(review, name, value)
        review.reviewed_by, review.completed_at, review.version = actor, now, review.version + 1
        closed = work_services.tasks_close_within(
            actor=actor, tasks=review_tasks(review).filter(state=TaskState.OPEN), done=True,
            text=f"Review of incident {locked.reference} completed",
        )  # fmt: skip
        manager = local_plans_manager(locked)
        if manager is not None:
            notification_send_within(
                user=manager,
                kind=Notification.Kind.COPY,
                text=f"Copy for local plans: the review of incident {locked.reference} ({locked.protocol_title}), "
                f"completed by {actor.get_full_name() or actor.username}",
                link=reverse("incidents:review", kwargs={"incident_id": locked.pk}),
            )
            review.copied_to, review.copied_at = manager, now
        review.save()
        if REVIEW_RECORD in {r.id for r in runs.run_of(locked).required_records()}:
            complete_record_within(actor=actor, locked=locked, record_id=REVIEW_RECORD)
        audit_record(
            actor=actor,
            action="incident.review_completed",
            target=review,
            person_ref=incident_person_ref(locked),
            changes={"tasks_closed": closed, "copied_to": manager.pk if manager else None},
        )
        live.publish(locked, "review", review_version=review.version, completed=True)
    return review


def _video_call_already_set(incident: Incident) -> bool:
    """The DA Plan's own step raises a video-call task when the worker says they are
    home-based; one check-in per supported call is enough."""
    raised = IncidentAction.objects.filter(incident=incident, kind="create_task", state=IncidentAction.State.DONE)
    if any(a.effect.get("effect", {}).get("title", "").startswith("Video call") for a in raised):
        return True
    subject_type, subject_id = describe_target(incident)
    return Task.objects.filter(rule_code=VIDEO_CHECK_IN.code, subject_type=subject_type, subject_id=subject_id).exists()


def supported_call_follow_up(incident: Incident, *, actor) -> Task | None:
    """After a supported call (a partner joined) with a home-based worker, a video-call
    check-in for the team leader by the end of the next working day. Inside the caller's
    transaction (incident_close calls it). Nothing for office-based workers, whose team
    leader is beside them, or for calls nobody joined."""
    if not (incident.worker_home_based and incident.partner_id) or _video_call_already_set(incident):
        return None
    leader = effects.assignee_for(incident, "team-leader")
    jurisdiction = effects.jurisdiction_of(incident)
    due_on = calendar.next_working_day(calendar.london_date(timezone.now()), jurisdiction)
    worker = incident.worker
    task = work_services.task_create_within(
        actor=system_actor(),
        title=VIDEO_TITLE.format(name=worker.get_full_name() or worker.username)[:200],
        rule=VIDEO_CHECK_IN,
        due_at=calendar.end_of_london_day_utc(due_on),
        assignee=leader,
        team=None if leader else incident.team,
        about=incident,
        customer=incident.customer,
        description=f"After the supported call of incident {incident.reference}.",
    )
    audit_record(
        actor=actor,
        action="incident.video_check_in_set",
        target=incident,
        person_ref=incident_person_ref(incident),
        changes={"task": task.pk, "assignee": leader.pk if leader else None},
    )
    return task
