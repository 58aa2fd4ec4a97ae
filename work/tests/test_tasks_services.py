"""The task services: the one way to make a deadline, and to close or move it."""

from datetime import datetime, timedelta

import pytest
from django.db import transaction

from audit.models import AuditEvent
from core.errors import EditConflict, HavenError, NotAllowed
from people.tests.factories import make_customer
from work import services
from work.models import Task, TaskReminder, TaskState
from work.rules import DA_PLAN_REVIEW
from work.tests.helpers import NOON, make_task


def test_creating_a_task_records_the_rule_the_holder_the_reminders_and_an_audit_event(cara, tom):
    customer = make_customer(cara)
    task = make_task(
        actor=tom,
        assignee=cara,
        about=customer,
        due_at=NOON + timedelta(days=2),
        reminders=[NOON, NOON + timedelta(days=1)],
        description="Call back",
    )

    task.refresh_from_db()
    assert (task.rule_code, task.rule_source) == ("da-plan.review", "DA Plan, review within a day or two")
    assert (task.assignee, task.team, task.holder_team) == (cara, None, cara.team)
    assert task.customer == customer
    assert (task.subject_type, task.subject_id) == ("people.customer", str(customer.pk))
    assert task.due_on.isoformat() == "2026-03-04"
    assert [r.remind_at for r in task.reminders.all()] == [NOON, NOON + timedelta(days=1)]
    event = AuditEvent.objects.get(action="task.created")
    assert (event.actor, event.target_id, event.person_ref) == (tom, str(task.pk), f"customer:{customer.pk}")
    assert event.changes["rule"] == "da-plan.review"


def test_a_task_is_for_exactly_one_person_or_queue(cara, tom):
    with pytest.raises(HavenError, match="Choose a person or a team queue"):
        make_task(actor=tom, assignee=cara, team=cara.team)
    with pytest.raises(HavenError, match="Choose a person or a team queue"):
        make_task(actor=tom)
    assert Task.objects.count() == 0


def test_the_database_refuses_a_task_for_both_a_person_and_a_queue(cara, tom):
    task = make_task(actor=tom, assignee=cara)
    task.team = cara.team
    with pytest.raises(Exception, match="task_for_a_person_or_a_queue"), transaction.atomic():
        task.save()


def test_a_due_time_without_a_time_zone_is_refused(cara, tom):
    with pytest.raises(HavenError, match="Enter when the task is due"):
        make_task(actor=tom, assignee=cara, due_at=datetime(2026, 3, 2, 12, 0))  # noqa: DTZ001


def test_staff_cannot_set_tasks_in_another_organisation(cara, wren):
    with pytest.raises(NotAllowed):
        make_task(actor=wren, assignee=cara)
    assert not AuditEvent.objects.filter(action="task.created").exists()


def test_an_administrator_cannot_set_tasks(cara, ada):
    with pytest.raises(NotAllowed):
        make_task(actor=ada, assignee=cara)


