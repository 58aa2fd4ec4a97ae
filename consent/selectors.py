"""Reading authorities and access records: only what the user may see, and every read of
one audited (architecture.md: reading a sensitive record is itself an audited event)."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from audit.services import audit_record
from consent import rules
from consent.models import AccessRecord, Authority
from consent.permissions import AUTHORITY_READERS, EVIDENCE_READERS
from consent.services import terms_of
from core.errors import NotFound
from people.models import Customer
from people.permissions import same_organisation
from people.services import person_ref
from people.services_access import may_open


@dataclass(frozen=True)
class AuthorityState:
    """What every place that uses an authority shows: its state, and why it cannot be used."""

    code: str
    label: str
    is_active: bool
    message: str


def authority_state(authority: Authority, *, at: datetime | None = None) -> AuthorityState:
    at = at or timezone.now()
    terms = terms_of(authority)
    code = rules.status(terms, at=at)
    message = (
        ""
        if code == rules.ACTIVE
        else rules.refusal(terms, action=next(iter(terms.scope), ""), entry="", at=at, scope_labels={}, entry_labels={})
    )
    return AuthorityState(code=code, label=rules.STATUS_LABELS[code], is_active=code == rules.ACTIVE, message=message)


def _visible(user, customer: Customer, policy=AUTHORITY_READERS) -> bool:
    return policy.allows(user) and same_organisation(user, customer) and may_open(user, customer)


def _audit_read(user, action: str, target, customer: Customer, changes: dict | None = None) -> None:
    with transaction.atomic():
        audit_record(actor=user, action=action, target=target, person_ref=person_ref(customer), changes=changes)


def authority_get(*, user, authority_id: int, policy=AUTHORITY_READERS) -> Authority:
    """The authority, for a service to change or a page to act on; not audited as a view.
    Another organisation's (or a restricted record's) authority is 'not found'."""
    authority = (
        Authority.objects.select_related("customer", "adviser", "adviser_organisation").filter(pk=authority_id).first()
    )
    if authority is None or not _visible(user, authority.customer, policy):
        raise NotFound()
    return authority


def authority_open(*, user, authority_id: int) -> Authority:
    """Opens an authority with its access records: an audited read."""
    authority = authority_get(user=user, authority_id=authority_id)
    _audit_read(user, "authority.viewed", authority, authority.customer)
    return authority


def authorities_for_customer(*, user, customer: Customer, audited: bool = True) -> list[Authority]:
    """Every authority the customer has given, newest first: an audited read."""
    if not _visible(user, customer):
        raise NotFound()
    authorities = list(
        Authority.objects.filter(customer=customer).select_related("adviser", "adviser_organisation", "revoked_by")
    )
    if audited:
        _audit_read(user, "authority.listed", customer, customer, {"count": len(authorities)})
    return authorities


def authorities_held_by(*, user, customer: Customer) -> list[Authority]:
    """The authorities the user holds as the client's adviser: what the MR tracker offers."""
    if not _visible(user, customer):
        raise NotFound()
    return list(Authority.objects.filter(customer=customer, adviser=user))


def access_records_for_authority(authority: Authority) -> list[AccessRecord]:
    """An opened authority's access records (its opening was audited)."""
    return list(authority.access_records.select_related("adviser"))


def access_statement(*, user, customer: Customer) -> list[AccessRecord]:
    """Every access made for the client under any authority, oldest first: what the client
    is given to prove who did what ("how do I prove I didn't?"). An audited read."""
    if not _visible(user, customer):
        raise NotFound()
    records = list(
        AccessRecord.objects.filter(customer=customer)
        .select_related("adviser", "authority", "authority__adviser_organisation")
        .order_by("acted_at", "id")
    )
    _audit_read(user, "authority.statement_issued", customer, customer, {"count": len(records)})
    return records


def evidence_open(*, user, authority_id: int) -> Authority:
    """The signed form, for download: only its readers, and every opening audited."""
    authority = authority_get(user=user, authority_id=authority_id, policy=EVIDENCE_READERS)
    if not authority.evidence_file:
        raise NotFound("This authority has no uploaded form.")
    _audit_read(user, "authority.evidence_opened", authority, authority.customer)
    return authority


def receipt_issue(*, user, authority_id: int) -> Authority:
    """The authority, for its consent receipt: an audited read."""
    authority = authority_get(user=user, authority_id=authority_id)
    _audit_read(user, "authority.receipt_issued", authority, authority.customer)
    return authority


def authorities_held(*, user) -> QuerySet[Authority]:
    """Every authority the user holds as an adviser, in their organisation, newest first
    (a query, so the page that lists them reads one page of them)."""
    organisation = getattr(user, "organisation", None)
    if organisation is None:
        return Authority.objects.none()
    return Authority.objects.filter(adviser=user, customer__organisation=organisation).select_related("customer")
