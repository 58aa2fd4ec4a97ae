"""The guided screen: one step at a time with its guidance, answers time-stamped in a
running summary and changeable, conflicts shown with the other version and nothing lost,
read-only for those who follow, closing at the end, and the state endpoint."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from disclosures.tests.helpers import customer_at_risk
from incidents.models import Incident
from incidents.runs import run_of
from incidents.tests.helpers import SECTION_C, start_da_plan, walk

pytestmark = pytest.mark.django_db
FRAGMENT = {"HTTP_X_HAVEN_FRAGMENT": "1"}


@pytest.fixture
def customer(cara):
    return customer_at_risk(cara)


@pytest.fixture
def incident(cara, customer):
    return start_da_plan(cara, customer)


def _answer(client, incident, step, version=None, headers=None, **data):
    version = incident.version if version is None else version
    url = reverse("incidents:answer", args=[incident.pk])
    return client.post(url, {"step": step, "version": version, **data}, **(headers or {}))


def test_opening_shows_the_first_step_with_its_guidance_and_is_audited(sign_in, cara, incident):
    page = sign_in(cara).get(reverse("incidents:guided", args=[incident.pk])).content.decode()
    step = run_of(incident).step
    assert step.text in page
    assert step.guidance.do[0] in page
    assert "Follow the DA Plan" in page
    assert 'name="answer"' in page
    assert 'value="safe"' in page
    assert 'href="#incident-notes"' in page  # the skip link to the notes
    assert AuditEvent.objects.filter(action="incident.opened", target_id=str(incident.pk)).count() == 1


def test_answering_moves_on_and_the_summary_shows_the_answer_with_its_time(sign_in, cara, incident):
    client = sign_in(cara)
    response = _answer(client, incident, "safe-now", answer="safe")
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.current_step == "c-nation"
    page = client.get(reverse("incidents:guided", args=[incident.pk])).content.decode()
    assert 'data-summary-step="safe-now"' in page
    assert reverse("incidents:change", args=[incident.pk, "safe-now"]) in page


def test_a_step_answered_through_the_page_script_comes_back_as_the_regions_to_swap(sign_in, cara, incident):
    response = _answer(sign_in(cara), incident, "safe-now", answer="safe", headers=FRAGMENT)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('id="incident-step"') == page.count('id="incident-summary"') == 1
    assert "<html" not in page
    assert "Where does the customer live?" in page


def test_the_regions_after_a_step_read_neither_the_notes_nor_the_header(sign_in, cara, incident):
    """They show neither (notes.js keeps the notes): reading them cost every step a query
    and a decryption per note, and the header's count of open tasks another."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = sign_in(cara)
    client.post(
        reverse("incidents:notes", args=[incident.pk]),
        {"entry": "8c1f1d2e-4b7a-4f61-9d0e-2f7b8c9d0a1b", "revision": 1, "text": "She is upstairs"},
        content_type="application/json",
    )
    with CaptureQueriesContext(connection) as queries:
        response = _answer(client, incident, "safe-now", answer="safe", headers=FRAGMENT)
    assert response.status_code == 200
    read = " ".join(query["sql"] for query in queries)
    assert "incidents_incidentnote" not in read
    assert "work_task" not in read
    page = client.get(reverse("incidents:guided", args=[incident.pk])).content.decode()
    assert "She is upstairs" in page
    assert "My work (" in page


def test_a_missing_answer_is_shown_beside_the_step_and_nothing_changes(sign_in, cara, incident):
    response = _answer(sign_in(cara), incident, "safe-now")
    assert response.status_code == 400
    assert "Select an answer" in response.content.decode()
    incident.refresh_from_db()
    assert (incident.current_step, incident.version) == ("safe-now", 1)


def test_instructions_are_done_and_information_told(sign_in, cara, incident):
    client = sign_in(cara)
    _answer(client, incident, "safe-now", answer="safe")
    incident.refresh_from_db()
    _answer(client, incident, "c-nation", answer="england")
    incident.refresh_from_db()
    page = client.get(reverse("incidents:guided", args=[incident.pk])).content.decode()
    assert ">Told them</button>" in page
    _answer(client, incident, incident.current_step)
    incident.refresh_from_db()
    assert run_of(incident).answers["c-police-uk"] == "given"


