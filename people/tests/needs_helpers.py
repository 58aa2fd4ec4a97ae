"""Shared set-up for the tests of the needs pages (safe contact, privacy, markers, people
around, restriction and break glass)."""

import re

from django.db import connection

from audit.models import AuditEvent
from core.testing.html import checked
from people import services
from people.models import (
    BreakGlass,
    Customer,
    CustomerMarker,
    MarkerType,
    NamedAccess,
    PersonAround,
    PrivacyNeeds,
    SafeContact,
)
from people.services_markers import marker_add
from people.tests.factories import make_customer


def needs_state() -> tuple:
    """Everything a refused request must leave exactly as it was, audit trail included."""
    return (
        AuditEvent.objects.count(),
        list(Customer.objects.order_by("pk").values_list("pk", "version", "is_restricted")),
        list(SafeContact.objects.order_by("pk").values_list("pk", "version", "safe_to_call", "updated_at")),
        list(PrivacyNeeds.objects.order_by("pk").values_list("pk", "version", "needs_private_room", "updated_at")),
        list(CustomerMarker.objects.order_by("pk").values_list("pk", "removed_at", "removed_by", "updated_at")),
        list(MarkerType.objects.order_by("pk").values_list("pk", "is_active", "updated_at")),
        list(PersonAround.objects.order_by("pk").values_list("pk", "name", "ended_on", "updated_at")),
        list(NamedAccess.objects.order_by("pk").values_list("pk", "user_id")),
        BreakGlass.objects.count(),
    )


def customer_with_needs(actor):
    """Jane Johnson, with DOMESTIC ABUSE RISK, no voicemail, and her new name never to be disclosed."""
    customer = make_customer(actor)
    marker_add(
        actor=actor,
        customer=customer,
        marker_type=MarkerType.objects.get(code="domestic-abuse-risk"),
        reason="Ex-partner found her last address",
    )
    services.safe_contact_update(
        actor=actor, customer=customer, version=1, safe_to_text=True, no_voicemail=True, do_not_disclose_new_name=True
    )
    return Customer.objects.get(pk=customer.pk)


def banner(response) -> str:
    """The banner at the top of a customer page (empty if the page has none)."""
    html = response.content.decode()
    found = re.search(r'<section[^>]*id="customer-banner".*?</section>', html, re.S)
    return found.group(0) if found else ""


def assert_banner_shows_needs(response) -> None:
    shown = banner(response)
    assert "DOMESTIC ABUSE RISK" in shown
    assert "No voicemail" in shown
    assert "Do not disclose new name" in shown


def raw_column(table: str, column: str, pk: int) -> str:
    """The value as stored, bypassing the model (and so its decryption)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608 - test constants
        return str(cursor.fetchone()[0])


def field_value(response, name: str) -> str:
    """What a text input or textarea on the page holds."""
    html = response.content.decode()
    textarea = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    if textarea:
        # HTML drops a newline straight after <textarea> (Django's widget writes one).
        return textarea.group(1).removeprefix("\n")
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    return found.group(1) if found else ""


def checked_value(response, name: str) -> str:
    """The value of the checked radio (or checkbox) called `name`, or ""."""
    values = checked(response.content.decode(), name)
    return values[0] if values else ""
