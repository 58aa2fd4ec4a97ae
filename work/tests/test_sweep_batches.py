"""The sweep over a backlog bigger than one batch, as after a worker was down: every
reminder and escalation exactly once, several reminders of one task as one message, each
escalation marked to its own leader, and queues named as queues."""

from datetime import timedelta

import pytest
import time_machine

from audit.models import AuditEvent
from audit.verification import verify_chain
from work import notify, sweep
from work.models import Notification, Task, TaskReminder
from work.sweep import run_sweep
from work.tests.helpers import NOON, make_task


@pytest.fixture
def outbox():
    fake = notify.FakeGateway()
    notify.use_gateway(fake)
    yield fake.sent
    notify.use_gateway(None)


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(sweep, "BATCH", 2)


def test_several_reminders_of_one_task_due_together_make_one_message(cara, tom, outbox):
    task = make_task(
        actor=tom,
        assignee=cara,
        due_at=NOON + timedelta(days=1),
        reminders=[NOON - timedelta(hours=2), NOON - timedelta(hours=1), NOON],
    )
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        first, second = run_sweep(), run_sweep()

    assert (first.reminders_sent, second.reminders_sent) == (3, 0)
    assert list(Notification.objects.values_list("user", "task")) == [(cara.pk, task.pk)]
    assert [email.to for email in outbox] == [cara.email]
    assert not TaskReminder.objects.filter(task=task, sent_at__isnull=True).exists()
    assert AuditEvent.objects.filter(action="task.reminder_sent", target_id=str(task.pk)).count() == 1


def test_a_backlog_due_at_one_moment_is_swept_batch_by_batch_each_once(cara, hana, tom, outbox, small_batches):
    tasks = [
        make_task(actor=tom, assignee=cara if n % 2 else hana, title=f"Task {n}", due_at=NOON, reminders=[NOON])
        for n in range(5)
    ]
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        first, second = run_sweep(), run_sweep()

    assert (first.reminders_sent, first.escalated) == (5, 5)
    assert (second.reminders_sent, second.escalated) == (0, 0)
    assert Notification.objects.filter(kind="reminder").count() == 5
    assert sorted(Notification.objects.filter(kind="escalation").values_list("task", flat=True)) == [
        task.pk for task in tasks
    ]
    assert set(Task.objects.values_list("escalated_to", flat=True)) == {tom.pk}
    escalated = AuditEvent.objects.filter(action="task.escalated").order_by("seq")
    # Soonest due first, and among tasks due at one moment, in the order they were made.
    assert [event.target_id for event in escalated] == [str(task.pk) for task in tasks]
    assert len(outbox) == 10
    assert verify_chain().ok


def test_each_leaders_escalations_in_one_batch_are_marked_to_that_leader(cara, tom, dee, outbox):
    for_tom = make_task(actor=tom, assignee=cara, title="Cara's review", due_at=NOON)
    for_dee = make_task(actor=tom, assignee=tom, title="Tom's own review", due_at=NOON)
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        assert run_sweep().escalated == 2

    assert dict(Task.objects.values_list("pk", "escalated_to")) == {for_tom.pk: tom.pk, for_dee.pk: dee.pk}
    assert dict(Notification.objects.values_list("task", "user")) == {for_tom.pk: tom.pk, for_dee.pk: dee.pk}


def test_an_overdue_queue_task_escalates_naming_the_queue(cara, tom, outbox):
    task = make_task(actor=tom, team=cara.team, due_at=NOON)
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        run_sweep()

    notification = Notification.objects.get(task=task)
    assert notification.user == tom
    assert f"(the {cara.team.name} queue)" in notification.text
