"""A list given from the guided incident screen's side panel names the incident it was
given in (issue 6 with issue 8): only an incident the sender may open, about the same
customer; anything else is refused and nothing is sent or recorded."""

import pytest

from audit.models import AuditEvent
from core.errors import HavenError, NotFound
from directory.models import Entry, SignpostSend
from directory.services import signposting_send
from directory.tests.helpers import customer_safe_by, seed
from incidents.tests.helpers import start_da_plan

pytestmark = pytest.mark.django_db


def _galop():
    return [Entry.objects.get(name="Galop").pk]


def test_a_list_printed_during_an_incident_is_linked_to_it_and_audited(cara, sam):
    seed(sam)
    customer = customer_safe_by(cara)
    incident = start_da_plan(cara, customer)
    sent = signposting_send(
        actor=cara, customer_id=customer.pk, entry_ids=_galop(), channel="print", incident_id=incident.pk
    )
    assert SignpostSend.objects.get(pk=sent.pk).incident == incident
    assert list(incident.signpost_sends.all()) == [sent]
    event = AuditEvent.objects.get(action="directory.list_sent", target_id=str(sent.pk))
    assert event.changes["incident"] == incident.pk


def test_a_list_sent_without_an_incident_names_none(cara, sam):
    seed(sam)
    customer = customer_safe_by(cara)
    sent = signposting_send(actor=cara, customer_id=customer.pk, entry_ids=_galop(), channel="print")
    assert sent.incident is None


def test_an_incident_about_another_customer_is_refused_and_nothing_is_recorded(cara, sam):
    seed(sam)
    customer = customer_safe_by(cara)
    other = start_da_plan(cara, customer_safe_by(cara))
    events = AuditEvent.objects.count()
    with pytest.raises(HavenError, match="about someone else"):
        signposting_send(actor=cara, customer_id=customer.pk, entry_ids=_galop(), channel="print", incident_id=other.pk)
    assert not SignpostSend.objects.exists()
    assert AuditEvent.objects.count() == events


def test_an_incident_the_sender_cannot_open_is_not_found_and_nothing_is_recorded(cara, nia, sam):
    seed(sam)
    customer = customer_safe_by(cara)
    incident = start_da_plan(cara, customer)  # Nia has not joined it
    with pytest.raises(NotFound):
        signposting_send(
            actor=nia, customer_id=customer.pk, entry_ids=_galop(), channel="print", incident_id=incident.pk
        )
    assert not SignpostSend.objects.exists()


def test_a_list_given_during_the_da_plan_ticks_off_its_signposting_to_dos(cara, sam):
    from incidents.tests.helpers import SECTION_C, walk

    seed(sam)
    customer = customer_safe_by(cara)
    incident = walk(start_da_plan(cara, customer), cara, {**SECTION_C, "c-send-list": "yes"})
    to_do = incident.actions.filter(kind="signpost")
    assert to_do.count() >= 2
    assert set(to_do.values_list("state", flat=True)) == {"pending"}
    sent = signposting_send(
        actor=cara, customer_id=customer.pk, entry_ids=_galop(), channel="print", incident_id=incident.pk
    )
    assert set(to_do.values_list("state", flat=True)) == {"done"}
    assert set(to_do.values_list("result", flat=True)) == {f"directory.signpostsend:{sent.pk}"}
    assert set(to_do.values_list("done_by", flat=True)) == {cara.pk}
