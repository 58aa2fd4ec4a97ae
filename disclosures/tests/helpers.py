"""Disclosures for tests, made through the real services."""

from datetime import timedelta

from django.utils import timezone

from audit.models import AuditEvent
from disclosures import services
from disclosures.models import Disclosure, DisclosureReview
from work.models import Task


def emergency_data(**overrides) -> dict:
    """A non-consensual emergency disclosure to the police, taken alone: a risk to life,
    the customer's health details shared to safeguard an adult at risk."""
    data = {
        "at_risk": "customer",
        "recipient_kind": "police",
        "recipient_organisation": "Northumbria Police",
        "recipient_person": "PC Hale",
        "method": "phone",
        "shared_at": timezone.now() - timedelta(minutes=5),
        "items": ["name", "address", "markers"],
        "purpose": "Customer said she is not safe at home now; police asked to attend.",
        "reference_number": "NP-2026-0042",
        "consent": "not-sought",
        "article_6": "6-1-d",
        "article_9": "9-2-g",
        "schedule_1": "sch1-18",
        "risk_to_life": True,
        "protection": "harm",
        "needs_care_and_support": True,
        "experiencing_or_at_risk_of_harm": True,
        "unable_to_protect_self": True,
        "para_18_reason": "would-prejudice",
        "emergency": True,
        "person_told": True,
    }
    data.update(overrides)
    return data


def consented_data(**overrides) -> dict:
    data = emergency_data(
        items=["name", "phone"],
        recipient_kind="gp",
        recipient_organisation="Elm Street Surgery",
        consent="given",
        article_6="6-1-a",
        article_9="",
        schedule_1="",
        risk_to_life=False,
        protection="",
        para_18_reason="",
        emergency=False,
    )
    data.update(overrides)
    return data


def make_disclosure(actor, customer, *, confirm=True, **overrides):
    disclosure = services.disclosure_draft(actor=actor, customer=customer, data=emergency_data(**overrides))
    if confirm:
        disclosure = services.disclosure_confirm(actor=actor, disclosure=disclosure)
    return disclosure


def database_state() -> tuple:
    """Everything a disclosure action could change, to prove a refused one changed nothing."""
    return (
        list(Disclosure.objects.order_by("pk").values()),
        list(DisclosureReview.objects.order_by("pk").values()),
        list(Task.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


def customer_at_risk(actor, **overrides):
    """A customer with an address, a phone number and the DOMESTIC ABUSE RISK marker."""
    from people.models import MarkerType
    from people.services_markers import marker_add
    from people.tests.factories import make_customer

    customer = make_customer(actor, address_line_1="1 High Street", phone="0191 000 0000", **overrides)
    marker_add(
        actor=actor,
        customer=customer,
        marker_type=MarkerType.objects.get(code="domestic-abuse-risk"),
        reason="Ex-partner found her last address",
    )
    return customer


def form_post(**overrides) -> dict:
    """The "Record a disclosure" form as a caseworker posts it (a non-consensual emergency
    disclosure to the police); a value of None leaves that field out."""
    data = {
        "at_risk": "customer",
        "recipient_kind": "police",
        "recipient_organisation": "Northumbria Police",
        "recipient_person": "PC Hale",
        "method": "phone",
        "shared_on_0": "2",
        "shared_on_1": "3",
        "shared_on_2": "2026",
        "shared_time": "11:55",
        "items": ["name", "address", "markers"],
        "purpose": "She is not safe at home now.",
        "reference_number": "NP-1",
        "consent": "not-sought",
        "article_6": "6-1-d",
        "article_9": "9-2-g",
        "schedule_1": "sch1-18",
        "risk_to_life": "on",
        "protection": "harm",
        "needs_care_and_support": "on",
        "experiencing_or_at_risk_of_harm": "on",
        "unable_to_protect_self": "on",
        "para_18_reason": "would-prejudice",
        "exemption": "",
        "emergency": "on",
        "person_told": "yes",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
