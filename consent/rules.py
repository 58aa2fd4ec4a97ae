"""When an authority lets an adviser act: pure rules, no Django (style.md), so that
property-based tests can hold them to account.

An authority is active from the day consent was given, within its duration, until the
client revokes it; a single-use authority ends with its first use. An access outside an
active authority's scope or period is refused with a message saying why (issue 7).
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

SINGLE = "single"
UNTIL = "until"
ONGOING = "ongoing"
ENTRIES = "entries"

ACTIVE = "active"
REVOKED = "revoked"
EXPIRED = "expired"
USED = "used"
NOT_STARTED = "not-started"

# Authorities start and end on UK calendar days: just after midnight in a British summer
# is still the day before in UTC.
LONDON = ZoneInfo("Europe/London")

STATUS_LABELS = {
    ACTIVE: "Active",
    REVOKED: "Revoked",
    EXPIRED: "Expired",
    USED: "Used (single use)",
    NOT_STARTED: "Not yet started",
}


@dataclass(frozen=True)
class Terms:
    """What the client authorised, and what has happened to it since."""

    scope: frozenset[str]
    entries: frozenset[str]
    duration: str
    starts_on: date
    ends_on: date | None
    used_at: datetime | None
    revoked_at: datetime | None


def status(terms: Terms, *, at: datetime) -> str:
    """The authority's state at a moment. Revocation wins over everything else: it is
    effective at once (issue 7)."""
    if terms.revoked_at is not None and terms.revoked_at <= at:
        return REVOKED
    day = at.astimezone(LONDON).date()
    if day < terms.starts_on:
        return NOT_STARTED
    if terms.duration == UNTIL and terms.ends_on is not None and day > terms.ends_on:
        return EXPIRED
    if terms.duration == SINGLE and terms.used_at is not None:
        return USED
    return ACTIVE


def _period_refusal(terms: Terms, state: str) -> str:
    if state == REVOKED:
        return (
            f"The client revoked this authority on {terms.revoked_at:%-d %B %Y at %H:%M}. "
            "Nothing can be done under it now; ask the client for a new authority."
        )
    if state == EXPIRED:
        return f"This authority expired at the end of {terms.ends_on:%-d %B %Y}. Ask the client for a new authority."
    if state == USED:
        return (
            f"This was a single-use authority and it was used on {terms.used_at:%-d %B %Y at %H:%M}. "
            "Ask the client for a new authority."
        )
    return f"This authority starts on {terms.starts_on:%-d %B %Y}. It does not cover anything before then."


def refusal(
    terms: Terms, *, action: str, entry: str, at: datetime, scope_labels: dict[str, str], entry_labels: dict[str, str]
) -> str | None:
    """Why this access is not allowed, in words for the adviser, or None when it is."""
    state = status(terms, at=at)
    if state != ACTIVE:
        return _period_refusal(terms, state)
    if action not in terms.scope:
        allowed = ", ".join(scope_labels.get(code, code).lower() for code in sorted(terms.scope)) or "nothing"
        return f"This authority does not allow you to {scope_labels.get(action, action).lower()}. It allows: {allowed}."
    if action == ENTRIES:
        if not entry:
            return "Choose which entry you made"
        if entry not in terms.entries:
            allowed = ", ".join(entry_labels.get(code, code).lower() for code in sorted(terms.entries)) or "none"
            return (
                f"This authority does not allow you to {entry_labels.get(entry, entry).lower()}. "
                f"The entries it allows are: {allowed}."
            )
    return None
