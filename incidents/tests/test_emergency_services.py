"""Recording the emergency call (DA Plan, "Call the Emergency Services") and the
disclosure decision it opens, through the services."""

import datetime as dt

import pytest
import time_machine

from audit.models import AuditEvent
from core.errors import EditConflict, InvalidInput, NotAllowed
from disclosures import services as disclosure_services
from disclosures.models import Disclosure
from disclosures.tests.helpers import customer_at_risk
from incidents import services
from incidents.models import EmergencyCall, IncidentAction
from incidents.services_emergency import emergency_call_record, emergency_call_update
from incidents.services_emergency_prefill import call_prefill, disclosure_prefill
from incidents.tests.emergency_walk import NOW, call_data, join_as_partner, section_a
from incidents.tests.helpers import walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(cara):
    return customer_at_risk(cara)


@pytest.fixture
def at_call(cara, customer):
    with time_machine.travel(NOW, tick=False):
        yield section_a(cara, customer, until="rt-after-call")


def test_the_form_is_prefilled_from_the_plans_answers(at_call, tom):
    with time_machine.travel(NOW, tick=False):
        values = call_prefill(at_call)
    assert values["asked_customer_to_phone"] is True
    assert values["asked_whether_we_phone"] is True
    assert values["consent"] == "refused"
    assert values["decided_by_kind"] == "team-leader"
    assert values["decided_by"] == tom
    assert values["decision_reason"] == "Threat to life: he is at the door"
    assert values["service"] == "police"
    assert values["called_at"] == dt.datetime(2026, 11, 24, 14, 20, tzinfo=dt.UTC)
    assert values["police_reference"] == "NP-2026-1234"
    assert values["location_given"] == "12 Elm Street, Newcastle, NE1 4ST"
    assert values["from_national_centre"] is False
    assert values["customer_told"] is True


def test_an_urgent_call_without_waiting_is_prefilled_as_the_worker_deciding_alone(cara, customer):
    with time_machine.travel(NOW, tick=False):
        incident = section_a(cara, customer, until="es-call", **{"es-urgent": "urgent"})
        values = call_prefill(incident)
    assert values["decided_by_kind"] == "worker-urgent"
    assert values["decided_by"] == cara


def test_the_worker_records_the_call_and_the_plans_action_is_done(at_call, cara, tom):
    with time_machine.travel(NOW, tick=False):
        data = {**call_prefill(at_call), "decided_by": tom}
        call = emergency_call_record(actor=cara, incident=at_call, data=call_data(**data))
    assert (call.made_by, call.recorded_by, call.decided_by) == (cara, cara, tom)
    action = IncidentAction.objects.get(incident=at_call, kind="record_emergency_call")
    assert (action.state, action.result) == ("done", f"incidents.emergencycall:{call.pk}")
    event = AuditEvent.objects.get(action="incident.emergency_call_recorded")
    assert event.changes["consent"] == "refused"
    assert "decision_reason" not in event.changes
    assert "location_given" not in event.changes
    assert event.person_ref == f"customer:{at_call.customer_id}"


def test_the_support_partner_records_a_call_they_made_on_the_workers_behalf(at_call, nia):
    incident = join_as_partner(at_call, nia)
    call = emergency_call_record(actor=nia, incident=incident, data=call_data())
    assert (call.made_by, call.recorded_by) == (nia, nia)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"decision_reason": ""}, "decision_reason"),
        ({"consent": "no-response", "decision_reason": ""}, "decision_reason"),
        ({"customer_told": False, "not_told_reason": ""}, "not_told_reason"),
        ({"customer_told": None}, "customer_told"),
        ({"from_national_centre": True, "customer_area": ""}, "customer_area"),
        ({"asked_whether_we_phone": False, "consent": "given"}, "consent"),
        ({"asked_whether_we_phone": True, "consent": "not-asked"}, "consent"),
        ({"asked_customer_to_phone": None}, "asked_customer_to_phone"),
        ({"decided_by_kind": "customer-consented"}, "decided_by_kind"),
        ({"decided_by_kind": "team-leader", "decided_by": None}, "decided_by"),
        ({"location_given": ""}, "location_given"),
        ({"called_at": None}, "called_at"),
    ],
)
def test_the_sequence_and_required_reasons_are_checked_and_nothing_is_saved(at_call, cara, overrides, field):
    with pytest.raises(InvalidInput) as problem:
        emergency_call_record(actor=cara, incident=at_call, data=call_data(**overrides))
    assert field in problem.value.errors
    assert not EmergencyCall.objects.exists()
    assert IncidentAction.objects.get(incident=at_call, kind="record_emergency_call").state == "pending"


def test_consent_given_needs_no_reason_and_the_decider_is_the_customer(at_call, cara):
    call = emergency_call_record(
        actor=cara,
        incident=at_call,
        data=call_data(consent="given", decided_by_kind="customer-consented", decision_reason=""),
    )
    assert call.decided_by is None


