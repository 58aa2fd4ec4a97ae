"""Searching the audit trail over the API: auditors and data protection officers only.

Every search is itself recorded (`audit.searched`), with its filters, as the page does.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from api.access import api_access
from audit.models import AuditEvent
from audit.permissions import AUDIT_READERS
from audit.services import audit_record_now
from core.errors import HavenError

router = Router(tags=["Audit trail"])

PAGE_SIZE = 50


class AuditFilters(Schema):
    actor: str | None = None
    action: str | None = None
    person_ref: str | None = None
    target_type: str | None = None
    target_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def given(self) -> dict[str, str]:
        return {name: str(value) for name, value in self.dict().items() if value not in (None, "")}


class AuditEventOut(Schema):
    seq: int
    occurred_at: datetime
    actor: str
    action: str
    target_type: str
    target_id: str
    person_ref: str
    summary: str
    context: dict | None
    changes: dict | None

    @staticmethod
    def resolve_actor(event: AuditEvent) -> str:
        return event.actor_label


def _start_of(day: date) -> datetime:
    # Dates are UK dates: "events on 3 March" means 3 March in Europe/London.
    return datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())


def _search(filters: AuditFilters):
    """A small query until audit/selectors.py has `audit_events_search`; replace it then."""
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise HavenError("The date from must be the same as or before the date to", field="date_from")
    queryset = AuditEvent.objects.all()
    exact = {
        "actor_label": filters.actor,
        "action": filters.action,
        "person_ref": filters.person_ref,
        "target_type": filters.target_type,
        "target_id": filters.target_id,
    }
    queryset = queryset.filter(**{field: value for field, value in exact.items() if value})
    if filters.date_from:
        queryset = queryset.filter(occurred_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        queryset = queryset.filter(occurred_at__lt=_start_of(filters.date_to + timedelta(days=1)))
    return queryset.order_by("-seq")


@router.get("/events", response=list[AuditEventOut], summary="Search the audit trail")
@api_access(AUDIT_READERS)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def audit_events(request, filters: Query[AuditFilters]):
    """Newest first. `actor` is a username; dates are UK dates and include both ends."""
    queryset = _search(filters)
    audit_record_now(actor=request.auth, action="audit.searched", changes={"filters": filters.given()})
    return queryset
