"""Customers over the API: the same selectors, services and checks as the customer pages.

Another organisation's customer is "not found" (404): even its existence is sensitive. A
restricted record answers 403 with where to break glass. Broken rules answer 400 with
every problem by its field; a stale `version` answers 409 with what is there now
(api/errors.py).
"""

from functools import wraps

from django.urls import reverse
from django.utils import timezone
from ninja import Router

from api.access import api_access
from core.errors import InvalidInput, NotFound
from people import selectors, services, services_access, services_markers
from people.api_schemas import (
    BreakGlassIn,
    BreakGlassOut,
    CustomerChange,
    CustomerIn,
    CustomerOut,
    CustomerRecordOut,
    CustomerSummaryOut,
    MarkerIn,
    MarkerOut,
    MarkerRemoveIn,
    NameIn,
    NameOut,
    PossibleDuplicatesOut,
    PrivacyIn,
    PrivacyOut,
    ReferenceIn,
    ReferenceOut,
    RestrictedOut,
    SafeContactIn,
    SafeContactOut,
)
from people.models import CustomerMarker, MarkerType
from people.permissions import CUSTOMER_EDITORS, CUSTOMER_READERS

router = Router(tags=["Customers"])

# Answers every operation on one customer may give besides its own.
RESTRICTED = {403: RestrictedOut}


def restricted_answers_403(view):
    """A restricted record the caller is not named on answers 403 with the message and
    where to break glass, instead of the operation's own answer."""

    @wraps(view)
    def wrapped(request, customer_id: int, *args, **kwargs):
        try:
            return view(request, customer_id, *args, **kwargs)
        except selectors.RestrictedRecord as exc:
            return 403, {"detail": exc.message, "break_glass": reverse("api:customer_break_glass", args=[customer_id])}

    return wrapped


def _for_change(request, customer_id: int):
    return selectors.customer_get_for_change(user=request.auth, customer_id=customer_id)


@router.get("", response=list[CustomerSummaryOut], summary="Search customers")
@api_access(CUSTOMER_READERS)
def customer_search(request, q: str = ""):
    """One search box, as on the page: any mix of a name (typos and previous names
    too), a date of birth, an NI number, a reference or a postcode. Best match first,
    at most 20."""
    results, problem = selectors.customer_search(user=request.auth, text=q)
    if problem:
        raise InvalidInput({"q": problem})
    return results


@router.post("", response={201: CustomerOut, 409: PossibleDuplicatesOut}, summary="Create a customer")
@api_access(CUSTOMER_EDITORS)
def customer_create(request, payload: CustomerIn):
    """Someone with the same NI number, or the same name and date of birth, answers 409
    with their summaries. If none of them is this person, send again with
    `"confirmed_new_person": true`."""
    fields = payload.dict(exclude={"confirmed_new_person"})
    try:
        customer = services.customer_create(
            actor=request.auth, confirmed_new_person=payload.confirmed_new_person, **fields
        )
    except services.PossibleDuplicate as exc:
        candidates = [selectors.customer_summary(candidate) for candidate in exc.candidates]
        return 409, {"detail": exc.message, "candidates": candidates}
    return 201, customer


@router.get("/{customer_id}", response={200: CustomerRecordOut, **RESTRICTED}, summary="Open a customer's record")
@api_access(CUSTOMER_READERS)
@restricted_answers_403
def customer_open(request, customer_id: int):
    """An audited read: every call records that the caller opened the record."""
    return selectors.customer_open(user=request.auth, customer_id=customer_id)


@router.patch("/{customer_id}", response={200: CustomerOut, **RESTRICTED}, summary="Change a customer's details")
@api_access(CUSTOMER_EDITORS)
@restricted_answers_403
def customer_update(request, customer_id: int, payload: CustomerChange):
    """Send `version` as last read and only the fields to change. If someone saved since,
    nothing changes and the answer is 409 with their version."""
    fields = payload.dict(exclude_unset=True, exclude={"version"})
    # A text field sent as null means "empty"; a date of birth may be cleared with null.
    fields = {name: "" if value is None and name != "date_of_birth" else value for name, value in fields.items()}
    customer = _for_change(request, customer_id)
    return services.customer_update(actor=request.auth, customer=customer, version=payload.version, **fields)


