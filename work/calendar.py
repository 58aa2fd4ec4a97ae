"""The UK working-day calendar: pure Python, no Django, no network.

Three jurisdictions keep different bank holidays (England and Wales share one list).
The person's or the office's nation picks the jurisdiction: `jurisdiction_for_nation`
maps `core.nations.Nation` values without importing Django.

Bank holidays come from GOV.UK's list as shipped inside `govuk-bank-holidays` (read from
its cached copy, never downloaded), and from the `holidays` package for years that list
does not cover. Where both have a year, GOV.UK wins: it is the official list, and a
source that knows fewer holidays only ever makes a deadline earlier, never later.

Working day: Monday to Friday and not a bank holiday of the jurisdiction.

Dates are London dates (`Europe/London`); instants are stored in UTC. `london_date`
and the `*_of_london_day_utc` helpers convert between the two.

Counting convention, shared by `add_working_days` and `working_days_between`: moving
from a date to another, count the working days you land on, excluding the date you
start from and including the one you stop at. So `working_days_between(a,
add_working_days(a, n)) == n` for every `a` and `n`.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from enum import StrEnum
from functools import cache
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
GOVUK = "govuk-bank-holidays"
HOLIDAYS_PACKAGE = "holidays"


class Jurisdiction(StrEnum):
    """The values are GOV.UK's division names, so they index its list directly."""

    ENGLAND_AND_WALES = "england-and-wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"


# core.nations.Nation values; kept as strings so this module stays free of Django.
NATION_JURISDICTION: dict[str, Jurisdiction] = {
    "england": Jurisdiction.ENGLAND_AND_WALES,
    "wales": Jurisdiction.ENGLAND_AND_WALES,
    "scotland": Jurisdiction.SCOTLAND,
    "northern-ireland": Jurisdiction.NORTHERN_IRELAND,
}

# The `holidays` package's subdivision codes. Wales keeps England's bank holidays.
_SUBDIVISION = {
    Jurisdiction.ENGLAND_AND_WALES: "ENG",
    Jurisdiction.SCOTLAND: "SCT",
    Jurisdiction.NORTHERN_IRELAND: "NIR",
}


def jurisdiction_for_nation(nation: str) -> Jurisdiction:
    """The jurisdiction whose bank holidays apply to a nation ('england', 'wales', ...)."""
    try:
        return NATION_JURISDICTION[str(nation)]
    except KeyError:
        raise ValueError(f"Unknown nation: {nation!r}") from None


def _as_jurisdiction(jurisdiction: Jurisdiction | str) -> Jurisdiction:
    return jurisdiction if isinstance(jurisdiction, Jurisdiction) else Jurisdiction(jurisdiction)


# ---- bank holidays ---------------------------------------------------------------------


@cache
def _govuk_holidays() -> dict[Jurisdiction, dict[int, frozenset[dt.date]]]:
    """GOV.UK's list, by jurisdiction and year, for the years it covers in full."""
    from govuk_bank_holidays.bank_holidays import BankHolidays

    # use_cached_holidays: read the copy shipped in the package; never go to the network.
    data = BankHolidays(use_cached_holidays=True).data
    found: dict[Jurisdiction, dict[int, frozenset[dt.date]]] = {}
    for jurisdiction in Jurisdiction:
        dates = sorted(event["date"] for event in data.get(jurisdiction.value, []))
        if not dates:
            found[jurisdiction] = {}
            continue
        # Every year has a bank holiday in January (New Year) and in December (Christmas),
        # so a first or last year without one is only partly listed: leave it to `holidays`.
        first = dates[0].year if dates[0].month == 1 else dates[0].year + 1
        last = dates[-1].year if dates[-1].month == 12 else dates[-1].year - 1
        found[jurisdiction] = {
            year: frozenset(d for d in dates if d.year == year and d.weekday() < 5) for year in range(first, last + 1)
        }
    return found


def holiday_source(year: int, jurisdiction: Jurisdiction | str) -> str:
    """Which package supplies the bank holidays of that year: GOVUK or HOLIDAYS_PACKAGE."""
    return GOVUK if year in _govuk_holidays()[_as_jurisdiction(jurisdiction)] else HOLIDAYS_PACKAGE


@cache
def _bank_holidays(year: int, jurisdiction: Jurisdiction) -> frozenset[dt.date]:
    listed = _govuk_holidays()[jurisdiction].get(year)
    if listed is not None:
        return listed
    import holidays

    computed = holidays.GB(subdiv=_SUBDIVISION[jurisdiction], years=year)
    # `holidays` also lists a holiday that falls at a weekend beside its substitute day;
    # keep weekdays only, the form GOV.UK uses.
    return frozenset(d for d in computed if d.year == year and d.weekday() < 5)


def bank_holidays(year: int, jurisdiction: Jurisdiction | str) -> frozenset[dt.date]:
    """The weekday bank holidays (substitute days included) of a year in a jurisdiction."""
    return _bank_holidays(year, _as_jurisdiction(jurisdiction))


