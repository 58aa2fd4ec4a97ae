"""Sending a list of support organisations to a customer, behind one small interface
(the pattern of work/notify.py, which sends staff email only).

GOV.UK Notify when `GOVUK_NOTIFY_API_KEY` and the signposting template ids are set; else
email through Django's backend and no text messages (the service refuses them with a
reason). Tests swap in `FakeGateway` with `use_gateway`.
"""

from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail

SUBJECT = "Support organisations that can help you"


@dataclass(frozen=True)
class Message:
    channel: str  # "text" or "email"
    to: str
    body: str


class Gateway(Protocol):
    sends_text: bool

    def send(self, message: Message) -> None: ...


class DjangoEmailGateway:
    sends_text = False

    def send(self, message: Message) -> None:
        if message.channel != "email":
            raise RuntimeError("Text messages need GOV.UK Notify.")
        send_mail(SUBJECT, message.body, settings.DEFAULT_FROM_EMAIL, [message.to], fail_silently=False)


class NotifyGateway:
    """GOV.UK Notify. Both templates take one placeholder, ((body))."""

    sends_text = True

    def __init__(self, api_key: str, sms_template_id: str, email_template_id: str) -> None:
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(api_key)
        self.sms_template_id = sms_template_id
        self.email_template_id = email_template_id

    def send(self, message: Message) -> None:
        personalisation = {"body": message.body}
        if message.channel == "text":
            self.client.send_sms_notification(
                phone_number=message.to, template_id=self.sms_template_id, personalisation=personalisation
            )
        else:
            self.client.send_email_notification(
                email_address=message.to, template_id=self.email_template_id, personalisation=personalisation
            )


@dataclass
class FakeGateway:
    """For tests: records every message instead of sending it."""

    sends_text: bool = True
    sent: list[Message] = field(default_factory=list)

    def send(self, message: Message) -> None:
        self.sent.append(message)


_override: Gateway | None = None


def gateway() -> Gateway:
    if _override is not None:
        return _override
    key = getattr(settings, "GOVUK_NOTIFY_API_KEY", "")
    sms = getattr(settings, "GOVUK_NOTIFY_SIGNPOST_SMS_TEMPLATE_ID", "")
    email = getattr(settings, "GOVUK_NOTIFY_SIGNPOST_EMAIL_TEMPLATE_ID", "")
    if key and sms and email:
        return NotifyGateway(key, sms, email)
    return DjangoEmailGateway()


def use_gateway(replacement: Gateway | None) -> None:
    global _override
    _override = replacement


def can_send_text() -> bool:
    return gateway().sends_text


def send(*, channel: str, to: str, body: str) -> None:
    gateway().send(Message(channel=channel, to=to, body=body))
