"""The working-day calendar: known UK cases by jurisdiction, then properties that hold for
any date, any count and any jurisdiction."""

import datetime as dt

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from work import calendar
from work.calendar import (
    GOVUK,
    HOLIDAYS_PACKAGE,
    Jurisdiction,
    add_calendar_months,
    add_working_days,
    bank_holidays,
    end_of_london_day_utc,
    holiday_source,
    is_working_day,
    jurisdiction_for_nation,
    london_date,
    next_working_day,
    previous_working_day,
    start_of_london_day_utc,
    working_day_on_or_after,
    working_days_between,
)

EW, SCOTLAND, NI = Jurisdiction.ENGLAND_AND_WALES, Jurisdiction.SCOTLAND, Jurisdiction.NORTHERN_IRELAND
D = dt.date


def last_govuk_year() -> int:
    return max(year for year in range(2000, 2100) if holiday_source(year, EW) == GOVUK)


# ---- nations ----------------------------------------------------------------------------


def test_each_nation_maps_to_its_jurisdiction_and_wales_shares_englands():
    assert jurisdiction_for_nation("england") is EW
    assert jurisdiction_for_nation("wales") is EW
    assert jurisdiction_for_nation("scotland") is SCOTLAND
    assert jurisdiction_for_nation("northern-ireland") is NI


def test_an_unknown_nation_is_refused():
    with pytest.raises(ValueError, match="Unknown nation"):
        jurisdiction_for_nation("isle-of-man")


def test_functions_accept_a_jurisdiction_as_its_plain_string_value():
    assert add_working_days(D(2026, 11, 27), 1, "scotland") == D(2026, 12, 1)
    assert add_working_days(D(2026, 11, 27), 1, "england-and-wales") == D(2026, 11, 30)


# ---- known cases ------------------------------------------------------------------------


def test_st_andrews_day_is_a_working_day_in_england_and_wales_but_not_in_scotland():
    st_andrews = D(2026, 11, 30)  # a Monday
    assert is_working_day(st_andrews, EW)
    assert is_working_day(st_andrews, NI)
    assert not is_working_day(st_andrews, SCOTLAND)


def test_five_working_days_after_friday_27_november_2026_depends_on_the_nation():
    assert add_working_days(D(2026, 11, 27), 5, EW) == D(2026, 12, 4)
    assert add_working_days(D(2026, 11, 27), 5, SCOTLAND) == D(2026, 12, 7)
    assert working_days_between(D(2026, 11, 27), D(2026, 12, 4), SCOTLAND) == 4


def test_st_patricks_day_and_the_twelfth_are_holidays_only_in_northern_ireland():
    st_patricks = D(2026, 3, 17)  # a Tuesday
    twelfth_substitute = D(2026, 7, 13)  # 12 July 2026 is a Sunday: Monday is the holiday
    for day in (st_patricks, twelfth_substitute):
        assert not is_working_day(day, NI)
        assert is_working_day(day, EW)
        assert is_working_day(day, SCOTLAND)
    assert not is_working_day(D(2027, 7, 12), NI)  # a Monday itself in 2027


def test_easter_monday_is_a_holiday_in_england_wales_and_northern_ireland_but_not_scotland():
    easter_monday = D(2026, 4, 6)
    assert not is_working_day(easter_monday, EW)
    assert not is_working_day(easter_monday, NI)
    assert is_working_day(easter_monday, SCOTLAND)
    assert not is_working_day(D(2026, 4, 3), SCOTLAND)  # Good Friday is a holiday everywhere


def test_the_second_of_january_is_a_holiday_only_in_scotland():
    assert not is_working_day(D(2026, 1, 2), SCOTLAND)
    assert is_working_day(D(2026, 1, 2), EW)
    assert is_working_day(D(2026, 1, 2), NI)


def test_christmas_and_boxing_day_at_a_weekend_move_to_the_following_weekdays():
    # 2026: Christmas is a Friday, Boxing Day a Saturday, so Monday 28th is the substitute.
    for jurisdiction in Jurisdiction:
        assert not is_working_day(D(2026, 12, 25), jurisdiction)
        assert not is_working_day(D(2026, 12, 28), jurisdiction)
        assert is_working_day(D(2026, 12, 29), jurisdiction)
    # 2027: both fall at the weekend, so Monday 27th and Tuesday 28th are the holidays.
    assert {D(2027, 12, 27), D(2027, 12, 28)} <= bank_holidays(2027, EW)
    assert next_working_day(D(2027, 12, 24), EW) == D(2027, 12, 29)


