"""The deadline sweep on a frozen clock: reminders go exactly once, overdue work
escalates exactly once, to the team leader (a deputy manager when there is none)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django_q.models import Schedule

from accounts import services as accounts_services
from audit.models import AuditEvent
from audit.verification import verify_chain
from core.system import system_actor
from work import notify, services
from work.models import Notification, Task
from work.sweep import run_sweep
from work.tests.helpers import NOON, make_task


@pytest.fixture
def outbox():
    fake = notify.FakeGateway()
    notify.use_gateway(fake)
    yield fake.sent
    notify.use_gateway(None)


def test_a_due_reminder_goes_once_even_when_the_sweep_runs_twice(cara, tom, outbox):
    task = make_task(actor=tom, assignee=cara, reminders=[NOON + timedelta(hours=1)], due_at=NOON + timedelta(days=1))

    with time_machine.travel(NOON, tick=False):
        assert run_sweep().reminders_sent == 0
    with time_machine.travel(NOON + timedelta(hours=1, minutes=1), tick=False):
        first, second = run_sweep(), run_sweep()

    assert (first.reminders_sent, second.reminders_sent) == (1, 0)
    notification = Notification.objects.get()
    assert (notification.user, notification.kind, notification.task) == (cara, "reminder", task)
    assert notification.link == f"/work/tasks/{task.pk}"
    assert [email.to for email in outbox] == [cara.email]
    assert task.title not in outbox[0].body  # what it is about stays inside Haven
    assert AuditEvent.objects.filter(action="task.reminder_sent", target_id=str(task.pk)).count() == 1
    assert task.reminders.get().sent_at is not None


def test_the_sweeps_audit_events_keep_the_chain_whole(cara, tom, outbox):
    make_task(actor=tom, assignee=cara, reminders=[NOON], due_at=NOON - timedelta(minutes=5))
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        run_sweep()
    make_task(actor=tom, assignee=cara)  # later events chain on after the sweep's
    assert verify_chain().ok


def test_reminders_of_a_closed_task_are_never_sent(cara, tom, outbox):
    task = make_task(actor=tom, assignee=cara, reminders=[NOON + timedelta(hours=1)])
    services.task_complete(actor=cara, task=task, outcome="Done early")
    with time_machine.travel(NOON + timedelta(hours=2), tick=False):
        assert run_sweep().reminders_sent == 0
    assert (Notification.objects.count(), outbox) == (0, [])


def test_a_queue_reminder_goes_to_the_team_leader(cara, tom, outbox):
    make_task(actor=tom, team=cara.team, reminders=[NOON])
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        run_sweep()
    assert Notification.objects.get().user == tom


def test_overdue_work_escalates_once_to_the_team_leader(cara, tom, dee, outbox):
    task = make_task(actor=tom, assignee=cara, due_at=NOON)

    with time_machine.travel(NOON - timedelta(minutes=1), tick=False):
        assert run_sweep().escalated == 0
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        first, second = run_sweep(), run_sweep()

    assert (first.escalated, second.escalated) == (1, 0)
    task.refresh_from_db()
    assert (task.escalated_to, task.state) == (tom, "open")
    notification = Notification.objects.get()
    assert (notification.user, notification.kind) == (tom, "escalation")
    assert "Cara Okafor" in notification.text
    assert [email.to for email in outbox] == [tom.email]
    event = AuditEvent.objects.get(action="task.escalated")
    assert (event.actor, event.changes) == (system_actor(), {"to": tom.pk})


def test_without_a_team_leader_overdue_work_escalates_to_the_deputy_manager(cara, tom, dee, outbox):
    accounts_services.staff_deactivate(actor=system_actor(), user=tom)
    task = make_task(actor=dee, assignee=cara, due_at=NOON)
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        run_sweep()
    task.refresh_from_db()
    assert task.escalated_to == dee


def test_the_team_leaders_own_overdue_task_escalates_to_the_deputy_manager(tom, dee, outbox):
    task = make_task(actor=tom, assignee=tom, due_at=NOON)
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        run_sweep()
    task.refresh_from_db()
    assert task.escalated_to == dee


def test_a_task_done_in_time_never_escalates(cara, tom, outbox):
    task = make_task(actor=tom, assignee=cara, due_at=NOON)
    with time_machine.travel(NOON - timedelta(hours=1), tick=False):
        services.task_complete(actor=cara, task=task, outcome="Done")
    with time_machine.travel(NOON + timedelta(days=3), tick=False):
        assert run_sweep().escalated == 0
    assert Task.objects.get(pk=task.pk).escalated_at is None


def test_a_failing_email_leaves_the_notification_and_is_not_retried(cara, tom):
    class Broken:
        def send_email(self, messages):
            raise ConnectionError("Notify unreachable")

    notify.use_gateway(Broken())
    try:
        make_task(actor=tom, assignee=cara, reminders=[NOON])
        with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
            assert run_sweep().reminders_sent == 1
            assert run_sweep().reminders_sent == 0
    finally:
        notify.use_gateway(None)
    assert Notification.objects.filter(user=cara).count() == 1


def test_without_a_notify_key_email_goes_by_djangos_backend(cara, tom, settings, mailoutbox):
    settings.GOVUK_NOTIFY_API_KEY = None
    make_task(actor=tom, assignee=cara, reminders=[NOON])
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        run_sweep()
    assert [m.to for m in mailoutbox] == [[cara.email]]
    assert mailoutbox[0].subject == "You have a task in Haven"


def test_with_a_notify_key_the_notify_gateway_is_used(settings):
    settings.GOVUK_NOTIFY_API_KEY = "test_key-" + "0" * 36 + "-" + "1" * 36
    settings.GOVUK_NOTIFY_TEMPLATE_ID = "template"
    assert isinstance(notify.gateway(), notify.NotifyGateway)


def test_setup_schedules_creates_one_sweep_every_minute_however_often_it_runs(db):
    call_command("setup_schedules")
    call_command("setup_schedules")
    schedule = Schedule.objects.get(func="work.sweep.run_sweep")  # other apps have schedules too
    assert (schedule.func, schedule.schedule_type, schedule.minutes) == ("work.sweep.run_sweep", "I", 1)
