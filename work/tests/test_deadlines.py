"""Haven's deadline rules: each rule on known dates (month ends, bank holidays that differ
by nation), then the properties reminders and appeal limits must keep."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from work.calendar import Jurisdiction, add_calendar_months, add_working_days, is_working_day
from work.deadlines import (
    DEFAULT_CHASE_MRN_AFTER_DAYS,
    appeal_due,
    chase_mrn_on,
    core_visit_follow_up_due,
    ineffective_visit_contact_due,
    latest_late_appeal,
    reminder_dates,
    retain_until,
    review_due,
)

EW, SCOTLAND, NI = Jurisdiction.ENGLAND_AND_WALES, Jurisdiction.SCOTLAND, Jurisdiction.NORTHERN_IRELAND
D = dt.date


# ---- reviews and Core Visits ------------------------------------------------------------


def test_a_review_is_due_two_working_days_after_the_incident():
    assert review_due(D(2026, 11, 25), EW) == D(2026, 11, 27)  # Wednesday to Friday
    assert review_due(D(2026, 11, 27), EW) == D(2026, 12, 1)  # Friday to Tuesday
    assert review_due(D(2026, 11, 27), SCOTLAND) == D(2026, 12, 2)  # St Andrew's Day in between


def test_a_review_after_christmas_eve_skips_christmas_and_the_boxing_day_substitute():
    assert review_due(D(2026, 12, 24), EW) == D(2026, 12, 30)


def test_a_core_visit_follow_up_is_due_ten_working_days_after_referral():
    # Referred Monday 30 March 2026: Good Friday (3 April) is a holiday everywhere, Easter
    # Monday (6 April) everywhere but Scotland.
    assert core_visit_follow_up_due(D(2026, 3, 30), EW) == D(2026, 4, 15)
    assert core_visit_follow_up_due(D(2026, 3, 30), NI) == D(2026, 4, 15)
    assert core_visit_follow_up_due(D(2026, 3, 30), SCOTLAND) == D(2026, 4, 14)
    assert core_visit_follow_up_due(D(2026, 6, 1), EW) == D(2026, 6, 15)  # no holidays: two weeks


def test_after_an_ineffective_visit_contact_is_due_within_five_working_days():
    # Visit Thursday 9 July 2026; in Northern Ireland Monday 13 July is the Twelfth's substitute.
    assert ineffective_visit_contact_due(D(2026, 7, 9), EW) == D(2026, 7, 16)
    assert ineffective_visit_contact_due(D(2026, 7, 9), NI) == D(2026, 7, 17)


# ---- retention --------------------------------------------------------------------------


def test_records_are_kept_six_calendar_years_after_closure():
    assert retain_until(D(2026, 3, 15)) == D(2032, 3, 15)
    assert retain_until(D(2026, 12, 31)) == D(2032, 12, 31)


def test_a_record_closed_on_29_february_is_kept_until_28_february():
    assert retain_until(D(2024, 2, 29)) == D(2030, 2, 28)
    assert retain_until(D(2028, 2, 29)) == D(2034, 2, 28)


# ---- appeals ----------------------------------------------------------------------------


def test_an_appeal_is_due_one_calendar_month_after_the_mrn_was_sent():
    assert appeal_due(D(2026, 3, 10)) == D(2026, 4, 10)
    assert appeal_due(D(2026, 12, 31)) == D(2027, 1, 31)
    assert appeal_due(D(2026, 3, 31)) == D(2026, 4, 30)


def test_an_mrn_sent_on_31_january_gives_an_appeal_by_28_february_or_29_in_a_leap_year():
    assert appeal_due(D(2026, 1, 31)) == D(2026, 2, 28)
    assert appeal_due(D(2027, 1, 31)) == D(2027, 2, 28)
    assert appeal_due(D(2028, 1, 31)) == D(2028, 2, 29)
    assert appeal_due(D(2028, 1, 29)) == D(2028, 2, 29)


def test_the_appeal_deadline_is_not_moved_off_a_weekend():
    assert appeal_due(D(2026, 1, 28)) == D(2026, 2, 28)  # a Saturday, kept as the target


def test_a_late_appeal_is_never_possible_more_than_thirteen_months_after_the_mrn():
    assert latest_late_appeal(D(2026, 3, 10)) == D(2027, 4, 10)
    assert latest_late_appeal(D(2026, 1, 31)) == D(2027, 2, 28)
    assert latest_late_appeal(D(2026, 5, 31)) == D(2027, 6, 30)
    assert latest_late_appeal(D(2027, 12, 31)) == D(2029, 1, 31)


def test_a_late_appeal_limit_counts_twelve_months_from_a_deadline_clamped_at_february():
    # MRN 31 January 2027: due 28 February 2027; twelve months on is 28 February 2028,
    # a day before "13 months after the MRN" would reach in the leap year.
    assert latest_late_appeal(D(2027, 1, 31)) == D(2028, 2, 28)
    assert add_calendar_months(D(2027, 1, 31), 13) == D(2028, 2, 29)


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)))
def test_the_late_appeal_limit_is_after_the_deadline_and_never_beyond_thirteen_months(mrn_sent_on):
    due, latest = appeal_due(mrn_sent_on), latest_late_appeal(mrn_sent_on)
    thirteen_months = add_calendar_months(mrn_sent_on, 13)
    assert mrn_sent_on < due < latest <= thirteen_months
    assert (thirteen_months - latest).days <= 1
    assert 28 <= (due - mrn_sent_on).days <= 31


# ---- chasing an MRN ---------------------------------------------------------------------


def test_a_missing_mrn_is_chased_a_set_number_of_calendar_days_after_the_mr_was_lodged():
    assert DEFAULT_CHASE_MRN_AFTER_DAYS == 28
    assert chase_mrn_on(D(2026, 3, 2)) == D(2026, 3, 30)
    assert chase_mrn_on(D(2026, 3, 2), after_days=14) == D(2026, 3, 16)
    assert chase_mrn_on(D(2026, 12, 20), after_days=14) == D(2027, 1, 3)  # calendar days: a Sunday


def test_chasing_an_mrn_needs_at_least_one_day():
    with pytest.raises(ValueError, match="at least 1"):
        chase_mrn_on(D(2026, 3, 2), after_days=0)


# ---- reminders --------------------------------------------------------------------------


def test_reminders_fall_10_5_and_2_working_days_before_the_deadline_by_default():
    due = D(2026, 12, 4)
    early = D(2026, 11, 1)
    assert reminder_dates(due, EW, today=early) == [D(2026, 11, 20), D(2026, 11, 27), D(2026, 12, 2)]
    # St Andrew's Day (Monday 30 November) is not a working day in Scotland.
    assert reminder_dates(due, SCOTLAND, today=early) == [D(2026, 11, 19), D(2026, 11, 26), D(2026, 12, 2)]


def test_reminder_offsets_can_be_configured():
    assert reminder_dates(D(2026, 12, 4), EW, today=D(2026, 11, 1), offsets=[1, 3]) == [
        D(2026, 12, 1),
        D(2026, 12, 3),
    ]


def test_reminders_already_in_the_past_collapse_into_one_today():
    due, today = D(2026, 12, 4), D(2026, 11, 30)
    assert reminder_dates(due, EW, today=today) == [today, D(2026, 12, 2)]
    assert reminder_dates(due, EW, today=D(2026, 12, 3)) == [D(2026, 12, 3)]


def test_on_the_deadline_day_one_reminder_goes_and_after_it_none():
    due = D(2026, 12, 4)
    assert reminder_dates(due, EW, today=due) == [due]
    assert reminder_dates(due, EW, today=D(2026, 12, 5)) == []


def test_reminders_for_an_mrn_on_31_january_come_before_a_saturday_deadline():
    due = appeal_due(D(2026, 1, 31))  # Saturday 28 February 2026
    assert reminder_dates(due, EW, today=D(2026, 2, 1)) == [D(2026, 2, 16), D(2026, 2, 23), D(2026, 2, 26)]


@pytest.mark.parametrize("offsets", [[0], [5, -1]])
def test_reminder_offsets_must_be_at_least_one_working_day(offsets):
    with pytest.raises(ValueError, match="at least 1"):
        reminder_dates(D(2026, 12, 4), EW, today=D(2026, 11, 1), offsets=offsets)


dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2036, 12, 31))
offset_lists = st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=6)


@given(dates, st.sampled_from(list(Jurisdiction)), st.integers(min_value=-60, max_value=60), offset_lists)
def test_reminders_are_ordered_never_in_the_past_and_never_after_the_deadline(due, jurisdiction, lead, offsets):
    today = due - dt.timedelta(days=lead)
    reminders = reminder_dates(due, jurisdiction, today=today, offsets=offsets)
    if today > due:
        assert reminders == []
        return
    assert reminders == sorted(set(reminders))
    assert 1 <= len(reminders) <= len(set(offsets))
    for reminder in reminders:
        assert today <= reminder <= due
        assert reminder < due or reminder == today  # the deadline day itself only as a late catch-up
    expected = {add_working_days(due, -offset, jurisdiction) for offset in offsets}
    assert {r for r in reminders if r != today} == {r for r in expected if r > today}


@given(dates, st.sampled_from(list(Jurisdiction)), offset_lists)
def test_reminders_set_well_ahead_land_on_working_days_at_exactly_their_offsets(due, jurisdiction, offsets):
    today = due - dt.timedelta(days=120)
    reminders = reminder_dates(due, jurisdiction, today=today, offsets=offsets)
    assert reminders == sorted(add_working_days(due, -offset, jurisdiction) for offset in set(offsets))
    assert all(is_working_day(reminder, jurisdiction) for reminder in reminders)
