"""DA Plan Section A runs for the emergency part's tests, walked through the real services."""

import datetime as dt

from django.utils import timezone

from incidents.models import Incident
from incidents.tests.helpers import start_da_plan, walk

# The customer is in immediate danger, unable to phone, refuses consent; not urgent, so
# the team leader decides to call; she is told; the worker calls the police at 14:20.
SECTION_A = {
    "safe-now": "not-safe-now",
    "a-where": {"description": "At home, 12 Elm Street", "postcode": "NE1 4ST"},
    "a-someone-with": "no",
    "a-why-danger": "Her ex-partner is outside and has threatened her",
    "a-children-with": "yes",
    "a-children-in-danger": "yes",
    "a-who-threatened": "Her ex-partner",
    "a-what-threatened": "To break in",
    "a-going-anywhere": "No",
    "a-risk": "in-danger",
    "es-ask-to-phone-999": "unable-or-unwilling",
    "es-ask-consent": "refuses",
    "es-urgent": "not-urgent",
    "es-decision": ("call", {"role": "team-leader", "note": "Threat to life: he is at the door"}),
    "es-tell-customer": "told",
    "es-national-centre": "customer-local",
    "es-location": {"description": "12 Elm Street, Newcastle", "postcode": "NE1 4ST"},
    "es-called-at": "14:20",
    "es-police-reference": "NP-2026-1234",
    "rt-after-call": "Ex-partner outside her home threatening to break in; children present.",
    "review-mental-health-first-aider": "no",
    "support-home-based": "office-based",
    "acssl-consider": "no-referral",
}
# 15:00 in London on a Tuesday in November (GMT): the call at 14:20 was forty minutes ago.
NOW = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)


def section_a(worker, customer=None, *, until="rt-after-call", **overrides):
    answers = {**SECTION_A, **overrides}
    return walk(start_da_plan(worker, customer), worker, answers, until=until)


def join_as_partner(incident, partner):
    """The partner part's service is built elsewhere; here the join is what it records."""
    Incident.objects.filter(pk=incident.pk).update(partner=partner, partner_joined_at=timezone.now())
    return Incident.objects.get(pk=incident.pk)


def call_data(**overrides) -> dict:
    data = {
        "asked_customer_to_phone": True,
        "asked_whether_we_phone": True,
        "consent": "refused",
        "decided_by_kind": "worker-urgent",
        "decided_by": None,
        "decision_reason": "He was breaking the door down",
        "service": "police",
        "called_at": timezone.now() - dt.timedelta(minutes=5),
        "police_reference": "NP-2026-1234",
        "location_given": "12 Elm Street, Newcastle NE1 4ST",
        "from_national_centre": False,
        "customer_area": "",
        "customer_told": True,
        "not_told_reason": "",
    }
    data.update(overrides)
    return data
