"""The one question every part of Haven asks before contacting a customer: is this
channel safe? (issue 3: safe-contact needs "sit at the top of every page about the
person, and every part of Haven that contacts the person must ask them")."""

from core.errors import HavenError
from people.models import Customer, SafeContact

CHANNELS = {
    "call": ("safe_to_call", "phone"),
    "text": ("safe_to_text", "text message"),
    "email": ("safe_to_email", "email"),
    "letter": ("safe_to_write", "letter"),
}


def safe_contact_for(customer: Customer) -> SafeContact:
    return SafeContact.objects.get_or_create(customer=customer)[0]


def unsafe_reason(customer: Customer, channel: str) -> str | None:
    """None if Haven may contact the customer this way, else why not, in plain words."""
    if channel not in CHANNELS:
        raise ValueError(f"Unknown contact channel {channel!r}")
    flag, label = CHANNELS[channel]
    safe = safe_contact_for(customer)
    if not getattr(safe, flag):
        return f"The customer's record does not say it is safe to contact them by {label}."
    return None


def require_safe_channel(customer: Customer, channel: str) -> None:
    reason = unsafe_reason(customer, channel)
    if reason:
        raise HavenError(reason, field="channel", code="unsafe-channel")