@router.put(
    "/{customer_id}/safe-contact", response={200: SafeContactOut, **RESTRICTED}, summary="Set safe-contact needs"
)
@api_access(CUSTOMER_EDITORS)
@restricted_answers_403
def customer_safe_contact(request, customer_id: int, payload: SafeContactIn):
    """Every yes or no is required. A stale `version` answers 409 with what is there now."""
    customer = _for_change(request, customer_id)
    fields = payload.dict(exclude={"version"})
    return services.safe_contact_update(actor=request.auth, customer=customer, version=payload.version, **fields)


@router.put("/{customer_id}/privacy", response={200: PrivacyOut, **RESTRICTED}, summary="Set privacy needs")
@api_access(CUSTOMER_EDITORS)
@restricted_answers_403
def customer_privacy(request, customer_id: int, payload: PrivacyIn):
    """A private room for interviews, calls only when they can talk privately, other
    adjustments. A stale `version` answers 409 with what is there now."""
    customer = _for_change(request, customer_id)
    fields = payload.dict(exclude={"version"})
    return services.privacy_needs_update(actor=request.auth, customer=customer, version=payload.version, **fields)


@router.post("/{customer_id}/markers", response={201: MarkerOut, **RESTRICTED}, summary="Set a marker")
@api_access(CUSTOMER_EDITORS)
@restricted_answers_403
def customer_marker_add(request, customer_id: int, payload: MarkerIn):
    """`marker_type` is the marker's code, for example `domestic-abuse-risk`."""
    customer = _for_change(request, customer_id)
    # Marker types are a public list (no personal data), read directly.
    marker_type = MarkerType.objects.filter(code=payload.marker_type).first()
    if marker_type is None:
        raise InvalidInput({"marker_type": "Select a marker that exists"})
    marker = services_markers.marker_add(
        actor=request.auth,
        customer=customer,
        marker_type=marker_type,
        reason=payload.reason,
        review_on=payload.review_on,
    )
    return 201, marker


@router.post(
    "/{customer_id}/markers/{marker_id}/remove", response={200: MarkerOut, **RESTRICTED}, summary="Remove a marker"
)
@api_access(CUSTOMER_EDITORS)
@restricted_answers_403
def customer_marker_remove(request, customer_id: int, marker_id: int, payload: MarkerRemoveIn):
    """The marker stays in the customer's history, with who removed it and why."""
    customer = _for_change(request, customer_id)
    marker = CustomerMarker.objects.filter(pk=marker_id, customer=customer).first()
    if marker is None:
        raise NotFound("That marker was not found on this customer.")
    return services_markers.marker_remove(actor=request.auth, marker=marker, reason=payload.reason)


@router.post("/{customer_id}/names", response={201: NameOut, **RESTRICTED}, summary="Record a previous name")
@api_access(CUSTOMER_EDITORS)
@restricted_answers_403
def customer_name_add(request, customer_id: int, payload: NameIn):
    """A previous name (`previous`) or alias (`alias`): search finds the person by it."""
    customer = _for_change(request, customer_id)
    return 201, services.customer_name_add(actor=request.auth, customer=customer, **payload.dict())


@router.post("/{customer_id}/references", response={201: ReferenceOut, **RESTRICTED}, summary="Record a reference")
@api_access(CUSTOMER_EDITORS)
@restricted_answers_403
def customer_reference_add(request, customer_id: int, payload: ReferenceIn):
    """`kind` is `benefit`, `claim` or `other`."""
    customer = _for_change(request, customer_id)
    return 201, services.customer_reference_add(actor=request.auth, customer=customer, **payload.dict())


@router.post("/{customer_id}/break-glass", response={201: BreakGlassOut}, summary="Break glass")
@api_access(CUSTOMER_READERS)
def customer_break_glass(request, customer_id: int, payload: BreakGlassIn):
    """Opens a restricted record you are not named on, for this working session, with a
    written reason. The data protection officers are told."""
    customer = selectors.customer_get_for_break_glass(user=request.auth, customer_id=customer_id)
    glass = services_access.break_glass(actor=request.auth, customer=customer, reason=payload.reason)
    until = timezone.localtime(glass.expires_at)
    return 201, {
        "customer_id": customer.pk,
        "expires_at": glass.expires_at,
        "detail": f"You can open this record until {until:%H:%M on %d %B %Y}.",
    }