def test_the_decider_must_be_a_leader_of_the_workers_team(at_call, cara, dee, sam):
    with pytest.raises(InvalidInput) as problem:
        emergency_call_record(
            actor=cara, incident=at_call, data=call_data(decided_by_kind="team-leader", decided_by=dee)
        )
    assert "decided_by" in problem.value.errors
    call = emergency_call_record(
        actor=cara, incident=at_call, data=call_data(decided_by_kind="deputy-manager", decided_by=dee)
    )
    assert call.decided_by == dee


def test_nobody_else_records_a_call(at_call, tom, hana, aled, priya, wren, nia):
    for person in (tom, hana, aled, priya, wren, nia):  # nia has not joined this incident
        with pytest.raises(NotAllowed):
            emergency_call_record(actor=person, incident=at_call, data=call_data())
    assert not EmergencyCall.objects.exists()


def test_a_change_against_an_old_version_is_a_conflict(at_call, cara):
    call = emergency_call_record(actor=cara, incident=at_call, data=call_data())
    changed = emergency_call_update(actor=cara, call=call, data=call_data(police_reference="NP-9"), version=1)
    assert (changed.version, changed.police_reference) == (2, "NP-9")
    with pytest.raises(EditConflict) as conflict:
        emergency_call_update(actor=cara, call=call, data=call_data(police_reference="NP-10"), version=1)
    assert conflict.value.current["version"] == "2"
    assert EmergencyCall.objects.get(pk=call.pk).police_reference == "NP-9"
    assert AuditEvent.objects.filter(action="incident.emergency_call_changed").count() == 1


def test_the_disclosure_is_prefilled_from_the_call_and_linked_when_drafted(at_call, cara, tom):
    with time_machine.travel(NOW, tick=False):
        call = emergency_call_record(
            actor=cara, incident=at_call, data=call_data(decided_by_kind="team-leader", decided_by=tom)
        )
        prefill = disclosure_prefill(call)
        assert prefill["recipient_kind"] == "police"
        assert prefill["shared_at"] == call.called_at
        assert prefill["reference_number"] == "NP-2026-1234"
        assert prefill["consent"] == "refused"
        assert prefill["emergency"] is False
        assert prefill["second_opinion_by"] == tom.pk
        assert prefill["person_told"] is True
        assert "without the customer's consent" in prefill["purpose"]
        data = {
            **prefill,
            "second_opinion_by": tom,
            "article_6": "6-1-d",
            "article_9": "9-2-g",
            "schedule_1": "sch1-18",
            "items": ["name", "address"],
            "protection": "harm",
            "needs_care_and_support": True,
            "experiencing_or_at_risk_of_harm": True,
            "unable_to_protect_self": True,
            "para_18_reason": "would-prejudice",
        }
        disclosure = disclosure_services.disclosure_draft(
            actor=cara, customer=at_call.customer, data=data, incident=at_call
        )
    assert disclosure.incident == at_call
    assert EmergencyCall.objects.get(pk=call.pk).disclosure == disclosure
    opened = IncidentAction.objects.filter(incident=at_call, kind="open_disclosure_decision")
    assert opened.exists()
    assert set(opened.values_list("state", flat=True)) == {"done"}
    assert AuditEvent.objects.filter(action="incident.disclosure_linked").count() == 1


def test_a_disclosure_for_another_customer_cannot_be_linked(at_call, cara):
    other = customer_at_risk(cara)
    with pytest.raises(Exception, match="not about this customer"):
        disclosure_services.disclosure_draft(actor=cara, customer=other, data={}, incident=at_call)
    assert not Disclosure.objects.exists()


SIX_POINT_HOME_WORKING = {
    "channel": "home-working",
    "gather-plans": "Says she has tablets saved up",
    "gather-action-taken": "no",
    "gather-means": "yes",
    "gather-previous": "no",
    "gather-treatment": "no",
    "gather-location": {"description": "Flat 3, 40 Quay Road", "postcode": "NE6 1AA"},
    "gather-going": "Staying in",
    "gather-imminence": "now",
    "gather-support": "No one",
    "risk": "serious",
    "abroad": "no",
    "emergency-called-at": "14:25",
}


def test_the_six_point_plan_prefills_a_call_the_partner_made_without_consent(hana, nia, customer):
    with time_machine.travel(NOW, tick=False):
        incident = services.incident_start(
            actor=hana, protocol_id="suicide-self-harm", customer=customer, channel="home-working"
        )
        incident = join_as_partner(incident, nia)
        incident = walk(incident, hana, SIX_POINT_HOME_WORKING, until="emergency-reference")
        incident = services.step_answer(
            actor=hana, incident=incident, step="emergency-reference", value="MH-881", version=incident.version
        )
        values = call_prefill(incident)
    assert values["consent"] == "not-asked"
    assert values["decided_by_kind"] == "worker-urgent"
    assert values["decided_by"] == hana
    assert values["customer_told"] is True
    assert values["from_national_centre"] is True
    assert values["made_by"] == nia
    assert values["service"] == "emergency-services"
    assert values["called_at"] == dt.datetime(2026, 11, 24, 14, 25, tzinfo=dt.UTC)
    assert values["police_reference"] == "MH-881"
    assert values["location_given"] == "Flat 3, 40 Quay Road, NE6 1AA"
