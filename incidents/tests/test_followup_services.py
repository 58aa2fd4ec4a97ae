"""Referrals, their outcome in the contact notes, the UCB report, and staff wellbeing."""

import pytest

from audit.models import AuditEvent
from core.errors import HavenError, InvalidInput, NotAllowed
from disclosures.tests.helpers import customer_at_risk
from incidents import services_referrals, services_wellbeing
from incidents.models import IncidentAction, Referral, UCBReport, WellbeingRecord
from incidents.runs import run_of
from incidents.tests.followup_helpers import da_plan_reviewed, six_point_plan
from people.models import ContactNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(cara):
    return da_plan_reviewed(cara, customer_at_risk(cara))


def _offer(incident, form):
    return IncidentAction.objects.get(incident=incident, kind="offer_referral", effect__effect__form=form)


def test_a_referral_goes_to_a_safeguarding_lead_and_marks_the_plans_offer_done(cara, sam, incident):
    referral = services_referrals.referral_make(
        actor=cara, incident=incident, kind="acssl", reason="Still at risk after signposting", referred_to=sam
    )
    offer = _offer(incident, "acssl")
    assert offer.state == IncidentAction.State.DONE
    assert offer.result == f"incidents.referral:{referral.pk}"
    assert AuditEvent.objects.get(action="incident.referral_made").changes["referred_to"] == sam.pk


def test_a_referral_must_name_a_safeguarding_lead_and_a_reason(cara, tom, incident):
    with pytest.raises(InvalidInput) as problem:
        services_referrals.referral_make(actor=cara, incident=incident, kind="acssl", reason="", referred_to=tom)
    assert set(problem.value.errors) == {"reason", "referred_to"}
    assert not Referral.objects.exists()
    assert _offer(incident, "acssl").state == IncidentAction.State.PENDING


def test_the_outcome_is_written_into_the_customers_contact_notes(cara, sam, incident):
    referral = services_referrals.referral_make(
        actor=cara, incident=incident, kind="acssl", reason="Still at risk", referred_to=sam
    )
    services_referrals.referral_outcome(
        actor=sam, referral=referral, outcome="taken-over", note="I will call her on Monday", version=referral.version
    )
    note = ContactNote.objects.get(customer=incident.customer)
    assert "Outcome: Case taken over." in note.text
    assert "I will call her on Monday" in note.text
    assert incident.reference in note.text
    assert (note.source_type, note.source_id) == ("incidents.referral", str(referral.pk))
    assert AuditEvent.objects.filter(action="customer.contact_note_added").count() == 1
    assert (
        "acssl-outcome"
        in run_of(IncidentAction.objects.get(pk=_offer(incident, "acssl").pk).incident).completed_records
    )
    with pytest.raises(HavenError):
        services_referrals.referral_outcome(actor=cara, referral=referral, outcome="advice", note="x", version=None)


def test_advice_needs_the_advice_and_others_cannot_record_the_outcome(cara, sam, nia, tom, aled, incident):
    referral = services_referrals.referral_make(
        actor=cara, incident=incident, kind="acssl", reason="r", referred_to=sam
    )
    with pytest.raises(HavenError):
        services_referrals.referral_outcome(actor=cara, referral=referral, outcome="advice", note="", version=None)
    for person in (nia, tom, aled):
        with pytest.raises(NotAllowed):
            services_referrals.referral_outcome(
                actor=person, referral=referral, outcome="no-further-action", note="", version=None
            )
    assert not ContactNote.objects.exists()


def test_declining_an_offer_records_why(cara, incident):
    offer = _offer(incident, "acssl")
    services_referrals.offer_decline(actor=cara, incident=incident, action=offer, note="STL agreed no need")
    offer.refresh_from_db()
    assert (offer.state, offer.note) == (IncidentAction.State.DECLINED, "STL agreed no need")


def test_a_ucb_report_marks_the_offer_made_when_the_worker_felt_threatened(cara, nia, aled, priya):
    incident = six_point_plan(cara, customer_at_risk(cara), {"ucb-threatened": "threatened"})
    assert _offer(incident, "ucb-report").state == IncidentAction.State.PENDING
    for person in (nia, aled, priya):
        with pytest.raises(NotAllowed):
            services_referrals.ucb_report(actor=person, incident=incident, what_happened="He had a knife")
    services_referrals.ucb_report(actor=cara, incident=incident, what_happened="He had a knife")
    assert _offer(incident, "ucb-report").state == IncidentAction.State.DONE
    assert UCBReport.objects.get().reported_by == cara
    assert AuditEvent.objects.filter(action="incident.ucb_reported").count() == 1


def test_the_eap_details_come_from_the_pinned_plan_and_showing_them_is_recorded_once(cara, incident):
    assert [c.id for c in services_wellbeing.eap_contacts(incident)] == ["pam-assist"]
    services_wellbeing.eap_shown(actor=cara, incident=incident)
    services_wellbeing.eap_shown(actor=cara, incident=incident)
    assert WellbeingRecord.objects.get().user == cara
    assert AuditEvent.objects.filter(action="incident.eap_shown").count() == 1


def test_the_six_point_plan_gives_its_own_employee_assistance_contact(cara):
    incident = six_point_plan(cara, customer_at_risk(cara))
    assert [c.phone for c in services_wellbeing.eap_contacts(incident)] == ["0800 028 8763"]


def test_only_the_team_leader_records_time_away_agreed(cara, tom, nia, sam, incident):
    for person in (cara, nia, sam):
        with pytest.raises(NotAllowed):
            services_wellbeing.time_away_agree(actor=person, incident=incident, user=cara, details="Rest of the day")
    with pytest.raises(HavenError):
        services_wellbeing.time_away_agree(actor=tom, incident=incident, user=sam, details="Rest of the day")
    record = services_wellbeing.time_away_agree(actor=tom, incident=incident, user=cara, details="Rest of the day")
    assert (record.time_away_agreed, record.agreed_by, record.time_away_details) == (True, tom, "Rest of the day")
    assert AuditEvent.objects.filter(action="incident.time_away_agreed").count() == 1
