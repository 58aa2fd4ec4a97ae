"""The emergency call pages, the guided screen's emergency panel, the disclosure form
opened from a call, and the refusals: the wrong role changes nothing."""

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from audit.models import AuditEvent
from disclosures.models import Disclosure
from disclosures.tests.helpers import customer_at_risk
from disclosures.tests.helpers import form_post as disclosure_post
from incidents.models import EmergencyCall, IncidentAction
from incidents.services_emergency import emergency_call_record
from incidents.tests.emergency_walk import NOW, call_data, join_as_partner, section_a

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(cara):
    return customer_at_risk(cara)


@pytest.fixture
def incident(cara, customer):
    with time_machine.travel(NOW, tick=False):
        return section_a(cara, customer, until="rt-after-call")


def call_post(**overrides) -> dict:
    data = {
        "asked_customer_to_phone": "yes",
        "asked_whether_we_phone": "yes",
        "consent": "refused",
        "decided_by_kind": "worker-urgent",
        "decision_reason": "He was breaking the door down",
        "service": "police",
        "called_on_day": "24",
        "called_on_month": "11",
        "called_on_year": "2026",
        "called_time": "14:20",
        "police_reference": "NP-2026-1234",
        "location_given": "12 Elm Street, Newcastle NE1 4ST",
        "from_national_centre": "no",
        "customer_told": "yes",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _url(incident):
    return reverse("incidents:emergency_call", args=[incident.pk])


def test_the_form_is_prefilled_from_the_plan_under_the_customer_banner(sign_in, cara, tom, incident):
    page = sign_in(cara).get(_url(incident))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="customer-banner"' in html
    assert 'value="NP-2026-1234"' in html
    assert 'value="14:20"' in html
    assert f'<option value="{tom.pk}" selected>' in html
    assert AuditEvent.objects.filter(action="incident.opened", target_id=str(incident.pk)).exists()


def test_recording_from_the_panel_returns_to_the_guided_screen(sign_in, cara, incident):
    guided = f"/incidents/{incident.pk}/"
    response = sign_in(cara).post(_url(incident), {**call_post(), "next": guided})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == guided
    call = EmergencyCall.objects.get(incident=incident)
    assert (call.made_by, call.police_reference) == (cara, "NP-2026-1234")
    assert IncidentAction.objects.get(incident=incident, kind="record_emergency_call").state == "done"


def test_a_next_address_elsewhere_is_not_followed(sign_in, cara, incident):
    response = sign_in(cara).post(_url(incident), {**call_post(), "next": "https://evil.example/"})
    call = EmergencyCall.objects.get(incident=incident)
    assert response["Location"] == reverse("incidents:emergency_call_detail", args=[incident.pk, call.pk])


def test_a_missing_reason_is_shown_beside_its_field_and_nothing_is_saved(sign_in, cara, incident):
    response = sign_in(cara).post(_url(incident), call_post(decision_reason="", customer_told="no"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "enter the reason for the decision to call" in html
    assert "Enter why the customer was not told" in html
    assert not EmergencyCall.objects.exists()


def test_the_partner_who_joined_records_the_call_they_made(sign_in, nia, incident):
    join_as_partner(incident, nia)
    response = sign_in(nia).post(_url(incident), call_post(made_by=str(nia.pk)))
    assert response.status_code == 302
    assert EmergencyCall.objects.get().made_by == nia


@pytest.mark.parametrize(("persona", "status"), [("priya", 404), ("wren", 404), ("hana", 404), ("aled", 403)])
def test_the_wrong_people_cannot_record_a_call_and_nothing_changes(request, sign_in, incident, persona, status):
    client = sign_in(request.getfixturevalue(persona))
    events = AuditEvent.objects.count()
    response = client.post(_url(incident), call_post())
    assert response.status_code == status
    assert not EmergencyCall.objects.exists()
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("persona", ["priya", "wren", "hana"])
def test_the_call_page_is_not_found_for_those_who_cannot_open_the_incident(request, sign_in, incident, persona):
    assert sign_in(request.getfixturevalue(persona)).get(_url(incident)).status_code == 404


def test_the_auditor_reads_the_calls_but_gets_no_form(sign_in, cara, aled, incident):
    emergency_call_record(actor=cara, incident=incident, data=call_data())
    html = sign_in(aled).get(_url(incident)).content.decode()
    assert "Calls recorded" in html
    assert "Record the call" not in html


def test_a_change_against_an_old_version_shows_their_version_and_changes_nothing(sign_in, cara, incident):
    call = emergency_call_record(actor=cara, incident=incident, data=call_data())
    url = reverse("incidents:emergency_call_detail", args=[incident.pk, call.pk])
    client = sign_in(cara)
    assert client.post(url, call_post(police_reference="NP-2", version="1")).status_code == 302
    stale = client.post(url, call_post(police_reference="NP-3", version="1"))
    assert stale.status_code == 409
    assert "Someone changed this emergency call record" in stale.content.decode()
    assert 'value="NP-2"' in stale.content.decode()
    assert EmergencyCall.objects.get(pk=call.pk).police_reference == "NP-2"


def test_the_auditor_cannot_change_a_call(sign_in, cara, aled, incident):
    call = emergency_call_record(actor=cara, incident=incident, data=call_data())
    url = reverse("incidents:emergency_call_detail", args=[incident.pk, call.pk])
    assert sign_in(aled).post(url, call_post(police_reference="NP-X", version="1")).status_code == 403
    assert EmergencyCall.objects.get(pk=call.pk).version == 1


def test_the_disclosure_form_opens_prefilled_from_the_call_and_links_it(sign_in, cara, incident):
    call = emergency_call_record(actor=cara, incident=incident, data=call_data(called_at=None) | {"called_at": NOW})
    url = reverse("disclosures:new", args=[incident.customer_id]) + f"?incident={incident.pk}"
    client = sign_in(cara)
    page = client.get(url).content.decode()
    assert 'value="NP-2026-1234"' in page
    assert 'value="Police"' in page
    response = client.post(url, disclosure_post(reference_number="NP-2026-1234"))
    assert response.status_code == 302, response.content.decode()[:2000]
    disclosure = Disclosure.objects.get()
    assert disclosure.incident == incident
    assert EmergencyCall.objects.get(pk=call.pk).disclosure == disclosure


def test_the_disclosure_form_refuses_an_incident_the_person_cannot_open(sign_in, cara, sam, incident, customer):
    other = customer_at_risk(cara)
    url = reverse("disclosures:new", args=[other.pk]) + f"?incident={incident.pk}"
    assert sign_in(cara).get(url).status_code == 404


def _panel(incident, user):
    request = RequestFactory().get(f"/incidents/{incident.pk}/")
    request.user, request.csp_nonce = user, "n"
    context = {"incident": incident, "user": user, "can_answer": True, "run_summary": None}
    return render_to_string("incidents/panels/emergency.html", context, request=request)


def test_the_guided_screens_panel_holds_the_form_for_the_worker_only(cara, aled, incident):
    def panel(user):
        return _panel(incident, user)

    worker = panel(cara)
    assert 'id="emergency-call-form"' in worker
    assert f'name="next" value="/incidents/{incident.pk}/"' in worker
    assert 'value="NP-2026-1234"' in worker
    assert 'id="emergency-call-form"' not in panel(aled)


def test_before_the_plan_asks_for_a_call_the_panel_links_to_the_call_page(sign_in, cara, customer):
    # Rendering the sixteen-field form folded away on every opening was a third of the
    # guided screen's time (benchmarks/floor.py); the call page has the same form.
    with time_machine.travel(NOW, tick=False):
        early = section_a(cara, customer, until="a-where")
    html = _panel(early, cara)
    guided = f"/incidents/{early.pk}/"
    assert 'id="emergency-call-form"' not in html
    assert f'href="{_url(early)}?next={guided}"' in html
    page = sign_in(cara).get(f"{_url(early)}?next={guided}").content.decode()
    assert f'name="next" value="{guided}"' in page