def test_a_failed_audit_rolls_the_task_and_its_reminders_back(cara, tom, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        make_task(actor=tom, assignee=cara, reminders=[NOON])
    assert (Task.objects.count(), TaskReminder.objects.count()) == (0, 0)


def test_the_assignee_completes_with_an_outcome_and_pending_reminders_are_cancelled(cara, tom):
    task = make_task(actor=tom, assignee=cara, reminders=[NOON + timedelta(days=1)])

    services.task_complete(actor=cara, task=task, outcome="Reviewed with the customer", version=1)

    task.refresh_from_db()
    assert (task.state, task.outcome, task.closed_by, task.version) == (
        TaskState.DONE,
        "Reviewed with the customer",
        cara,
        2,
    )
    assert task.reminders.get().cancelled_at is not None
    assert AuditEvent.objects.get(action="task.completed").changes == {"text": "Reviewed with the customer"}


def test_completing_needs_an_outcome(cara, tom):
    task = make_task(actor=tom, assignee=cara)
    with pytest.raises(HavenError, match="Enter what was done") as caught:
        services.task_complete(actor=cara, task=task, outcome="  ")
    assert caught.value.field == "outcome"
    task.refresh_from_db()
    assert task.state == TaskState.OPEN


def test_the_team_leader_cancels_with_a_reason_but_a_colleague_cannot(cara, hana, tom):
    task = make_task(actor=tom, assignee=cara)
    with pytest.raises(NotAllowed):
        services.task_cancel(actor=hana, task=task, reason="Not needed")

    services.task_cancel(actor=tom, task=task, reason="Customer moved away")
    task.refresh_from_db()
    assert (task.state, task.cancel_reason) == (TaskState.CANCELLED, "Customer moved away")


def test_a_stale_version_changes_nothing(cara, tom):
    task = make_task(actor=tom, assignee=cara)
    services.task_reassign(actor=tom, task=task, to_queue=True)
    events = AuditEvent.objects.count()

    with pytest.raises(EditConflict):
        services.task_cancel(actor=tom, task=task, reason="Not needed", version=1)
    task.refresh_from_db()
    assert (task.state, task.version, AuditEvent.objects.count()) == (TaskState.OPEN, 2, events)


def test_a_closed_task_cannot_be_closed_again(cara, tom):
    task = make_task(actor=tom, assignee=cara)
    services.task_complete(actor=cara, task=task, outcome="Done")
    with pytest.raises(HavenError, match="already done"):
        services.task_cancel(actor=tom, task=task, reason="Oops")


def test_a_team_leader_reassigns_within_the_team_only(cara, hana, tom, wren):
    task = make_task(actor=tom, assignee=cara)
    services.task_reassign(actor=tom, task=task, assignee=hana)
    task.refresh_from_db()
    assert (task.assignee, task.holder_team) == (hana, hana.team)
    assert AuditEvent.objects.get(action="task.reassigned").changes["assignee"] == [cara.pk, hana.pk]

    with pytest.raises(HavenError, match="Choose someone in your team"):
        services.task_reassign(actor=tom, task=task, assignee=wren)


def test_a_caseworker_cannot_reassign(cara, hana, tom):
    task = make_task(actor=tom, assignee=cara)
    with pytest.raises(NotAllowed):
        services.task_reassign(actor=cara, task=task, assignee=hana)


def test_a_team_member_claims_from_the_queue_once(cara, hana, tom):
    task = make_task(actor=tom, team=cara.team)
    services.task_claim(actor=hana, task=task)
    task.refresh_from_db()
    assert (task.assignee, task.team) == (hana, None)
    assert AuditEvent.objects.filter(action="task.claimed", actor=hana).count() == 1
    with pytest.raises(NotAllowed):
        services.task_claim(actor=cara, task=task)


def test_another_team_cannot_claim_from_the_queue(cara, sam, tom):
    task = make_task(actor=tom, team=cara.team)
    with pytest.raises(NotAllowed):
        services.task_claim(actor=sam, task=task)


def test_bulk_reassignment_moves_every_task_or_none(cara, hana, tom, dee, sam):
    mine = [make_task(actor=tom, assignee=cara, title=f"Task {n}") for n in range(3)]
    other_team = make_task(actor=sam, assignee=sam)

    with pytest.raises(NotAllowed):
        services.tasks_reassign_bulk(actor=tom, task_ids=[t.pk for t in mine] + [other_team.pk], assignee=hana)
    assert set(Task.objects.filter(pk__in=[t.pk for t in mine]).values_list("assignee", flat=True)) == {cara.pk}

    moved = services.tasks_reassign_bulk(actor=dee, task_ids=[t.pk for t in mine], to_queue=True)
    assert moved == 3
    assert set(Task.objects.filter(pk__in=[t.pk for t in mine]).values_list("team", flat=True)) == {cara.team_id}
    assert AuditEvent.objects.filter(action="task.reassigned", actor=dee).count() == 3


def test_bulk_reassignment_is_for_team_leaders(cara, hana, tom):
    task = make_task(actor=tom, assignee=cara)
    with pytest.raises(NotAllowed):
        services.tasks_reassign_bulk(actor=cara, task_ids=[task.pk], assignee=hana)


def test_a_rule_code_and_its_source_are_kept_as_given(cara, tom):
    task = make_task(actor=tom, assignee=cara, rule=DA_PLAN_REVIEW)
    assert Task.objects.get(pk=task.pk).rule_source == DA_PLAN_REVIEW.source