@cache
def _working_days(year: int, jurisdiction: Jurisdiction) -> tuple[int, ...]:
    """The year's working days as sorted ordinals, so counting and stepping are bisects."""
    holidays = _bank_holidays(year, jurisdiction)
    first, last = dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
    # Ordinal 1 (1 January of year 1) was a Monday, so (n - 1) % 7 is the weekday.
    return tuple(n for n in range(first, last + 1) if (n - 1) % 7 < 5 and dt.date.fromordinal(n) not in holidays)


# ---- working-day arithmetic ------------------------------------------------------------


def is_working_day(day: dt.date, jurisdiction: Jurisdiction | str) -> bool:
    """Monday to Friday and not a bank holiday in the jurisdiction."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year, _as_jurisdiction(jurisdiction))


def add_working_days(start: dt.date, n: int, jurisdiction: Jurisdiction | str) -> dt.date:
    """The n-th working day after `start` (n > 0) or before it (n < 0).

    `start` itself is never counted and need not be a working day: 1 working day after a
    Saturday is the Monday (if that is not a bank holiday). n == 0 returns `start`
    unchanged, even on a non-working day; use `working_day_on_or_after` to roll forward.
    """
    if n == 0:
        return start
    jurisdiction = _as_jurisdiction(jurisdiction)
    year, ordinal = start.year, start.toordinal()
    days = _working_days(year, jurisdiction)
    if n > 0:
        index, remaining = bisect_right(days, ordinal), n  # index: first working day after start
        while index + remaining > len(days):
            remaining -= len(days) - index
            year += 1
            days, index = _working_days(year, jurisdiction), 0
        return dt.date.fromordinal(days[index + remaining - 1])
    index, remaining = bisect_left(days, ordinal), -n  # index: working days before start this year
    while remaining > index:
        remaining -= index
        year -= 1
        days = _working_days(year, jurisdiction)
        index = len(days)
    return dt.date.fromordinal(days[index - remaining])


def next_working_day(day: dt.date, jurisdiction: Jurisdiction | str) -> dt.date:
    """The first working day strictly after `day`."""
    return add_working_days(day, 1, jurisdiction)


def previous_working_day(day: dt.date, jurisdiction: Jurisdiction | str) -> dt.date:
    """The last working day strictly before `day`."""
    return add_working_days(day, -1, jurisdiction)


def working_day_on_or_after(day: dt.date, jurisdiction: Jurisdiction | str) -> dt.date:
    """`day` if it is a working day, otherwise the next one."""
    return day if is_working_day(day, jurisdiction) else next_working_day(day, jurisdiction)


def _working_days_from_to(first: dt.date, stop: dt.date, jurisdiction: Jurisdiction) -> int:
    """Working days d with first <= d < stop (first <= stop)."""
    first_days, stop_days = _working_days(first.year, jurisdiction), _working_days(stop.year, jurisdiction)
    if first.year == stop.year:
        return bisect_left(stop_days, stop.toordinal()) - bisect_left(first_days, first.toordinal())
    between = sum(len(_working_days(year, jurisdiction)) for year in range(first.year + 1, stop.year))
    return (
        len(first_days)
        - bisect_left(first_days, first.toordinal())
        + between
        + bisect_left(stop_days, stop.toordinal())
    )


def working_days_between(a: dt.date, b: dt.date, jurisdiction: Jurisdiction | str) -> int:
    """Working days from `a` to `b`: those after `a` up to and including `b`.

    Negative when `b` is before `a` (then those from `b` up to but not including `a`), so
    that `working_days_between(a, add_working_days(a, n)) == n`. Zero when a == b.
    """
    jurisdiction = _as_jurisdiction(jurisdiction)
    one_day = dt.timedelta(days=1)
    if b >= a:
        return _working_days_from_to(a + one_day, b + one_day, jurisdiction)
    return -_working_days_from_to(b, a, jurisdiction)


# ---- calendar months -------------------------------------------------------------------


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def add_calendar_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later (or earlier), clamped to the month's end.

    31 January + 1 month = 28 February (29 in a leap year); 29 February + 12 months = 28
    February. Months may be negative.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, _days_in_month(year, month)))


# ---- time zones ------------------------------------------------------------------------


def london_date(instant: dt.datetime) -> dt.date:
    """The date in London at an aware instant (stored in UTC)."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("london_date needs an aware datetime; Haven stores UTC")
    return instant.astimezone(LONDON).date()


def start_of_london_day_utc(day: dt.date) -> dt.datetime:
    """Midnight at the start of a London date, as a UTC instant."""
    # Clocks change at 01:00 UTC, so London midnight always exists and is never ambiguous.
    return dt.datetime.combine(day, dt.time.min, tzinfo=LONDON).astimezone(dt.UTC)


def end_of_london_day_utc(day: dt.date) -> dt.datetime:
    """The last microsecond of a London date, as a UTC instant: a due date's "due by".

    Something due on `day` is overdue at any instant later than this one; for an
    exclusive bound use `start_of_london_day_utc(day + 1 day)`.
    """
    return start_of_london_day_utc(day + dt.timedelta(days=1)) - dt.timedelta(microseconds=1)
