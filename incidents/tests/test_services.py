"""Starting, answering, linking and closing incidents through the services."""

import datetime as dt

import pytest
import time_machine

from audit.models import AuditEvent
from core.errors import EditConflict, HavenError, InvalidInput, NotAllowed
from disclosures.tests.helpers import customer_at_risk
from incidents import selectors, services
from incidents.models import Incident
from incidents.runs import run_of
from incidents.tests.helpers import SECTION_C, start_da_plan, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(cara):
    return customer_at_risk(cara)


def test_starting_pins_the_active_version_and_is_audited(cara, customer):
    incident = start_da_plan(cara, customer)
    assert (incident.protocol_id, incident.protocol_version) == ("domestic-abuse", "2022-03-10")
    assert incident.current_step == "safe-now"
    assert incident.team_id == cara.team_id
    assert incident.worker_home_based is False
    event = AuditEvent.objects.get(action="incident.started")
    assert event.target_id == str(incident.pk)
    assert event.person_ref == f"customer:{customer.pk}"


def test_a_caller_not_yet_identified_needs_a_description_then_is_linked(cara, customer):
    with pytest.raises(InvalidInput) as problem:
        services.incident_start(actor=cara, channel="telephone", protocol_id="domestic-abuse")
    assert "caller_description" in problem.value.errors
    incident = start_da_plan(cara)
    assert incident.customer is None
    linked = services.incident_link_customer(actor=cara, incident=incident, customer=customer, version=incident.version)
    assert linked.customer == customer
    assert linked.version == incident.version + 1
    with pytest.raises(HavenError):
        services.incident_link_customer(actor=cara, incident=linked, customer=customer)


def test_bad_channel_and_plan_are_reported_together(cara, customer):
    with pytest.raises(InvalidInput) as problem:
        services.incident_start(actor=cara, channel="carrier-pigeon", protocol_id="astrology", customer=customer)
    assert set(problem.value.errors) == {"channel", "protocol"}
    assert not Incident.objects.exists()


def test_other_roles_and_organisations_cannot_start(aled, priya, wren, customer):
    for person in (aled, priya, wren):
        with pytest.raises(NotAllowed):
            start_da_plan(person, customer)
    assert not Incident.objects.exists()


def test_answers_are_time_stamped_and_section_c_ends_the_plan(cara, customer):
    with time_machine.travel(dt.datetime(2026, 11, 24, 14, 30, tzinfo=dt.UTC), tick=False):
        incident = walk(start_da_plan(cara, customer), cara, SECTION_C)
    run = run_of(incident)
    assert run.finished
    first = run.events[0]
    assert (first["step"], first["value"], first["by"]) == ("safe-now", "safe", "cara")
    assert first["at"].startswith("2026-11-24T14:30")
    assert AuditEvent.objects.filter(action="incident.step_answered", target_id=str(incident.pk)).count() == len(
        run.events
    )


def test_a_step_answered_against_an_old_version_is_a_conflict_and_changes_nothing(cara, customer):
    incident = start_da_plan(cara, customer)
    stale_version = incident.version
    services.step_answer(actor=cara, incident=incident, step="safe-now", value="safe", version=stale_version)
    with pytest.raises(EditConflict) as conflict:
        services.step_answer(
            actor=cara, incident=incident, step="safe-now", value="not-safe-now", version=stale_version
        )
    assert conflict.value.current["current_step"] == "c-nation"
    assert run_of(Incident.objects.get(pk=incident.pk)).answers == {"safe-now": "safe"}


def test_a_bad_answer_is_refused_beside_the_answer_and_changes_nothing(cara, customer):
    incident = start_da_plan(cara, customer)
    with pytest.raises(HavenError) as problem:
        services.step_answer(actor=cara, incident=incident, step="safe-now", value="fine", version=incident.version)
    assert problem.value.field == "answer"
    assert Incident.objects.get(pk=incident.pk).version == incident.version


def test_only_the_worker_answers_steps(cara, tom, hana, customer):
    incident = start_da_plan(cara, customer)
    for person in (tom, hana):
        with pytest.raises(NotAllowed):
            services.step_answer(actor=person, incident=incident, step="safe-now", value="safe", version=None)


def test_going_back_changes_an_answer_and_walks_the_later_steps_again(cara, customer):
    incident = walk(start_da_plan(cara, customer), cara, SECTION_C, until="c-send-list")
    incident = services.step_change(
        actor=cara, incident=incident, step="c-nation", value="scotland", version=incident.version
    )
    assert incident.current_step == "c-police-scotland"


def test_closing_needs_the_end_and_sets_six_years_retention(cara, customer):
    incident = start_da_plan(cara, customer)
    with pytest.raises(HavenError):
        services.incident_close(actor=cara, incident=incident)
    incident = walk(incident, cara, SECTION_C)
    with time_machine.travel(dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)):
        closed = services.incident_close(actor=cara, incident=incident)
    assert closed.keep_until == dt.date(2032, 11, 24)
    with pytest.raises(HavenError):
        services.step_answer(actor=cara, incident=closed, step="end", value=None, version=None)


def test_who_may_open_an_incident_and_every_opening_is_audited(cara, hana, tom, dee, sam, aled, priya, wren, customer):
    incident = start_da_plan(cara, customer)
    for person in (cara, tom, dee, sam, aled):
        assert selectors.incident_open(user=person, incident_id=incident.pk) == incident
    assert AuditEvent.objects.filter(action="incident.opened", target_id=str(incident.pk)).count() == 5
    for person in (hana, priya, wren):
        with pytest.raises(HavenError):
            selectors.incident_open(user=person, incident_id=incident.pk)
    assert AuditEvent.objects.filter(action="incident.opened").count() == 5
