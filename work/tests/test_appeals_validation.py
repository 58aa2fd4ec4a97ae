"""Property tests for the MR tracker's input rules (work/validation_appeals.py): pure,
no database. An unsaved MR carries the dates the rules read."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from work import deadlines
from work.models_appeals import MandatoryReconsideration
from work.validation_appeals import appeal_errors, mrn_errors

days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))


@given(lodged=days, sent=days, seen=days, today=days)
def test_an_mrn_is_accepted_exactly_when_lodged_sent_seen_and_today_are_in_order(lodged, sent, seen, today):
    errors = mrn_errors(sent, seen, "not-changed", mr=MandatoryReconsideration(lodged_on=lodged), today=today)
    assert (errors == {}) == (lodged <= sent <= seen <= today)


@given(sent=days, lodged=days, today=days)
def test_an_appeal_is_accepted_exactly_between_the_mrn_and_13_months_after_it(sent, lodged, today):
    mr = MandatoryReconsideration(
        mrn_sent_on=sent,
        appeal_due_on=deadlines.appeal_due(sent),
        late_appeal_limit_on=deadlines.latest_late_appeal(sent),
    )
    errors = appeal_errors(lodged, "online", mr=mr, today=today)
    assert (errors == {}) == (sent <= lodged <= today and lodged <= deadlines.latest_late_appeal(sent))
    assert mr.late_appeal_limit_on <= deadlines.add_calendar_months(sent, 13)


@given(sent=days)
def test_every_appeal_deadline_falls_after_the_mrn_and_before_the_late_limit(sent):
    due, limit = deadlines.appeal_due(sent), deadlines.latest_late_appeal(sent)
    assert sent < due < limit
    assert 28 <= (due - sent).days <= 31
