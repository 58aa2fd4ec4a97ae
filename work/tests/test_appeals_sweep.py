"""The MR tracker's tasks are worked by the existing deadline sweep: the appeal reminders
go to the caseworker on their days, and an MRN never chased escalates to the team leader."""

import datetime as dt

import pytest
import time_machine

from people.tests.factories import make_customer
from work import notify
from work.models import Notification
from work.sweep import run_sweep
from work.tests.appeals_helpers import NOON_TODAY, record_mr, record_mrn


@pytest.fixture(autouse=True)
def _outbox():
    fake = notify.FakeGateway()
    notify.use_gateway(fake)
    yield fake.sent
    notify.use_gateway(None)


def test_the_sweep_sends_each_appeal_reminder_on_its_working_day_and_not_before(cara):
    with time_machine.travel(NOON_TODAY, tick=False):
        mr = record_mrn(cara, record_mr(cara, make_customer(cara)))  # due Friday 20 March 2026
        assert run_sweep().reminders_sent == 0

    with time_machine.travel(dt.datetime(2026, 3, 6, 8, 59, tzinfo=dt.UTC), tick=False):
        assert run_sweep().reminders_sent == 0
    with time_machine.travel(dt.datetime(2026, 3, 6, 9, 1, tzinfo=dt.UTC), tick=False):
        assert run_sweep().reminders_sent == 1
    with time_machine.travel(dt.datetime(2026, 3, 18, 9, 1, tzinfo=dt.UTC), tick=False):
        assert run_sweep().reminders_sent == 2  # 13 and 18 March, both due by now
    notifications = Notification.objects.filter(task=mr.appeal_task, kind="reminder")
    assert {notification.user for notification in notifications} == {cara}
    # The sweep tells a person once per run about a task, however many of its reminders fell due.
    assert notifications.count() == 2


def test_an_mrn_never_chased_escalates_to_the_team_leader_after_its_day(cara, tom):
    with time_machine.travel(NOON_TODAY, tick=False):
        mr = record_mr(cara, make_customer(cara), lodged_on=dt.date(2026, 2, 23), decision_date=None)
    assert mr.chase_on == dt.date(2026, 3, 23)

    with time_machine.travel(dt.datetime(2026, 3, 23, 23, 0, tzinfo=dt.UTC), tick=False):
        assert run_sweep().escalated == 0
    with time_machine.travel(dt.datetime(2026, 3, 24, 9, 0, tzinfo=dt.UTC), tick=False):
        assert run_sweep().escalated == 1
    escalation = Notification.objects.get(kind="escalation")
    assert (escalation.user, escalation.task_id) == (tom, mr.chase_task_id)


def test_recording_the_appeal_stops_the_reminders_still_to_come(cara):
    from work import services_appeals as services

    with time_machine.travel(NOON_TODAY, tick=False):
        mr = record_mrn(cara, record_mr(cara, make_customer(cara)))
        services.appeal_lodged_record(actor=cara, mr=mr, appeal_lodged_on=NOON_TODAY.date(), appeal_how="online")
    with time_machine.travel(dt.datetime(2026, 3, 21, 9, 0, tzinfo=dt.UTC), tick=False):
        assert run_sweep().reminders_sent == 0
        assert run_sweep().escalated == 0