def test_a_step_submitted_against_an_older_version_shows_their_version_and_keeps_what_was_typed(
    sign_in, cara, incident
):
    client = sign_in(cara)
    _answer(client, incident, "safe-now", answer="safe")  # in another tab
    response = _answer(client, incident, "safe-now", version=1, answer="safe-with-concerns", headers=FRAGMENT)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone changed this: here is their version." in page
    assert "Where does the customer live?" in page  # the step they are on now
    assert 'id="incident-conflict-typed"' in page
    assert "safe-with-concerns" in page
    incident.refresh_from_db()
    assert (incident.current_step, incident.version) == ("c-nation", 2)
    assert run_of(incident).answers["safe-now"] == "safe"


def test_change_goes_back_to_an_earlier_answer_and_walks_on_again(sign_in, cara, incident):
    client = sign_in(cara)
    incident = walk(incident, cara, SECTION_C, until="c-send-list")
    url = reverse("incidents:change", args=[incident.pk, "c-nation"])
    form = client.get(url).content.decode()
    assert 'value="england"' in form
    assert "checked" in form
    response = client.post(url, {"step": "c-nation", "version": incident.version, "answer": "scotland"})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.current_step == "c-police-scotland"
    assert AuditEvent.objects.filter(action="incident.step_changed").count() == 1


def test_the_end_offers_closing_and_closing_keeps_it_six_years(sign_in, cara, incident):
    client = sign_in(cara)
    incident = walk(incident, cara, SECTION_C)
    page = client.get(reverse("incidents:guided", args=[incident.pk])).content.decode()
    assert "Close the incident" in page
    client.post(reverse("incidents:close", args=[incident.pk]), {"version": incident.version})
    incident.refresh_from_db()
    assert incident.state == "closed"
    assert incident.keep_until is not None
    page = client.get(reverse("incidents:guided", args=[incident.pk])).content.decode()
    assert "This incident is closed" in page


def test_the_team_leader_follows_read_only_with_a_notes_box_and_the_auditor_without(sign_in, tom, aled, incident):
    page = sign_in(tom).get(reverse("incidents:guided", args=[incident.pk])).content.decode()
    assert 'name="answer"' not in page
    assert "You are following this incident" in page
    assert 'id="incident-note"' in page
    page = sign_in(aled).get(reverse("incidents:guided", args=[incident.pk])).content.decode()
    assert 'name="answer"' not in page
    assert 'id="incident-note"' not in page
    refused = _answer(sign_in(tom), incident, "safe-now", answer="safe")
    assert refused.status_code == 403
    incident.refresh_from_db()
    assert incident.version == 1


def test_the_state_endpoint_gives_version_step_summary_actions_and_notes_since_an_id(sign_in, cara, incident):
    from incidents.services_notes import note_save

    client = sign_in(cara)
    first = note_save(actor=cara, incident=incident, entry="0b4e7a52-9a1e-4c39-9a53-4a4d6d0b0c01", revision=1, text="A")
    walk(incident, cara, {"safe-now": "not-safe-now"}, until="a-take-seriously")
    second = note_save(
        actor=cara, incident=incident, entry="0b4e7a52-9a1e-4c39-9a53-4a4d6d0b0c02", revision=1, text="B"
    )
    url = reverse("incidents:state", args=[incident.pk])
    state = client.get(url).json()
    assert state["version"] == 2
    assert state["current_step"] == "a-take-seriously"
    assert [row["step"] for row in state["summary"]] == ["safe-now"]
    assert state["summary"][0]["at"]
    assert [note["id"] for note in state["notes"]] == [first.pk, second.pk]
    assert [note["text"] for note in client.get(url, {"notes_after": first.pk}).json()["notes"]] == ["B"]
    assert 'id="incident-summary"' in state["html"]["summary"]
    # The panels that change without a step come too; the call form goes back to the screen.
    assert 'id="followup-panel"' in state["html"]["followup"]
    assert 'id="emergency-panel"' in state["html"]["emergency"]
    assert "/state" not in state["html"]["emergency"]
    # Polling the state is not an opening: the page's opening is the audited read.
    assert not AuditEvent.objects.filter(action="incident.opened").exists()


def test_the_signposting_panel_is_beside_the_da_plan(sign_in, cara, sam, incident):
    from directory.tests.helpers import seed

    seed(sam)
    page = sign_in(cara).get(reverse("incidents:guided", args=[incident.pk])).content.decode()
    assert 'id="signposting-panel"' in page
    assert "directory/panel.js" in page


def test_an_unknown_incident_is_not_found(sign_in, cara):
    assert sign_in(cara).get(reverse("incidents:guided", args=[999])).status_code == 404
    assert not Incident.objects.exists()
