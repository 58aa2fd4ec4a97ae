"""Reading the audit trail. Only auditors and data protection officers may, and every
search they make is itself recorded (`audit.searched`, with its filters)."""

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from audit.models import AuditEvent
from audit.permissions import AUDIT_READERS
from audit.services import audit_record_now
from core.errors import NotAllowed

PAGE_SIZE = 50
LONDON = ZoneInfo("Europe/London")
# What a results page shows. The old and new values and the request's details stay
# unread: they are personal data, and the search page does not need them.
LISTED_FIELDS = ("seq", "occurred_at", "actor_label", "action", "target_type", "target_id", "person_ref", "summary")


@dataclass(frozen=True)
class AuditFilters:
    person_ref: str = ""
    target_type: str = ""  # app_label.model_name, e.g. "accounts.user"
    target_id: str = ""
    actor: str = ""  # a username
    action: str = ""  # a code from audit/codes.py
    date_from: date | None = None  # Europe/London days, inclusive
    date_to: date | None = None

    def as_changes(self) -> dict:
        """The filters that were set, as JSON-native values for the audit event."""
        return {name: str(value) for name, value in asdict(self).items() if value not in ("", None)}


def audit_events_search(*, user, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """The events matching `filters`, newest first. Auditors and data protection officers
    only: anyone else gets NotAllowed. Does not record the search: callers that show
    the results use `audit_events_search_page`, which does."""
    if not AUDIT_READERS.allows(user):
        raise NotAllowed("Only auditors and data protection officers can search the audit trail.")
    events = AuditEvent.objects.only(*LISTED_FIELDS)
    if filters.person_ref:
        events = events.filter(person_ref=filters.person_ref)
    if filters.target_type:
        events = events.filter(target_type=filters.target_type)
    if filters.target_id:
        events = events.filter(target_id=filters.target_id)
    if filters.actor:
        # By who the actor is now, through the indexed actor column; a subquery, so the
        # search stays one query however the name is typed.
        staff = get_user_model().objects.filter(username__iexact=filters.actor).values("pk")
        events = events.filter(actor__in=staff)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.date_from:
        events = events.filter(occurred_at__gte=london_midnight(filters.date_from))
    if filters.date_to:
        events = events.filter(occurred_at__lt=london_midnight(filters.date_to + timedelta(days=1)))
    return events.order_by("-occurred_at", "-seq")


def audit_events_search_page(*, user, filters: AuditFilters, page_number=1) -> Page:
    """One page (50 events) of a search, and the search recorded as `audit.searched`
    with its filters, page and result count, in its own transaction: who looked at the
    trail, and for what, is itself evidence. A concerned person's reference goes on the
    event too, so a search by person shows who has searched for them."""
    paginator = Paginator(audit_events_search(user=user, filters=filters), PAGE_SIZE)
    page = paginator.get_page(page_number)
    page.object_list = list(page.object_list)  # read now, before the search is recorded
    audit_record_now(
        actor=user,
        action="audit.searched",
        person_ref=filters.person_ref,
        summary="Searched the audit trail",
        changes={"filters": filters.as_changes(), "page": page.number, "results": paginator.count},
    )
    return page


def london_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LONDON)
