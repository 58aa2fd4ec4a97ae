"""What the customer API tests share: payloads, requests with a token, and a snapshot of
everything an API call could change."""

import json

from django.urls import reverse

from api.tests.helpers import bearer
from audit.models import AuditEvent
from people.models import (
    BreakGlass,
    Customer,
    CustomerMarker,
    CustomerName,
    CustomerReference,
    PrivacyNeeds,
    SafeContact,
)

SEARCH = reverse("api:customer_search")
CREATE = reverse("api:customer_create")
NEW_PERSON = {
    "given_names": "Maya",
    "family_name": "Osei",
    "date_of_birth": "1990-07-02",
    "ni_number": "ab 65 43 21 d",
    "postcode": "ne2 1aa",
    "nation": "england",
}
SAFE_CONTACT = {
    "safe_to_call": True,
    "safe_to_text": False,
    "safe_to_email": False,
    "safe_to_write": False,
    "no_voicemail": True,
    "do_not_disclose_address": True,
    "do_not_disclose_new_name": False,
    "times_to_avoid": "Weekday evenings",
    "note": "Ask for Maya only",
}


def url_for(name, customer, *args):
    return reverse(f"api:{name}", args=[customer.pk, *args])


def send(client, method, url, plain, payload=None):
    return getattr(client, method)(
        url, data=json.dumps(payload or {}), content_type="application/json", headers=bearer(plain)
    )


def state():
    """Everything an API call could change, to prove a refused call changed nothing."""
    return (
        list(Customer.objects.values_list("pk", "version", "phone", "is_restricted")),
        list(SafeContact.objects.values_list("pk", "version")),
        list(PrivacyNeeds.objects.values_list("pk", "version")),
        list(CustomerMarker.objects.values_list("pk", "removed_at")),
        CustomerName.objects.count(),
        CustomerReference.objects.count(),
        BreakGlass.objects.count(),
        AuditEvent.objects.count(),
    )


def every_operation(customer, marker):
    """(method, url, payload) for every customer operation, each one that would succeed
    for a caseworker of the customer's organisation."""
    return [
        ("get", SEARCH + "?q=Johnson", None),
        ("post", CREATE, NEW_PERSON),
        ("get", url_for("customer_open", customer), None),
        ("patch", url_for("customer_update", customer), {"version": 1, "phone": "0191 000 0000"}),
        ("put", url_for("customer_safe_contact", customer), {"version": 1, **SAFE_CONTACT}),
        (
            "put",
            url_for("customer_privacy", customer),
            {"version": 1, "needs_private_room": True, "phone_only_when_private": False},
        ),
        ("post", url_for("customer_marker_add", customer), {"marker_type": "learning-difficulty", "reason": "Said so"}),
        ("post", url_for("customer_marker_remove", customer, marker.pk), {"reason": "Set in error"}),
        ("post", url_for("customer_name_add", customer), {"given_names": "Jane", "family_name": "Smith"}),
        ("post", url_for("customer_reference_add", customer), {"kind": "benefit", "value": "UC 123 456"}),
        ("post", url_for("customer_break_glass", customer), {"reason": "Customer on the line about a payment"}),
    ]


def call(client, operation, plain):
    method, url, payload = operation
    if method == "get":
        return client.get(url, headers=bearer(plain))
    return send(client, method, url, plain, payload)
