"""Disclosure decisions over the API: the same selectors, services and policies as the pages.

A disclosure or customer the caller may not see is "not found" (404). Broken rules answer
400 with every problem by its field; the wrong role answers 403 (api/errors.py).
"""

from datetime import date, datetime

from django.core.paginator import Paginator
from ninja import Router, Schema

from api.access import api_access
from core.access import SIGNED_IN
from core.errors import InvalidInput, NotAllowed, NotFound
from disclosures import lawful_basis, selectors, services
from disclosures.models import Disclosure
from disclosures.permissions import DISCLOSURE_READERS, DISCLOSURE_RECORDERS, DISCLOSURE_REGISTER
from people import selectors as people_selectors

router = Router(tags=["Disclosures"])
PAGE_SIZE = 100


class DisclosureIn(Schema):
    at_risk: str
    at_risk_name: str = ""
    recipient_kind: str
    recipient_organisation: str
    recipient_person: str = ""
    method: str
    shared_at: datetime
    items: list[str]
    purpose: str
    reference_number: str = ""
    consent: str
    consent_explicit: bool = False
    incapable_of_consent: bool = False
    special_category: bool = False
    article_6: str
    article_9: str = ""
    schedule_1: str = ""
    exemption: str = ""
    risk_to_life: bool = False
    legal_duty: bool = False
    prevent_or_detect_crime: bool = False
    protection: str = ""
    under_18: bool = False
    needs_care_and_support: bool = False
    experiencing_or_at_risk_of_harm: bool = False
    unable_to_protect_self: bool = False
    para_18_reason: str = ""
    emergency: bool = False
    second_opinion_by_id: int | None = None
    person_told: bool
    not_told_reason: str = ""


class DisclosureUpdateIn(DisclosureIn):
    version: int | None = None


class CorrectionIn(DisclosureIn):
    correction_reason: str


class ConfirmIn(Schema):
    version: int | None = None


class ReviewIn(Schema):
    outcome: str
    note: str


class DisclosureOut(Schema):
    id: int
    customer_id: int
    status: str
    corrects_id: int | None
    corrected_by: list[int]
    at_risk: str
    recipient_kind: str
    recipient_organisation: str
    method: str
    shared_at: datetime
    items: list[str]
    item_labels: list[str]
    consent: str
    special_category: bool
    article_6: str
    article_9: str
    schedule_1: str
    exemption: str
    emergency: bool
    decided_by_id: int
    second_opinion_by_id: int | None
    person_told: bool
    confirmed_at: datetime | None
    review_task_id: int | None
    review_outcome: str | None
    version: int


class DisclosureRecordOut(DisclosureOut):
    """One disclosure opened on its own (an audited read): its free text too."""

    at_risk_name: str | None
    recipient_person: str | None
    purpose: str
    reference_number: str | None
    not_told_reason: str | None
    correction_reason: str | None


class RegisterPageOut(Schema):
    count: int
    page: int
    pages: int
    disclosures: list[DisclosureOut]


class LawfulBasisRowOut(Schema):
    article_6: str
    article_9: str
    schedule_1: str
    cites: str
    when: str
    requires: list[str]


def _out(disclosure: Disclosure) -> dict:
    review = getattr(disclosure, "review", None) if disclosure.review_task_id else None
    values = {name: getattr(disclosure, name) for name in DisclosureRecordOut.model_fields if hasattr(disclosure, name)}
    values.update(
        corrected_by=[c.pk for c in disclosure.corrections.filter(status="confirmed")],
        item_labels=selectors.item_labels(disclosure),
        review_outcome=review.outcome if review else None,
    )
    return values


def _data(request, payload: DisclosureIn) -> dict:
    data = payload.dict()
    adviser_id = data.pop("second_opinion_by_id")
    adviser = None
    if adviser_id is not None:
        adviser = selectors.second_opinion_choices(user=request.auth).filter(pk=adviser_id).first()
        if adviser is None:
            raise InvalidInput({"second_opinion_by_id": "Choose a team leader, deputy manager or safeguarding lead"})
    data["second_opinion_by"] = adviser
    return data


def _customer(request, customer_id: int):
    try:
        return people_selectors.customer_get_for_change(user=request.auth, customer_id=customer_id)
    except people_selectors.RestrictedRecord as exc:
        raise NotAllowed(exc.message) from exc


def _disclosure(request, disclosure_id: int) -> Disclosure:
    return selectors.disclosure_get(user=request.auth, disclosure_id=disclosure_id)


