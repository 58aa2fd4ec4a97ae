"""What every page about a customer shows at its top (issue 3: safe-contact needs "sit at
the top of every page about the person"), and small helpers for the customer pages.

    {% include "people/includes/customer_banner.html" %}   with `customer` in the context
"""

from dataclasses import dataclass, field

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.urls import NoReverseMatch, reverse

from people import identifiers
from people.models import Customer, CustomerMarker, PrivacyNeeds, SafeContact

register = template.Library()

DOMESTIC_ABUSE_RISK = "domestic-abuse-risk"
# Markers about a risk to someone's safety are red; the rest are needs to bear in mind.
RED_MARKERS = frozenset({DOMESTIC_ABUSE_RISK, "risk-to-staff"})


@dataclass(frozen=True)
class BannerMarker:
    name: str
    is_domestic_abuse_risk: bool
    colour: str


@dataclass
class Banner:
    """The facts the banner shows; nothing here is read twice from the database."""

    customer: Customer
    markers: list[BannerMarker] = field(default_factory=list)
    safe_contact: SafeContact | None = None
    privacy: PrivacyNeeds | None = None

    @property
    def has_domestic_abuse_risk(self) -> bool:
        return any(marker.is_domestic_abuse_risk for marker in self.markers)

    @property
    def channels(self) -> list[tuple[str, bool]]:
        safe = self.safe_contact
        if safe is None:
            return []
        return [
            ("Call", safe.safe_to_call),
            ("Text", safe.safe_to_text),
            ("Email", safe.safe_to_email),
            ("Letter", safe.safe_to_write),
        ]


def _current_markers(customer: Customer) -> list[CustomerMarker]:
    # Uses the markers the record page prefetched when there are some; otherwise one query.
    if "markers" in getattr(customer, "_prefetched_objects_cache", {}):
        markers = [marker for marker in customer.markers.all() if marker.removed_at is None]
    else:
        markers = list(customer.markers.filter(removed_at=None).select_related("marker_type"))
    # DOMESTIC ABUSE RISK first: it is the one that changes what a worker says next.
    return sorted(markers, key=lambda m: (m.marker_type.code != DOMESTIC_ABUSE_RISK, m.marker_type.name))


def _related(customer: Customer, name: str):
    try:
        return getattr(customer, name)
    except ObjectDoesNotExist:
        return None


@register.simple_tag
def customer_banner_facts(customer: Customer) -> Banner:
    markers = [
        BannerMarker(
            name=marker.marker_type.name,
            is_domestic_abuse_risk=marker.marker_type.code == DOMESTIC_ABUSE_RISK,
            colour="red" if marker.marker_type.code in RED_MARKERS else "yellow",
        )
        for marker in _current_markers(customer)
    ]
    return Banner(
        customer=customer,
        markers=markers,
        safe_contact=_related(customer, "safe_contact"),
        privacy=_related(customer, "privacy_needs"),
    )


@register.simple_tag
def optional_url(name: str, *args) -> str:
    """The URL, or "" while the page it names does not exist yet (pages of issue 3 are
    built side by side, and a link must not break the page that holds it)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.filter
def postcode_area(postcode: str) -> str:
    """The outward code only ("NE1"): enough to tell two people apart, not to find them."""
    return (postcode or "").split(" ")[0]


@register.filter
def yes_no(value) -> str:
    return "Yes" if value else "No"


@register.filter
def ni_number(value: str) -> str:
    """'AB123456C' as people read it aloud: 'AB 12 34 56 C'."""
    return identifiers.format_ni_number(value) if value else ""
