"""The pure rules of when an authority lets an adviser act: properties over every
combination of terms, moments and attempts."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from consent import rules

SCOPES = ["view", "entries", "speak", "copies"]
ENTRIES = ["lodge-mr", "check-mr", "report-change"]
START = date(2026, 1, 5)


@st.composite
def terms(draw):
    duration = draw(st.sampled_from([rules.SINGLE, rules.UNTIL, rules.ONGOING]))
    ends_on = START + timedelta(days=draw(st.integers(0, 400))) if duration == rules.UNTIL else None
    moment = st.datetimes(min_value=datetime(2025, 6, 1), max_value=datetime(2028, 1, 1), timezones=st.just(UTC))
    return rules.Terms(
        scope=frozenset(draw(st.sets(st.sampled_from(SCOPES), min_size=1))),
        entries=frozenset(draw(st.sets(st.sampled_from(ENTRIES)))),
        duration=duration,
        starts_on=START,
        ends_on=ends_on,
        used_at=draw(st.none() | moment) if duration == rules.SINGLE else None,
        revoked_at=draw(st.none() | moment),
    )


MOMENTS = st.datetimes(min_value=datetime(2025, 6, 1), max_value=datetime(2028, 1, 1), timezones=st.just(UTC))


def _refusal(t, action, entry, at):
    return rules.refusal(t, action=action, entry=entry, at=at, scope_labels={}, entry_labels={})


@given(t=terms(), action=st.sampled_from(SCOPES), entry=st.sampled_from(ENTRIES), at=MOMENTS)
def test_an_access_is_allowed_exactly_when_the_authority_is_active_and_covers_it(t, action, entry, at):
    covered = action in t.scope and (action != "entries" or entry in t.entries)
    allowed = _refusal(t, action, entry, at) is None
    assert allowed == (rules.status(t, at=at) == rules.ACTIVE and covered)


@given(t=terms(), action=st.sampled_from(SCOPES), entry=st.sampled_from(ENTRIES), at=MOMENTS)
def test_nothing_is_ever_allowed_after_revocation(t, action, entry, at):
    if t.revoked_at is not None and at >= t.revoked_at:
        assert "revoked" in _refusal(t, action, entry, at)


@given(t=terms(), action=st.sampled_from(SCOPES), entry=st.sampled_from(ENTRIES), days=st.integers(1, 1000))
def test_nothing_is_allowed_after_an_authority_until_a_date_ends(t, action, entry, days):
    if t.duration == rules.UNTIL:
        after = datetime.combine(t.ends_on + timedelta(days=days), datetime.min.time(), tzinfo=UTC)
        assert _refusal(t, action, entry, after) is not None


@given(t=terms(), action=st.sampled_from(SCOPES), entry=st.sampled_from(ENTRIES), at=MOMENTS)
def test_every_refusal_says_why_in_a_sentence(t, action, entry, at):
    why = _refusal(t, action, entry, at)
    if why is not None:
        assert why[0].isupper()
        assert len(why) > 20


@given(t=terms(), at=MOMENTS)
def test_an_authority_counts_uk_calendar_days(t, at):
    """The day an authority starts or ends on is the client's day in the UK, not UTC's."""
    uk_day = at.astimezone(ZoneInfo("Europe/London")).date()
    state = rules.status(t, at=at)
    assert (state == rules.NOT_STARTED) == (uk_day < t.starts_on and state != rules.REVOKED)
    if t.duration == rules.UNTIL and state not in (rules.REVOKED, rules.NOT_STARTED):
        assert (state == rules.EXPIRED) == (uk_day > t.ends_on)


def test_an_authority_ending_today_has_ended_just_after_midnight_in_a_british_summer():
    t = rules.Terms(
        scope=frozenset({"view"}),
        entries=frozenset(),
        duration=rules.UNTIL,
        starts_on=START,
        ends_on=date(2026, 7, 8),
        used_at=None,
        revoked_at=None,
    )
    assert rules.status(t, at=datetime(2026, 7, 8, 22, 59, tzinfo=UTC)) == rules.ACTIVE  # 23:59 BST on the 8th
    assert rules.status(t, at=datetime(2026, 7, 8, 23, 1, tzinfo=UTC)) == rules.EXPIRED  # 00:01 BST on the 9th


def test_each_state_has_a_label():
    assert set(rules.STATUS_LABELS) == {rules.ACTIVE, rules.REVOKED, rules.EXPIRED, rules.USED, rules.NOT_STARTED}
