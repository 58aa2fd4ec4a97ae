"""The MR tracker over the API (/api/v1/mrs/...): the same selectors, services and
policies as the MR pages.

An MR, or a customer, the caller may not open is "not found" (404). Broken rules answer
400 with every problem by its field; a stale `version` answers 409; the wrong role 403.
"""

import datetime as dt

from ninja import Router, Schema

from accounts.models import User
from api.access import api_access
from consent.models import Authority
from consent.selectors import authority_state
from core.errors import HavenError, InvalidInput, NotFound
from people.permissions import CUSTOMER_EDITORS, CUSTOMER_READERS
from people.selectors import RestrictedRecord, customer_get_for_change
from work import selectors_appeals as selectors
from work import services_appeals as services

router = Router(tags=["MR and appeal tracker"])


class MROut(Schema):
    id: int
    customer_id: int
    owner_id: int
    state: str
    decision_challenged: str
    decision_date: dt.date | None
    lodged_on: dt.date
    lodged_how: str
    lodged_by: str
    representative_name: str
    representative_organisation: str
    lodged_by_staff_id: int | None
    authority_id: int | None
    authority_state: str | None
    authority_state_message: str
    outside_authority: str
    chase_on: dt.date
    mrn_sent_on: dt.date | None
    mrn_seen_on: dt.date | None
    mrn_outcome: str
    appeal_due_on: dt.date | None
    late_appeal_limit_on: dt.date | None
    appeal_lodged_on: dt.date | None
    appeal_how: str
    appeal_reference: str
    appeal_was_late: bool
    declined_on: dt.date | None
    chase_task_id: int | None
    appeal_task_id: int | None
    next_step: str
    version: int

    @staticmethod
    def resolve_next_step(obj) -> str:
        return selectors.next_step(obj)

    @staticmethod
    def resolve_authority_state(obj) -> str | None:
        """The linked authority's state now (active, revoked, expired, used, not-started):
        revocation and expiry show wherever the authority is used."""
        return authority_state(obj.authority).code if obj.authority_id else None

    @staticmethod
    def resolve_authority_state_message(obj) -> str:
        return authority_state(obj.authority).message if obj.authority_id else ""


class MRIn(Schema):
    """`lodged_by` is "customer", "representative" or "staff" (give `lodged_by_staff_id`).
    A representative is either you, lodging it under a form of authority the customer gave
    you (give `authority_id`: the access is recorded with the MR, and a revoked, expired or
    too narrow authority is refused with the reason), or an adviser outside Haven (give
    `representative_name`, `representative_organisation` and `outside_authority`, their
    form of authority's reference and what it allows, as text).
    `lodged_how`: journal, phone, letter, form, in-person or email."""

    decision_challenged: str
    decision_date: dt.date | None = None
    lodged_on: dt.date
    lodged_how: str
    lodged_by: str
    representative_name: str = ""
    representative_organisation: str = ""
    lodged_by_staff_id: int | None = None
    authority_id: int | None = None
    outside_authority: str = ""


class MRNIn(Schema):
    """`mrn_outcome`: not-changed, changed-in-part or changed. `mrn_seen_on` defaults to today."""

    mrn_sent_on: dt.date
    mrn_seen_on: dt.date | None = None
    mrn_outcome: str
    version: int | None = None


class AppealIn(Schema):
    """`appeal_how`: online, post or email."""

    appeal_lodged_on: dt.date
    appeal_how: str
    appeal_reference: str = ""
    version: int | None = None


class DeclinedIn(Schema):
    reason: str
    declined_on: dt.date | None = None
    version: int | None = None


def _customer(request, customer_id: int):
    try:
        return customer_get_for_change(user=request.auth, customer_id=customer_id)
    except RestrictedRecord as exc:
        raise NotFound() from exc


API_NAMES = {"lodged_by_staff": "lodged_by_staff_id", "authority": "authority_id"}


def _api_named(exc: HavenError) -> HavenError:
    if isinstance(exc, InvalidInput):
        return InvalidInput({API_NAMES.get(key, key): text for key, text in exc.errors.items()})
    if exc.field in API_NAMES:
        return HavenError(exc.message, field=API_NAMES[exc.field], code=exc.code)
    return exc


def _mr(request, mr_id: int):
    return selectors.mr_get(user=request.auth, mr_id=mr_id)


@router.get("/customers/{customer_id}", response=list[MROut], summary="A customer's MRs")
@api_access(CUSTOMER_READERS)
def mr_list_for_customer(request, customer_id: int, open_only: bool = False):
    """Open MRs first, newest first; `open_only=true` for those still waiting for an MRN
    or an appeal decision."""
    return selectors.mrs_for_customer(user=request.auth, customer=_customer(request, customer_id), open_only=open_only)


@router.post("/customers/{customer_id}", response={201: MROut}, summary="Record an MR request")
@api_access(CUSTOMER_EDITORS)
def mr_record(request, customer_id: int, payload: MRIn):
    """Records the MR and sets the "chase the MRN" task for the caller."""
    customer = _customer(request, customer_id)
    fields = payload.dict(exclude={"lodged_by_staff_id", "authority_id"})
    staff = None
    if payload.lodged_by_staff_id is not None:
        staff = User.objects.filter(pk=payload.lodged_by_staff_id, is_active=True).select_related("team").first()
        if staff is None:
            raise InvalidInput({"lodged_by_staff_id": "Choose the member of staff who lodged the MR"})
    authority = None
    if payload.authority_id is not None:
        # Only the caller's own authorities from this customer: any other is not theirs to use.
        authority = (
            Authority.objects.select_related("adviser", "adviser_organisation")
            .filter(pk=payload.authority_id, customer=customer, adviser=request.auth)
            .first()
        )
        if authority is None:
            raise InvalidInput({"authority_id": "Choose a form of authority the customer gave you"})
    try:
        mr = services.mr_request_record(
            actor=request.auth, customer=customer, lodged_by_staff=staff, authority=authority, **fields
        )
    except HavenError as exc:
        # The API names the field as it is sent.
        raise _api_named(exc) from exc
    return 201, mr


@router.get("/{mr_id}", response=MROut, summary="An MR")
@api_access(CUSTOMER_READERS)
def mr_get(request, mr_id: int):
    """An audited read, as on the MR page."""
    return selectors.mr_open(user=request.auth, mr_id=mr_id)


@router.post("/{mr_id}/mrn", response=MROut, summary="Record the MRN")
@api_access(CUSTOMER_EDITORS)
def mr_mrn_record(request, mr_id: int, payload: MRNIn):
    """Sets the appeal deadline (one calendar month after `mrn_sent_on`) and its reminders."""
    return services.mrn_record(actor=request.auth, mr=_mr(request, mr_id), **payload.dict())


@router.post("/{mr_id}/appeal", response=MROut, summary="Record that the appeal was lodged")
@api_access(CUSTOMER_EDITORS)
def mr_appeal_lodged(request, mr_id: int, payload: AppealIn):
    return services.appeal_lodged_record(actor=request.auth, mr=_mr(request, mr_id), **payload.dict())


@router.post("/{mr_id}/not-appealing", response=MROut, summary="Record that the customer will not appeal")
@api_access(CUSTOMER_EDITORS)
def mr_appeal_declined(request, mr_id: int, payload: DeclinedIn):
    return services.appeal_declined_record(actor=request.auth, mr=_mr(request, mr_id), **payload.dict())