@router.get("/lawful-basis", response=list[LawfulBasisRowOut], summary="The table of valid lawful bases")
@api_access(SIGNED_IN)
def lawful_basis_table(request):
    return lawful_basis.table()


@router.get("/register", response=RegisterPageOut, summary="The organisation's disclosure register (DPOs)")
@api_access(DISCLOSURE_REGISTER)
def register(
    request,
    shared_from: date | None = None,
    shared_to: date | None = None,
    recipient_kind: str = "",
    consent: str = "",
    article_6: str = "",
    emergency_alone: bool = False,
    review_outstanding: bool = False,
    case_number: str = "",
    page: int = 1,
):
    """Confirmed disclosures, newest first, 100 a page. Each call is audited with its filters."""
    filters = selectors.RegisterFilters(
        shared_from=shared_from,
        shared_to=shared_to,
        recipient_kind=recipient_kind,
        consent=consent,
        article_6=article_6,
        emergency_alone=emergency_alone,
        review_outstanding=review_outstanding,
        case_number=case_number,
    )
    paginator = Paginator(selectors.register(user=request.auth, filters=filters), PAGE_SIZE)
    current = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "disclosures": [_out(disclosure) for disclosure in current],
    }


@router.get("/customers/{customer_id}", response=list[DisclosureOut], summary="A customer's disclosures")
@api_access(DISCLOSURE_READERS)
def customer_history(request, customer_id: int):
    """Newest first: confirmed decisions and the caller's own drafts (an audited read)."""
    try:
        _customer_record, history = selectors.customer_history_open(user=request.auth, customer_id=customer_id)
    except people_selectors.RestrictedRecord as exc:
        raise NotAllowed(exc.message) from exc
    return [_out(disclosure) for disclosure in history]


@router.post("/customers/{customer_id}", response={201: DisclosureOut}, summary="Record a disclosure (a draft)")
@api_access(DISCLOSURE_RECORDERS)
def disclosure_draft(request, customer_id: int, payload: DisclosureIn):
    customer = _customer(request, customer_id)
    disclosure = services.disclosure_draft(actor=request.auth, customer=customer, data=_data(request, payload))
    return 201, _out(disclosure)


@router.get("/{disclosure_id}", response=DisclosureRecordOut, summary="A disclosure (audited)")
@api_access(DISCLOSURE_READERS)
def disclosure_get(request, disclosure_id: int):
    return _out(selectors.disclosure_open(user=request.auth, disclosure_id=disclosure_id))


@router.put("/{disclosure_id}", response=DisclosureOut, summary="Change your draft")
@api_access(DISCLOSURE_RECORDERS)
def disclosure_update(request, disclosure_id: int, payload: DisclosureUpdateIn):
    disclosure = _disclosure(request, disclosure_id)
    data = _data(request, payload)
    version = data.pop("version")
    return _out(services.disclosure_update(actor=request.auth, disclosure=disclosure, data=data, version=version))


@router.post("/{disclosure_id}/confirm", response=DisclosureOut, summary="Confirm your draft")
@api_access(DISCLOSURE_RECORDERS)
def disclosure_confirm(request, disclosure_id: int, payload: ConfirmIn):
    disclosure = _disclosure(request, disclosure_id)
    return _out(services.disclosure_confirm(actor=request.auth, disclosure=disclosure, version=payload.version))


@router.post("/{disclosure_id}/correct", response={201: DisclosureOut}, summary="Correct a confirmed disclosure")
@api_access(DISCLOSURE_RECORDERS)
def disclosure_correct(request, disclosure_id: int, payload: CorrectionIn):
    original = _disclosure(request, disclosure_id)
    if not original.is_confirmed:
        raise NotFound()
    data = _data(request, payload)
    reason = data.pop("correction_reason")
    correction = services.disclosure_correct(actor=request.auth, original=original, data=data, correction_reason=reason)
    return 201, _out(correction)


@router.post("/{disclosure_id}/review", response=DisclosureOut, summary="Record the retrospective review")
@api_access(DISCLOSURE_RECORDERS)
def disclosure_review(request, disclosure_id: int, payload: ReviewIn):
    disclosure = _disclosure(request, disclosure_id)
    services.disclosure_review(actor=request.auth, disclosure=disclosure, outcome=payload.outcome, note=payload.note)
    return _out(_disclosure(request, disclosure_id))
