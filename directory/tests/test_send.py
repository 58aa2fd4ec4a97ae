"""Giving a customer the list: only to a channel their record marks as safe, recorded on
their record and in the audit trail, sent through GOV.UK Notify's interface (issue 6)."""

import pytest

from audit.models import AuditEvent
from core.errors import HavenError, NotAllowed, NotFound
from directory import notify
from directory.models import Entry, SignpostSend
from directory.services import signposting_send
from directory.tests.helpers import customer_safe_by, seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def gateway():
    fake = notify.FakeGateway()
    notify.use_gateway(fake)
    yield fake
    notify.use_gateway(None)


def _ids(*names):
    return [Entry.objects.get(name=name).pk for name in names]


def test_sending_by_text_to_a_channel_not_marked_safe_is_refused_and_nothing_is_sent(
    cara, sam, gateway, django_capture_on_commit_callbacks
):
    seed(sam)
    customer = customer_safe_by(cara, text=False, by_email=True)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(HavenError) as refused:
        signposting_send(actor=cara, customer_id=customer.pk, entry_ids=_ids("Galop"), channel="text")
    assert refused.value.message == "The customer's record does not say it is safe to contact them by text message."
    assert refused.value.field == "channel"
    assert gateway.sent == []
    assert not SignpostSend.objects.exists()
    assert not AuditEvent.objects.filter(action="directory.list_sent").exists()


def test_sending_by_email_when_only_text_is_safe_is_refused_too(cara, sam, gateway):
    seed(sam)
    customer = customer_safe_by(cara, text=True, by_email=False)
    with pytest.raises(HavenError, match="safe to contact them by email"):
        signposting_send(actor=cara, customer_id=customer.pk, entry_ids=_ids("Galop"), channel="email")
    assert gateway.sent == []
    assert not SignpostSend.objects.exists()


def test_a_text_to_a_safe_channel_is_sent_recorded_on_the_customer_and_audited(
    cara, sam, gateway, django_capture_on_commit_callbacks
):
    seed(sam)
    customer = customer_safe_by(cara, text=True)
    with django_capture_on_commit_callbacks(execute=True):
        sent = signposting_send(
            actor=cara, customer_id=customer.pk, entry_ids=_ids("Samaritans", "Galop"), channel="text"
        )
    assert [(m.channel, m.to) for m in gateway.sent] == [("text", "07700 900123")]
    body = gateway.sent[0].body
    assert body.index("Samaritans · 116 123") < body.index("Galop · 0800 999 5428")
    assert sent.customer == customer
    assert sent.sent_by == cara
    assert sent.entry_names == "Samaritans\nGalop"
    event = AuditEvent.objects.get(action="directory.list_sent")
    assert event.person_ref == f"customer:{customer.pk}"
    assert event.changes["channel"] == "text"


def test_the_message_goes_only_once_the_send_is_recorded(cara, sam, gateway, django_capture_on_commit_callbacks):
    seed(sam)
    customer = customer_safe_by(cara, by_email=True)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        signposting_send(actor=cara, customer_id=customer.pk, entry_ids=_ids("Galop"), channel="email")
    assert gateway.sent == []
    assert len(callbacks) == 1


def test_printing_needs_no_contact_channel_and_is_recorded(cara, sam, gateway):
    seed(sam)
    customer = customer_safe_by(cara)
    sent = signposting_send(actor=cara, customer_id=customer.pk, entry_ids=_ids("Galop"), channel="print")
    assert sent.channel == "print"
    assert gateway.sent == []
    assert AuditEvent.objects.filter(action="directory.list_sent", target_id=str(sent.pk)).exists()


def test_a_customer_with_no_email_on_record_is_told_so(cara, sam, gateway):
    seed(sam)
    customer = customer_safe_by(cara, by_email=True, email="")
    with pytest.raises(HavenError, match="no email address"):
        signposting_send(actor=cara, customer_id=customer.pk, entry_ids=_ids("Galop"), channel="email")
    assert not SignpostSend.objects.exists()


def test_text_messages_are_refused_with_a_reason_when_notify_is_not_set_up(cara, sam):
    seed(sam)
    customer = customer_safe_by(cara, text=True)
    with pytest.raises(HavenError, match="GOV.UK Notify is not set up"):
        signposting_send(actor=cara, customer_id=customer.pk, entry_ids=_ids("Galop"), channel="text")
    assert not SignpostSend.objects.exists()


def test_choosing_no_organisation_is_refused(cara, sam, gateway):
    seed(sam)
    customer = customer_safe_by(cara, text=True)
    with pytest.raises(HavenError, match="Choose at least one organisation"):
        signposting_send(actor=cara, customer_id=customer.pk, entry_ids=[], channel="text")


def test_an_auditor_cannot_send_and_nothing_is_recorded(aled, cara, sam, gateway):
    seed(sam)
    customer = customer_safe_by(cara, text=True)
    with pytest.raises(NotAllowed):
        signposting_send(actor=aled, customer_id=customer.pk, entry_ids=_ids("Galop"), channel="text")
    assert gateway.sent == []
    assert not SignpostSend.objects.exists()


def test_another_organisations_customer_is_not_found(wren, cara, sam, gateway):
    seed(sam)
    seed(wren)
    customer = customer_safe_by(cara, text=True)
    galop = Entry.objects.get(name="Galop", organisation=wren.organisation)
    with pytest.raises(NotFound):
        signposting_send(actor=wren, customer_id=customer.pk, entry_ids=[galop.pk], channel="text")
    assert not SignpostSend.objects.exists()
