"""Shared set-up for the customer record page tests."""

from audit.models import AuditEvent
from people import services
from people.models import Customer, MarkerType
from people.services_markers import marker_add
from people.tests.factories import make_customer


def database_state() -> tuple:
    """Everything a refused request must leave exactly as it was."""
    return (
        AuditEvent.objects.count(),
        list(Customer.objects.order_by("pk").values_list("pk", "version", "given_names", "family_name", "phone")),
    )


def customer_with_needs(actor):
    """A customer with DOMESTIC ABUSE RISK, safe-contact needs and privacy needs set."""
    customer = make_customer(actor)
    marker_add(
        actor=actor,
        customer=customer,
        marker_type=MarkerType.objects.get(code="domestic-abuse-risk"),
        reason="Ex-partner found her last address",
    )
    services.safe_contact_update(
        actor=actor,
        customer=customer,
        version=1,
        safe_to_text=True,
        no_voicemail=True,
        times_to_avoid="Weekends, when he visits the children",
        do_not_disclose_address=True,
        do_not_disclose_new_name=True,
    )
    services.privacy_needs_update(
        actor=actor, customer=customer, version=1, needs_private_room=True, phone_only_when_private=True
    )
    return customer
