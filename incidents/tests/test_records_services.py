"""The records an incident's plan requires: drafts, completion into the plan's run, the
optimistic lock, who may write them, and the PDF for the line manager."""

import io

import pytest
from pypdf import PdfReader

from audit.models import AuditEvent
from core.errors import EditConflict, HavenError, InvalidInput, NotAllowed
from disclosures.tests.helpers import customer_at_risk
from incidents import pdf, services_records
from incidents.models import IncidentRecord
from incidents.runs import definition_of, run_of
from incidents.tests.followup_helpers import six_point_plan
from incidents.tests.helpers import SECTION_C, start_da_plan, walk

pytestmark = pytest.mark.django_db

DA_CONTACT_NOTES = [
    "Time and duration of your contact with the customer",
    "Details of the customer's circumstances which led you to believe that they were in immediate danger",
    "The customer's behaviour, for example fast or slow talking, not replying, talking incoherently",
    "Key information you provided to the customer",
    "Any actions the customer said they would take, such as phoning the police",
    "Any follow-up actions to be taken, for example phoning the customer back at a later time or date",
    "Any other information about the call that you feel is relevant",
]
ANNEX_B = [
    "The time and duration of your contact with the customer",
    "What the customer said or did",
    "The customer's behaviour and demeanour: for example fidgety, not interested, vacant, fast or slow talking, "
    "not replying, talking incoherently, not making eye contact",
    "Key information you gave the customer",
    "Any actions the customer said they would take, such as contacting their GP or visiting a friend or family member",
    "The decision you made and any action you took",
    "A copy given to your line manager, who keeps it for six years",
]


@pytest.fixture
def customer(cara):
    return customer_at_risk(cara)


@pytest.fixture
def incident(cara, customer):
    return walk(start_da_plan(cara, customer), cara, SECTION_C)


def answers(n):
    return [f"Answer {i + 1} in the worker's words" for i in range(n)]


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def test_the_da_plan_contact_notes_hold_every_field_the_plan_lists(incident):
    record = services_records.record_definition(incident, "contact-notes")
    assert list(record.items) == DA_CONTACT_NOTES


def test_the_declaration_record_holds_every_annex_b_field(cara, customer):
    incident = six_point_plan(cara, customer)
    assert list(services_records.record_definition(incident, "declaration-record").items) == ANNEX_B


def test_a_draft_keeps_what_was_written_and_is_audited_without_the_words(cara, incident):
    record = services_records.record_save(
        actor=cara, incident=incident, record_id="contact-notes", values=["Ten minutes, 14:30"], version=None
    )
    assert services_records.values_of(record)[0] == "Ten minutes, 14:30"
    assert record.completed_at is None
    event = AuditEvent.objects.get(action="incident.record_saved")
    assert event.changes["filled"] == 1
    assert "Ten minutes" not in str(event.changes) + event.summary
    assert "contact-notes" not in run_of(incident).completed_records


def test_completing_needs_every_item_then_marks_the_run_and_moves_the_incident_version(cara, incident):
    with pytest.raises(InvalidInput) as problem:
        services_records.record_complete(
            actor=cara, incident=incident, record_id="contact-notes", values=answers(6), version=None
        )
    assert list(problem.value.errors) == ["item_6"]
    assert not IncidentRecord.objects.exists()
    before = incident.version
    record = services_records.record_complete(
        actor=cara, incident=incident, record_id="contact-notes", values=answers(7), version=None
    )
    incident.refresh_from_db()
    assert record.completed_by == cara
    assert record.completed_at is not None
    assert "contact-notes" in run_of(incident).completed_records
    assert run_of(incident).outstanding_records() == []
    assert incident.version == before + 1
    assert AuditEvent.objects.filter(action="incident.record_completed", target_id=str(record.pk)).count() == 1


def test_a_save_against_an_older_version_is_a_conflict_showing_their_words(cara, tom, incident):
    first = services_records.record_save(
        actor=cara, incident=incident, record_id="contact-notes", values=["Cara's words"], version=1
    )
    services_records.record_save(
        actor=tom, incident=incident, record_id="contact-notes", values=["Tom's words"], version=first.version
    )
    with pytest.raises(EditConflict) as conflict:
        services_records.record_save(
            actor=cara, incident=incident, record_id="contact-notes", values=["Cara again"], version=first.version
        )
    assert conflict.value.current["item_0"] == "Tom's words"
    assert services_records.values_of(IncidentRecord.objects.get()) == ["Tom's words"] + [""] * 6


def test_a_record_the_plan_does_not_ask_for_is_refused(cara, incident):
    with pytest.raises(HavenError):
        services_records.record_save(
            actor=cara, incident=incident, record_id="declaration-record", values=["x"], version=None
        )


def test_people_not_writing_the_incident_cannot_save_its_records(incident, priya, wren, aled, hana, nia, sam):
    for person in (priya, wren, aled, hana, nia, sam):
        with pytest.raises(NotAllowed):
            services_records.record_save(
                actor=person, incident=incident, record_id="contact-notes", values=["x"], version=None
            )
    assert not IncidentRecord.objects.exists()
    assert not AuditEvent.objects.filter(action="incident.record_saved").exists()


def test_a_password_in_a_record_is_refused_before_anything_is_written(cara, incident):
    with pytest.raises(InvalidInput) as problem:
        services_records.record_save(
            actor=cara, incident=incident, record_id="contact-notes", values=["", "password: Hunter2!x"], version=None
        )
    assert "item_1" in problem.value.errors
    assert not IncidentRecord.objects.exists()


def test_the_contact_notes_pdf_holds_every_da_plan_field_the_answers_and_the_keep_until_date(cara, incident):
    record = services_records.record_complete(
        actor=cara, incident=incident, record_id="contact-notes", values=answers(7), version=None
    )
    text = pdf_text(pdf.record_pdf(incident, record))
    for item in DA_CONTACT_NOTES + answers(7):
        assert " ".join(item.split()) in text
    assert "Six years after the incident closes" in text
    assert incident.reference in text


def test_the_declaration_record_pdf_holds_every_annex_b_field(cara, customer):
    incident = six_point_plan(cara, customer)
    record = services_records.record_save(
        actor=cara, incident=incident, record_id="declaration-record", values=answers(3), version=None
    )
    text = pdf_text(pdf.record_pdf(incident, record))
    for item in ANNEX_B:
        assert " ".join(item.split()) in text
    assert "Draft, not yet completed" in text
    assert definition_of(incident).title.split(":")[0] in text


def test_a_download_is_audited_and_refused_to_those_who_cannot_open_the_incident(cara, priya, incident):
    record = services_records.record_save(
        actor=cara, incident=incident, record_id="contact-notes", values=["x"], version=None
    )
    services_records.record_downloaded(actor=cara, incident=incident, record=record)
    with pytest.raises(NotAllowed):
        services_records.record_downloaded(actor=priya, incident=incident, record=record)
    assert AuditEvent.objects.filter(action="incident.record_downloaded").count() == 1