def test_weekends_are_never_working_days_and_are_not_listed_as_bank_holidays():
    assert not is_working_day(D(2026, 11, 28), EW)
    assert not is_working_day(D(2026, 11, 29), EW)
    assert all(day.weekday() < 5 for j in Jurisdiction for year in (2026, 2035) for day in bank_holidays(year, j))


def test_one_working_day_after_a_saturday_is_the_monday_and_zero_leaves_the_date_alone():
    saturday = D(2026, 11, 28)
    assert add_working_days(saturday, 1, EW) == D(2026, 11, 30)
    assert add_working_days(saturday, 1, SCOTLAND) == D(2026, 12, 1)
    assert add_working_days(saturday, 0, EW) == saturday
    assert add_working_days(saturday, -1, EW) == D(2026, 11, 27)


def test_next_previous_and_on_or_after_working_day():
    assert next_working_day(D(2026, 11, 27), SCOTLAND) == D(2026, 12, 1)
    assert previous_working_day(D(2026, 12, 1), SCOTLAND) == D(2026, 11, 27)
    assert working_day_on_or_after(D(2026, 11, 30), EW) == D(2026, 11, 30)
    assert working_day_on_or_after(D(2026, 11, 30), SCOTLAND) == D(2026, 12, 1)


def test_working_days_are_counted_across_a_new_year():
    # 2026-12-31 Thu; 2027: Fri 1 Jan holiday everywhere, Scotland also Mon 4 Jan (2 Jan is a Saturday).
    assert add_working_days(D(2026, 12, 31), 1, EW) == D(2027, 1, 4)
    assert add_working_days(D(2026, 12, 31), 1, SCOTLAND) == D(2027, 1, 5)
    assert working_days_between(D(2026, 12, 24), D(2027, 1, 5), SCOTLAND) == 4  # 29, 30, 31 Dec, 5 Jan
    assert add_working_days(D(2027, 1, 5), -4, SCOTLAND) == D(2026, 12, 24)


def test_working_days_between_a_date_and_itself_is_zero_and_reverses_with_a_minus_sign():
    assert working_days_between(D(2026, 11, 30), D(2026, 11, 30), EW) == 0
    assert working_days_between(D(2026, 12, 4), D(2026, 11, 27), EW) == -5
    # 2024: 262 weekdays less 8 bank holidays; 2025: 261 less 8; 1 January is a holiday in both.
    assert working_days_between(D(2024, 1, 1), D(2026, 1, 1), EW) == 254 + 253


# ---- the sources of bank holidays -------------------------------------------------------


def test_covered_years_come_from_govuk_and_later_years_from_the_holidays_package():
    last = last_govuk_year()
    assert last >= 2027
    assert holiday_source(2026, SCOTLAND) == GOVUK
    assert holiday_source(last + 1, SCOTLAND) == HOLIDAYS_PACKAGE
    assert holiday_source(2100, NI) == HOLIDAYS_PACKAGE


def test_a_year_beyond_the_govuk_list_falls_back_to_the_holidays_package_correctly():
    assert holiday_source(2032, EW) == HOLIDAYS_PACKAGE  # the pinned list ends in 2028
    # 2032: Christmas and Boxing Day at the weekend; substitutes on Monday 27 and Tuesday 28.
    assert bank_holidays(2032, EW) == {
        D(2032, 1, 1),
        D(2032, 3, 26),  # Good Friday
        D(2032, 3, 29),  # Easter Monday
        D(2032, 5, 3),
        D(2032, 5, 31),
        D(2032, 8, 30),
        D(2032, 12, 27),
        D(2032, 12, 28),
    }
    # 2030: St Andrew's Day is a Saturday, so Scotland's holiday is Monday 2 December.
    assert not is_working_day(D(2030, 12, 2), SCOTLAND)
    assert is_working_day(D(2030, 12, 2), EW)
    assert is_working_day(D(2030, 4, 22), SCOTLAND)  # Easter Monday
    assert not is_working_day(D(2030, 3, 18), NI)  # St Patrick's Day, a Sunday, moves to Monday
    assert add_working_days(D(2030, 11, 29), 1, SCOTLAND) == D(2030, 12, 3)


