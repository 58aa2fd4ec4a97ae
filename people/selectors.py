"""Reading customer records: only what the user may see, and every opening audited."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Prefetch

from audit.services import audit_record
from core.errors import HavenError, NotFound
from people import search_query, search_sql
from people.models import Customer, CustomerMarker, MarkerType
from people.permissions import CUSTOMER_READERS, same_organisation
from people.services import person_ref
from people.services_access import may_open

RESULT_LIMIT = 20


class RestrictedRecord(HavenError):
    """The record is restricted and the user is not named on it: they may break glass."""

    def __init__(self, customer: Customer) -> None:
        super().__init__(
            "This record is restricted. Only named staff can open it, or you can break glass with a reason.",
            code="restricted",
        )
        self.customer = customer


@dataclass(frozen=True)
class SearchResult:
    """Enough to tell two people apart, and nothing more (issue 3)."""

    id: int
    name: str
    date_of_birth: date | None
    postcode_area: str
    case_number: str
    is_restricted: bool


def _matching_ids(organisation_id: int, query: search_query.SearchQuery) -> list[int]:
    """Ids of the customers matching every piece of the query, best first (people/search_sql.py)."""
    return search_sql.matching_ids(organisation_id, query, RESULT_LIMIT)


def customer_search(*, user, text: str) -> tuple[list[SearchResult], str]:
    """Finds customers of the user's organisation by name (typos and previous names too),
    date of birth, NI number, reference or postcode. Returns results and any problem with
    what was typed, in words for the person."""
    if not CUSTOMER_READERS.allows(user):
        raise NotFound()
    query = search_query.parse(text)
    if query.problem:
        return [], query.problem
    if query.is_empty:
        return [], "Enter a name, date of birth, National Insurance number, reference or postcode"
    ids = _matching_ids(user.organisation.pk, query)
    customers = Customer.objects.in_bulk(ids)
    return [customer_summary(customers[customer_id]) for customer_id in ids], ""


def customer_summary(customer: Customer) -> SearchResult:
    """How a customer appears in a list (search results, possible duplicates): a
    restricted record shows its name and case number only."""
    restricted = customer.is_restricted
    return SearchResult(
        id=customer.pk,
        name=customer.full_name,
        date_of_birth=None if restricted else customer.date_of_birth,
        postcode_area="" if restricted else customer.postcode.split(" ")[0],
        case_number=customer.case_number,
        is_restricted=restricted,
    )


def customer_get_for_change(*, user, customer_id: int) -> Customer:
    """The customer, for a service to change; same checks as opening, not audited as a view."""
    customer = Customer.objects.filter(pk=customer_id).first()
    if customer is None or not CUSTOMER_READERS.allows(user) or not same_organisation(user, customer):
        raise NotFound()
    if not may_open(user, customer):
        raise RestrictedRecord(customer)
    return customer


def customer_get_for_break_glass(*, user, customer_id: int) -> Customer:
    """The customer, for breaking glass: the organisation check without the restriction
    check (a restricted record is the point of breaking glass). Not audited as a view."""
    customer = Customer.objects.filter(pk=customer_id).first()
    if customer is None or not CUSTOMER_READERS.allows(user) or not same_organisation(user, customer):
        raise NotFound()
    return customer


def customer_open(*, user, customer_id: int) -> Customer:
    """Opens a customer's record: an audited read (issue 3). Another organisation's
    customer is 'not found'; a restricted one raises RestrictedRecord."""
    customer = customer_get_for_change(user=user, customer_id=customer_id)
    with transaction.atomic():
        audit_record(actor=user, action="customer.viewed", target=customer, person_ref=person_ref(customer))
    return (
        Customer.objects.select_related("safe_contact", "privacy_needs")
        .prefetch_related(
            "other_names",
            "references",
            "people_around",
            Prefetch(
                "markers",
                queryset=CustomerMarker.objects.select_related("marker_type", "set_by", "removed_by"),
            ),
        )
        .get(pk=customer.pk)
    )


def current_markers(customer: Customer) -> list[CustomerMarker]:
    return [marker for marker in customer.markers.all() if marker.removed_at is None]


def marker_types_in_use() -> list[MarkerType]:
    return list(MarkerType.objects.filter(is_active=True))
