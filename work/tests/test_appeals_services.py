"""The MR tracker's services on a frozen clock: each deadline rule of issue 5 (chase the
MRN, appeal one calendar month after the MRN was sent, never more than 13 months, reminders
at working days counted in the customer's nation), the tasks they make and close, the
audit events, and refusals that change nothing."""

import datetime as dt

import pytest
import time_machine
from django.db import connection

from audit.models import AuditEvent
from core.errors import HavenError, InvalidInput, NotAllowed
from people.tests.factories import make_customer
from work import services_appeals as services
from work.calendar import end_of_london_day_utc
from work.models import Task, TaskState
from work.models_appeals import MandatoryReconsideration, MRState
from work.tests.appeals_helpers import NOON_TODAY, TODAY, mr_state, record_mr, record_mrn, reminder_days


@pytest.fixture(autouse=True)
def _monday_noon():
    with time_machine.travel(NOON_TODAY, tick=False):
        yield


@pytest.fixture
def customer(cara):
    return make_customer(cara)


def test_recording_an_mr_sets_a_chase_task_for_the_recorder_28_days_after_it_was_lodged(cara, customer):
    mr = record_mr(cara, customer)

    assert (mr.state, mr.owner, mr.chase_on) == (MRState.AWAITING_MRN, cara, dt.date(2026, 3, 2))
    task = mr.chase_task
    assert (task.assignee, task.rule_code, task.customer, task.due_on) == (cara, "mr.chase-mrn", customer, TODAY)
    assert task.due_at == end_of_london_day_utc(TODAY)
    assert (task.subject_type, task.subject_id) == ("work.mandatoryreconsideration", str(mr.pk))
    event = AuditEvent.objects.get(action="mr.recorded")
    assert (event.actor, event.target_id, event.person_ref) == (cara, str(mr.pk), f"customer:{customer.pk}")
    assert AuditEvent.objects.filter(action="task.created", target_id=str(task.pk)).count() == 1


def test_the_chase_delay_is_a_setting(cara, customer, settings):
    settings.HAVEN_CHASE_MRN_AFTER_DAYS = 14
    mr = record_mr(cara, customer, lodged_on=dt.date(2026, 2, 25))
    assert mr.chase_on == dt.date(2026, 3, 11)
    assert mr.chase_task.due_on == dt.date(2026, 3, 11)


def test_an_mr_recorded_after_its_chase_date_is_chased_from_today_not_escalated_at_once(cara, customer):
    mr = record_mr(cara, customer, lodged_on=dt.date(2025, 12, 1), decision_date=None)
    assert mr.chase_on == dt.date(2025, 12, 29)
    assert mr.chase_task.due_on == TODAY


def test_the_same_mr_recorded_twice_is_refused_and_adds_nothing(cara, customer):
    record_mr(cara, customer)
    before = mr_state()
    with pytest.raises(HavenError, match="already recorded"):
        record_mr(cara, customer)
    assert mr_state() == before


def test_every_problem_with_an_mr_is_reported_at_once_and_nothing_is_saved(cara, customer):
    before = mr_state()
    with pytest.raises(InvalidInput) as caught:
        record_mr(
            cara,
            customer,
            decision_challenged=" ",
            lodged_on=dt.date(2026, 3, 3),
            lodged_how="pigeon",
            representative_name="",
            representative_organisation="",
            outside_authority="",
        )
    assert caught.value.errors == {
        "decision_challenged": "Enter the decision being challenged",
        "lodged_on": "The date the MR was lodged must be today or in the past",
        "lodged_how": "Choose how the MR was lodged",
        "representative_name": "Enter the name of the adviser who lodged the MR",
        "representative_organisation": "Enter the adviser's organisation",
        "outside_authority": "Enter the form of authority the adviser acted under: its reference and what it allows",
    }
    assert mr_state() == before


def test_a_decision_after_the_mr_was_lodged_is_refused(cara, customer):
    with pytest.raises(InvalidInput) as caught:
        record_mr(cara, customer, decision_date=dt.date(2026, 2, 3))
    assert caught.value.errors["decision_date"].startswith("The date of the decision must be on or before")


def test_an_mr_lodged_by_staff_names_them_and_keeps_no_representative(cara, tom, customer):
    mr = record_mr(cara, customer, lodged_by="staff", lodged_by_staff=tom, outside_authority="")
    assert (mr.lodged_by_staff, mr.representative_name, mr.lodged_by_text) == (
        tom,
        "",
        f"Member of staff: {tom.display_name}",
    )