# The `holidays` package knows one Scottish holiday GOV.UK's shipped list does not: keep
# GOV.UK's (the official list; fewer holidays only make deadlines earlier).
KNOWN_DIFFERENCES = {(SCOTLAND, D(2026, 6, 15))}


@pytest.mark.parametrize("jurisdiction", list(Jurisdiction))
def test_both_sources_agree_on_every_year_govuk_lists_so_the_fallback_can_be_trusted(jurisdiction):
    for year in range(2018, last_govuk_year() + 1):
        fallback = {
            day
            for day in holidays.GB(subdiv=calendar._SUBDIVISION[jurisdiction], years=year)
            if day.weekday() < 5 and (jurisdiction, day) not in KNOWN_DIFFERENCES
        }
        assert holiday_source(year, jurisdiction) == GOVUK
        assert bank_holidays(year, jurisdiction) == fallback, (jurisdiction, year)


def test_the_holidays_are_read_without_touching_the_network(monkeypatch):
    import requests

    def refuse(*args, **kwargs):
        raise AssertionError("the calendar tried to reach the network")

    monkeypatch.setattr(requests, "get", refuse)
    monkeypatch.setattr(requests.Session, "request", refuse)
    calendar._govuk_holidays.cache_clear()
    calendar._bank_holidays.cache_clear()
    calendar._working_days.cache_clear()
    try:
        assert not is_working_day(D(2026, 11, 30), SCOTLAND)
        assert holiday_source(2026, SCOTLAND) == GOVUK
    finally:
        calendar._govuk_holidays.cache_clear()
        calendar._bank_holidays.cache_clear()
        calendar._working_days.cache_clear()


# ---- calendar months --------------------------------------------------------------------


def test_adding_months_clamps_to_the_end_of_a_shorter_month():
    assert add_calendar_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_calendar_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_calendar_months(D(2026, 3, 31), 1) == D(2026, 4, 30)
    assert add_calendar_months(D(2026, 12, 31), 2) == D(2027, 2, 28)
    assert add_calendar_months(D(2028, 2, 29), 12) == D(2029, 2, 28)
    assert add_calendar_months(D(2026, 1, 15), 0) == D(2026, 1, 15)
    assert add_calendar_months(D(2026, 3, 31), -1) == D(2026, 2, 28)
    assert add_calendar_months(D(2026, 1, 31), -13) == D(2024, 12, 31)


# ---- London dates and UTC instants ------------------------------------------------------


def test_london_date_follows_british_summer_time():
    assert london_date(dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)) == D(2026, 7, 1)
    assert london_date(dt.datetime(2026, 1, 15, 23, 30, tzinfo=dt.UTC)) == D(2026, 1, 15)


def test_london_date_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="aware"):
        london_date(dt.datetime(2026, 6, 30, 12, 0))


def test_a_london_day_ends_at_midnight_london_time_in_utc():
    assert end_of_london_day_utc(D(2026, 1, 15)) == dt.datetime(2026, 1, 15, 23, 59, 59, 999999, tzinfo=dt.UTC)
    assert end_of_london_day_utc(D(2026, 7, 1)) == dt.datetime(2026, 7, 1, 22, 59, 59, 999999, tzinfo=dt.UTC)
    # The clocks go forward on 29 March 2026: that day starts in GMT and ends in BST.
    assert start_of_london_day_utc(D(2026, 3, 29)) == dt.datetime(2026, 3, 29, 0, 0, tzinfo=dt.UTC)
    assert end_of_london_day_utc(D(2026, 3, 29)) == dt.datetime(2026, 3, 29, 22, 59, 59, 999999, tzinfo=dt.UTC)
    # ...and back on 25 October 2026: a 25-hour day.
    assert start_of_london_day_utc(D(2026, 10, 25)) == dt.datetime(2026, 10, 24, 23, 0, tzinfo=dt.UTC)
    assert end_of_london_day_utc(D(2026, 10, 25)) == dt.datetime(2026, 10, 25, 23, 59, 59, 999999, tzinfo=dt.UTC)


# ---- properties -------------------------------------------------------------------------

# Years either side of the end of GOV.UK's list, so both sources are exercised.
dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2036, 12, 31))
jurisdictions = st.sampled_from(list(Jurisdiction))
counts = st.integers(min_value=-300, max_value=300)
instants = st.datetimes(
    min_value=dt.datetime(2015, 1, 1), max_value=dt.datetime(2036, 12, 31), timezones=st.just(dt.UTC)
)


