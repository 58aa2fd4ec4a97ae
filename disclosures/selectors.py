"""Reading disclosure decisions: only what the user may see; opening one is an audited
read, as opening a customer's record is (people.selectors.customer_open)."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet

from accounts.models import User
from audit.services import audit_record
from core.errors import NotFound
from disclosures import items as catalogue
from disclosures.models import Disclosure, Status
from disclosures.permissions import DISCLOSURE_READERS, DISCLOSURE_REGISTER, SECOND_OPINION_ROLES
from people.models import Customer
from people.services import person_ref
from people.services_access import may_open

_RELATED = ("customer", "decided_by", "second_opinion_by", "corrects", "review_task", "review__reviewed_by")


def _visible(user) -> QuerySet:
    """Confirmed decisions, and the user's own drafts."""
    return Disclosure.objects.filter(Q(status=Status.CONFIRMED) | Q(decided_by=user))


def disclosure_get(*, user, disclosure_id: int) -> Disclosure:
    """The disclosure, for a service to act on or a page to show; not audited. Another
    organisation's, a restricted customer's the user may not open, or someone else's
    draft is 'not found'."""
    disclosure = _visible(user).select_related(*_RELATED).filter(pk=disclosure_id).first()
    if disclosure is None or not DISCLOSURE_READERS.allows(user) or not may_open(user, disclosure.customer):
        raise NotFound()
    return disclosure


def disclosure_open(*, user, disclosure_id: int) -> Disclosure:
    """Opens a disclosure decision: an audited read (disclosure.viewed)."""
    disclosure = disclosure_get(user=user, disclosure_id=disclosure_id)
    with transaction.atomic():
        audit_record(
            actor=user, action="disclosure.viewed", target=disclosure, person_ref=person_ref(disclosure.customer)
        )
    return disclosure


def item_labels(disclosure: Disclosure) -> list[str]:
    return catalogue.labels_for(disclosure.items, disclosure.customer)


def customer_history(*, user, customer: Customer) -> list[Disclosure]:
    """A customer's disclosures, newest first, for a page that has already opened the
    record through its audited read (the record page includes this list)."""
    if not DISCLOSURE_READERS.allows(user) or not may_open(user, customer):
        raise NotFound()
    return list(
        _visible(user).filter(customer=customer).select_related("decided_by", "second_opinion_by", "review_task")
    )


def customer_history_open(*, user, customer_id: int) -> tuple[Customer, list[Disclosure]]:
    """The same list on its own (the API): an audited read of the customer's disclosures."""
    customer = Customer.objects.filter(pk=customer_id).first()
    if customer is None:
        raise NotFound()
    history = customer_history(user=user, customer=customer)
    with transaction.atomic():
        audit_record(actor=user, action="disclosure.history_viewed", target=customer, person_ref=person_ref(customer))
    return customer, history


def second_opinion_choices(*, user) -> QuerySet:
    """Who may give a second opinion: team leaders, deputy managers and safeguarding
    leads of the user's organisation, other than the user."""
    organisation = user.organisation
    return (
        User.objects.filter(
            is_active=True, role__in=SECOND_OPINION_ROLES, team__office__region__organisation=organisation
        )
        .exclude(pk=user.pk)
        .order_by("first_name", "last_name")
    )


@dataclass(frozen=True)
class RegisterFilters:
    shared_from: date | None = None
    shared_to: date | None = None
    recipient_kind: str = ""
    consent: str = ""
    article_6: str = ""
    emergency_alone: bool = False
    review_outstanding: bool = False
    case_number: str = ""

    def as_dict(self) -> dict:
        return {key: value for key, value in self.__dict__.items() if value}


def _filtered(queryset: QuerySet, filters: RegisterFilters) -> QuerySet:
    if filters.shared_from:
        queryset = queryset.filter(shared_at__date__gte=filters.shared_from)
    if filters.shared_to:
        queryset = queryset.filter(shared_at__date__lte=filters.shared_to)
    for name in ("recipient_kind", "consent", "article_6"):
        if getattr(filters, name):
            queryset = queryset.filter(**{name: getattr(filters, name)})
    if filters.emergency_alone:
        queryset = queryset.filter(emergency=True, second_opinion_by__isnull=True)
    if filters.review_outstanding:
        queryset = queryset.filter(review_task__isnull=False, review__isnull=True)
    if filters.case_number:
        queryset = queryset.filter(customer__case_number__iexact=filters.case_number.strip())
    return queryset


def register(*, user, filters: RegisterFilters, action: str = "disclosure.register_viewed") -> QuerySet:
    """The organisation's confirmed disclosures for its data protection officers, newest
    first. Each look (and each export) is audited with the filters used."""
    if not DISCLOSURE_REGISTER.allows(user):
        raise NotFound()
    queryset = Disclosure.objects.filter(organisation=user.organisation, status=Status.CONFIRMED)
    queryset = _filtered(queryset, filters).select_related(*_RELATED)
    with transaction.atomic():
        audit_record(actor=user, action=action, summary="Disclosure register", changes={"filters": filters.as_dict()})
    return queryset
