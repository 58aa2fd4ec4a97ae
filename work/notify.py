"""Sending reminder and escalation emails, behind one small interface.

Django's email backend by default; GOV.UK Notify when `GOVUK_NOTIFY_API_KEY` is set.
Tests swap in `FakeGateway` with `use_gateway`, which records what would have gone.
"""

from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.message import EmailMessage


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    body: str


class EmailGateway(Protocol):
    def send_email(self, messages: list[Email]) -> None: ...


class DjangoEmailGateway:
    """Django's EMAIL_BACKEND, one connection for the whole batch."""

    def send_email(self, messages: list[Email]) -> None:
        emails = [
            EmailMessage(subject=m.subject, body=m.body, from_email=settings.DEFAULT_FROM_EMAIL, to=[m.to])
            for m in messages
        ]
        get_connection(fail_silently=False).send_messages(emails)


class NotifyGateway:
    """GOV.UK Notify, one API call per message (Notify has no batch email call). The
    template takes two placeholders, ((subject)) and ((body))."""

    def __init__(self, api_key: str, template_id: str) -> None:
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(api_key)
        self.template_id = template_id

    def send_email(self, messages: list[Email]) -> None:
        for message in messages:
            self.client.send_email_notification(
                email_address=message.to,
                template_id=self.template_id,
                personalisation={"subject": message.subject, "body": message.body},
            )


@dataclass
class FakeGateway:
    """For tests: records every message instead of sending it."""

    sent: list[Email] = field(default_factory=list)

    def send_email(self, messages: list[Email]) -> None:
        self.sent.extend(messages)


_override: EmailGateway | None = None


def gateway() -> EmailGateway:
    if _override is not None:
        return _override
    if settings.GOVUK_NOTIFY_API_KEY:
        return NotifyGateway(settings.GOVUK_NOTIFY_API_KEY, settings.GOVUK_NOTIFY_TEMPLATE_ID)
    return DjangoEmailGateway()


def use_gateway(replacement: EmailGateway | None) -> None:
    """Tests and benchmarks put a gateway in place (None puts the configured one back)."""
    global _override
    _override = replacement