def step_by_step(start: dt.date, n: int, jurisdiction: Jurisdiction) -> dt.date:
    """The obvious, slow way: walk one day at a time."""
    day, remaining, step = start, abs(n), dt.timedelta(days=1 if n > 0 else -1)
    while remaining:
        day += step
        remaining -= is_working_day(day, jurisdiction)
    return day


@given(dates, counts, jurisdictions)
def test_adding_working_days_agrees_with_walking_one_day_at_a_time(start, n, jurisdiction):
    assert add_working_days(start, n, jurisdiction) == step_by_step(start, n, jurisdiction)


@given(dates, counts.filter(lambda n: n != 0), jurisdictions)
def test_adding_a_nonzero_number_of_working_days_lands_on_a_working_day_on_the_right_side(start, n, jurisdiction):
    result = add_working_days(start, n, jurisdiction)
    assert is_working_day(result, jurisdiction)
    assert (result > start) if n > 0 else (result < start)


@given(dates, counts, counts, jurisdictions)
def test_adding_working_days_is_strictly_increasing_in_the_count(start, m, n, jurisdiction):
    if m < n:
        assert add_working_days(start, m, jurisdiction) < add_working_days(start, n, jurisdiction)


@given(dates, dates, counts, jurisdictions)
def test_adding_working_days_never_moves_a_later_start_earlier(a, b, n, jurisdiction):
    early, late = sorted((a, b))
    assert add_working_days(early, n, jurisdiction) <= add_working_days(late, n, jurisdiction)


@given(dates, counts, jurisdictions)
def test_working_days_between_a_date_and_n_working_days_on_is_n(start, n, jurisdiction):
    assert working_days_between(start, add_working_days(start, n, jurisdiction), jurisdiction) == n


@given(dates, counts, jurisdictions)
def test_going_forward_then_back_returns_to_a_working_day(start, n, jurisdiction):
    day = working_day_on_or_after(start, jurisdiction)
    assert add_working_days(add_working_days(day, n, jurisdiction), -n, jurisdiction) == day


@given(dates, dates, dates, jurisdictions)
def test_working_days_between_adds_up_over_consecutive_spans(a, b, c, jurisdiction):
    a, b, c = sorted((a, b, c))
    assert working_days_between(a, b, jurisdiction) + working_days_between(b, c, jurisdiction) == (
        working_days_between(a, c, jurisdiction)
    )
    assert 0 <= working_days_between(a, c, jurisdiction) <= (c - a).days


@given(dates, jurisdictions)
def test_next_working_day_skips_only_non_working_days(day, jurisdiction):
    following = next_working_day(day, jurisdiction)
    assert following > day
    assert is_working_day(following, jurisdiction)
    skipped = [day + dt.timedelta(days=i) for i in range(1, (following - day).days)]
    assert not any(is_working_day(d, jurisdiction) for d in skipped)


@given(dates, jurisdictions)
def test_only_monday_to_friday_can_be_working_days_in_any_week(day, jurisdiction):
    monday = day - dt.timedelta(days=day.weekday())
    week = [monday + dt.timedelta(days=i) for i in range(7)]
    assert not is_working_day(week[5], jurisdiction)
    assert not is_working_day(week[6], jurisdiction)
    assert working_days_between(monday - dt.timedelta(days=1), week[6], jurisdiction) == sum(
        is_working_day(d, jurisdiction) for d in week
    )


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)), st.integers(min_value=-1200, max_value=1200))
def test_adding_months_never_overflows_a_month_and_never_passes_the_day_of_the_month(day, months):
    result = add_calendar_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day
    if result.day < day.day:  # clamped: it must be the month's last day
        assert (result + dt.timedelta(days=1)).day == 1
    if day.day <= 28:
        assert result.day == day.day


@given(instants)
def test_every_instant_falls_inside_its_own_london_day(instant):
    day = london_date(instant)
    assert start_of_london_day_utc(day) <= instant <= end_of_london_day_utc(day)
    assert london_date(end_of_london_day_utc(day)) == day
    assert london_date(end_of_london_day_utc(day) + dt.timedelta(microseconds=1)) == day + dt.timedelta(days=1)