def test_an_mr_lodged_by_staff_of_another_organisation_is_refused(cara, wren, customer):
    with pytest.raises(InvalidInput) as caught:
        record_mr(cara, customer, lodged_by="staff", lodged_by_staff=wren)
    assert caught.value.errors == {"lodged_by_staff": "Choose the member of staff who lodged the MR"}


def test_the_decision_challenged_is_encrypted_at_rest(cara, customer):
    mr = record_mr(cara, customer)
    with connection.cursor() as cursor:
        cursor.execute("SELECT decision_challenged FROM work_mandatoryreconsideration WHERE id = %s", [mr.pk])
        (stored,) = cursor.fetchone()
    assert "limited capability" not in stored
    assert MandatoryReconsideration.objects.get(pk=mr.pk).decision_challenged.startswith("Universal Credit")


def test_the_appeal_is_due_one_calendar_month_after_the_mrn_was_sent_not_when_it_was_seen(cara, customer):
    mr = record_mrn(cara, record_mr(cara, customer), sent_on=dt.date(2026, 2, 20))

    assert (mr.state, mr.mrn_seen_on, mr.appeal_due_on) == (MRState.MRN_RECEIVED, TODAY, dt.date(2026, 3, 20))
    assert mr.late_appeal_limit_on == dt.date(2027, 3, 20)
    assert mr.appeal_task.due_on == dt.date(2026, 3, 20)
    assert mr.appeal_task.rule_code == "mr.appeal-due"
    assert mr.appeal_task.assignee == cara
    assert AuditEvent.objects.filter(action="mr.mrn_recorded", target_id=str(mr.pk)).count() == 1


def test_recording_the_mrn_completes_the_chase_task_and_cancels_its_reminder(cara, customer):
    mr = record_mrn(cara, record_mr(cara, customer))
    chase = Task.objects.get(pk=mr.chase_task_id)
    assert (chase.state, chase.outcome) == (TaskState.DONE, "MRN sent on 20 February 2026 recorded")
    assert chase.reminders.get().cancelled_at is not None
    assert AuditEvent.objects.filter(action="task.completed", target_id=str(chase.pk), actor=cara).count() == 1


def test_reminders_fall_10_5_and_2_working_days_before_the_deadline_at_nine_in_the_morning(cara, customer):
    mr = record_mrn(cara, record_mr(cara, customer), sent_on=dt.date(2026, 2, 20))
    assert reminder_days(mr.appeal_task) == [dt.date(2026, 3, 6), dt.date(2026, 3, 13), dt.date(2026, 3, 18)]
    first = mr.appeal_task.reminders.order_by("remind_at").first()
    assert first.remind_at == dt.datetime(2026, 3, 6, 9, 0, tzinfo=dt.UTC)  # 09:00 GMT


def test_st_patricks_day_moves_a_northern_ireland_customers_reminders_but_not_an_english_ones(cara):
    english = make_customer(cara, nation="england")
    northern_irish = make_customer(
        cara, given_names="Siobhan", family_name="Kelly", ni_number="", nation="northern-ireland"
    )
    in_england = record_mrn(cara, record_mr(cara, english))
    in_ni = record_mrn(cara, record_mr(cara, northern_irish))

    # Appeal due Friday 20 March 2026; Tuesday 17 March is a bank holiday in Northern Ireland only.
    assert in_england.appeal_due_on == in_ni.appeal_due_on == dt.date(2026, 3, 20)
    assert reminder_days(in_england.appeal_task) == [dt.date(2026, 3, 6), dt.date(2026, 3, 13), dt.date(2026, 3, 18)]
    assert reminder_days(in_ni.appeal_task) == [dt.date(2026, 3, 5), dt.date(2026, 3, 12), dt.date(2026, 3, 18)]


def test_easter_monday_moves_an_english_customers_reminder_but_not_a_scottish_ones(cara):
    english = make_customer(cara, nation="england")
    scottish = make_customer(cara, given_names="Morag", family_name="Reid", ni_number="", nation="scotland")
    with time_machine.travel(dt.datetime(2026, 3, 23, 12, 0, tzinfo=dt.UTC), tick=False):
        in_england = record_mrn(cara, record_mr(cara, english), sent_on=dt.date(2026, 3, 20))
        in_scotland = record_mrn(cara, record_mr(cara, scottish), sent_on=dt.date(2026, 3, 20))

    # Appeal due Monday 20 April 2026. Good Friday is a holiday everywhere; Easter Monday
    # (6 April) is one in England and Wales but not in Scotland.
    assert reminder_days(in_england.appeal_task) == [dt.date(2026, 4, 2), dt.date(2026, 4, 13), dt.date(2026, 4, 16)]
    assert reminder_days(in_scotland.appeal_task) == [dt.date(2026, 4, 6), dt.date(2026, 4, 13), dt.date(2026, 4, 16)]
    # 09:00 in London is 08:00 UTC in summer time.
    assert in_scotland.appeal_task.reminders.order_by("remind_at").first().remind_at.hour == 8


def test_an_mrn_sent_on_31_january_gives_an_appeal_due_on_28_february(cara, customer):
    with time_machine.travel(dt.datetime(2026, 2, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        mr = record_mr(cara, customer, lodged_on=dt.date(2026, 1, 5), decision_date=None)
        mr = record_mrn(cara, mr, sent_on=dt.date(2026, 1, 31))
    assert (mr.appeal_due_on, mr.late_appeal_limit_on) == (dt.date(2026, 2, 28), dt.date(2027, 2, 28))
    assert mr.appeal_task.due_on == dt.date(2026, 2, 28)


def test_an_mrn_sent_on_31_january_in_a_leap_year_gives_29_february(cara, customer):
    with time_machine.travel(dt.datetime(2028, 2, 1, 12, 0, tzinfo=dt.UTC), tick=False):
        mr = record_mr(cara, customer, lodged_on=dt.date(2028, 1, 4), decision_date=None)
        mr = record_mrn(cara, mr, sent_on=dt.date(2028, 1, 31))
    assert (mr.appeal_due_on, mr.late_appeal_limit_on) == (dt.date(2028, 2, 29), dt.date(2029, 2, 28))


def test_reminder_offsets_are_a_setting(cara, customer, settings):
    settings.HAVEN_APPEAL_REMINDER_WORKING_DAYS = [3]
    mr = record_mrn(cara, record_mr(cara, customer))
    assert reminder_days(mr.appeal_task) == [dt.date(2026, 3, 17)]


def test_reminders_already_past_when_the_mrn_is_seen_late_collapse_into_one_today(cara, customer):
    # Sent 10 February, seen 2 March: due 10 March; 10 working days before it is gone.
    mr = record_mrn(cara, record_mr(cara, customer), sent_on=dt.date(2026, 2, 10))
    assert mr.appeal_due_on == dt.date(2026, 3, 10)
    assert reminder_days(mr.appeal_task) == [TODAY, dt.date(2026, 3, 3), dt.date(2026, 3, 6)]


def test_an_mrn_seen_after_the_deadline_makes_an_urgent_late_appeal_task(cara, customer):
    mr = record_mr(cara, customer, lodged_on=dt.date(2025, 10, 1), decision_date=None)
    mr = record_mrn(cara, mr, sent_on=dt.date(2025, 11, 3))
    assert (mr.appeal_due_on, mr.late_appeal_limit_on) == (dt.date(2025, 12, 3), dt.date(2026, 12, 3))
    assert (mr.appeal_task.rule_code, mr.appeal_task.due_on) == ("mr.late-appeal", TODAY)
    assert "late" in mr.appeal_task.title


def test_more_than_13_months_after_the_mrn_no_appeal_can_be_recorded(cara, customer):
    mr = record_mr(cara, customer, lodged_on=dt.date(2024, 11, 1), decision_date=None)
    mr = record_mrn(cara, mr, sent_on=dt.date(2025, 1, 30))
    assert mr.late_appeal_limit_on == dt.date(2026, 2, 28)
    assert mr.appeal_task is None
    with pytest.raises(InvalidInput) as caught:
        services.appeal_lodged_record(actor=cara, mr=mr, appeal_lodged_on=TODAY, appeal_how="online")
    assert caught.value.errors["appeal_lodged_on"] == (
        "An appeal cannot be made more than 13 months after the MRN was sent: the last day was 28 February 2026"
    )


def test_an_mrn_cannot_be_recorded_twice_or_before_the_mr_was_lodged(cara, customer):
    mr = record_mr(cara, customer)
    with pytest.raises(InvalidInput) as caught:
        record_mrn(cara, mr, sent_on=dt.date(2026, 1, 30), mrn_seen_on=dt.date(2026, 1, 29))
    assert caught.value.errors == {
        "mrn_sent_on": "The MRN cannot be sent before the MR was lodged (2 February 2026)",
        "mrn_seen_on": "The date the MRN was seen must be on or after the date it was sent",
    }
    record_mrn(cara, mr)
    before = mr_state()
    with pytest.raises(HavenError, match="already been recorded"):
        record_mrn(cara, mr)
    assert mr_state() == before


def test_recording_the_appeal_closes_its_task_and_notes_when_it_was_late(cara, customer):
    mr = record_mrn(cara, record_mr(cara, customer))
    mr = services.appeal_lodged_record(
        actor=cara, mr=mr, appeal_lodged_on=TODAY, appeal_how="online", appeal_reference=" SC242/26/01234 "
    )
    assert (mr.state, mr.appeal_was_late, mr.appeal_reference) == (MRState.APPEAL_LODGED, False, "SC242/26/01234")
    task = Task.objects.get(pk=mr.appeal_task_id)
    assert (task.state, task.outcome) == (TaskState.DONE, "Appeal lodged on 2 March 2026")
    assert not task.reminders.filter(sent_at__isnull=True, cancelled_at__isnull=True).exists()
    assert AuditEvent.objects.filter(action="mr.appeal_lodged", target_id=str(mr.pk)).count() == 1


def test_a_late_appeal_within_13_months_is_recorded_as_late(cara, customer):
    mr = record_mr(cara, customer, lodged_on=dt.date(2025, 10, 1), decision_date=None)
    mr = record_mrn(cara, mr, sent_on=dt.date(2025, 11, 3))
    mr = services.appeal_lodged_record(actor=cara, mr=mr, appeal_lodged_on=TODAY, appeal_how="post")
    assert mr.appeal_was_late is True


def test_an_appeal_needs_the_mrn_first(cara, customer):
    mr = record_mr(cara, customer)
    before = mr_state()
    with pytest.raises(HavenError, match="Record the MRN first"):
        services.appeal_lodged_record(actor=cara, mr=mr, appeal_lodged_on=TODAY, appeal_how="online")
    assert mr_state() == before


def test_deciding_not_to_appeal_keeps_the_reason_and_closes_the_task(cara, customer):
    mr = record_mrn(cara, record_mr(cara, customer))
    with pytest.raises(InvalidInput) as caught:
        services.appeal_declined_record(actor=cara, mr=mr, reason=" ")
    assert caught.value.errors == {"declined_reason": "Enter why the customer decided not to appeal"}
    mr = services.appeal_declined_record(actor=cara, mr=mr, reason="The revised award is what they asked for")
    assert (mr.state, mr.declined_on) == (MRState.NOT_APPEALING, TODAY)
    assert Task.objects.get(pk=mr.appeal_task_id).state == TaskState.DONE
    assert AuditEvent.objects.filter(action="mr.appeal_declined", target_id=str(mr.pk)).count() == 1
    with pytest.raises(HavenError, match="already recorded as not being appealed"):
        services.appeal_lodged_record(actor=cara, mr=mr, appeal_lodged_on=TODAY, appeal_how="online")


def test_a_stale_version_is_refused(cara, customer):
    from core.errors import EditConflict

    mr = record_mr(cara, customer)
    with pytest.raises(EditConflict):
        record_mrn(cara, mr, version=mr.version + 1)
    assert MandatoryReconsideration.objects.get(pk=mr.pk).state == MRState.AWAITING_MRN


@pytest.mark.parametrize("persona", ["wren", "aled", "priya", "ada"])
def test_staff_who_may_not_change_the_customers_record_are_refused_and_nothing_changes(
    request, cara, customer, persona
):
    outsider = request.getfixturevalue(persona)
    mr = record_mrn(cara, record_mr(cara, customer))
    other = record_mr(cara, customer, lodged_on=dt.date(2026, 2, 9))
    before = mr_state()
    with pytest.raises(NotAllowed):
        record_mr(outsider, customer, lodged_on=dt.date(2026, 2, 16))
    with pytest.raises(NotAllowed):
        record_mrn(outsider, other)
    with pytest.raises(NotAllowed):
        services.appeal_lodged_record(actor=outsider, mr=mr, appeal_lodged_on=TODAY, appeal_how="online")
    with pytest.raises(NotAllowed):
        services.appeal_declined_record(actor=outsider, mr=mr, reason="No")
    assert mr_state() == before


def test_a_failure_while_recording_the_mrn_rolls_back_the_record_its_tasks_and_its_audit(cara, customer, monkeypatch):
    mr = record_mr(cara, customer)
    before = mr_state()

    def broken(**kwargs):
        raise RuntimeError("the audit store is down")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        record_mrn(cara, mr)
    assert mr_state() == before
