"""seed_scale builds a data set the real selectors and pages read like any other: runs that
replay, notes that decrypt, the actions and tasks their effects made, a whole audit chain,
and a second run that adds to the first without breaking it."""

import io
from collections import defaultdict

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from audit.verification import verify_chain
from consent.models import AccessRecord, Authority
from disclosures.models import Disclosure
from incidents.models import Incident, IncidentAction, IncidentNote
from incidents.runs import run_of
from incidents.selectors import incident_open
from incidents.services import CHANNEL_ANSWERS
from people.models import Customer
from work import deadlines
from work.models import Task


@pytest.fixture
def staff(cara, hana, nia, tom, dee, sam):
    """The demo organisation's staff, as load_demo makes them (the personas' fixtures)."""
    return {"cara": cara, "hana": hana, "nia": nia, "tom": tom, "dee": dee, "sam": sam}


def _seed(**options) -> str:
    out = io.StringIO()
    args = [f"--{name.replace('_', '-')}={value}" for name, value in options.items()]
    call_command("seed_scale", *args, stdout=out)
    return out.getvalue()


def test_a_small_run_makes_incidents_whose_runs_replay_and_a_chain_that_verifies(staff):
    out = _seed(customers=40, incidents=60, audit_events=3000, seed=5)

    assert Customer.objects.count() == 40
    assert Incident.objects.count() == 60
    assert {incident.protocol_id for incident in Incident.objects.all()} == {
        "domestic-abuse",
        "suicide-self-harm",
        "threat-to-others",
    }
    six_years_ago = timezone.now() - timezone.timedelta(days=6 * 366)
    for incident in Incident.objects.all():
        run = run_of(incident)  # the stored, encrypted run replays through the engine
        assert run.finished
        assert run.current == incident.current_step
        assert incident.started_at > six_years_ago
        if incident.state == "closed":
            assert incident.closed_at > incident.started_at
            # The UK date it closed on: just before midnight UTC in summer is the next day in London.
            assert incident.keep_until == deadlines.retain_until(timezone.localdate(incident.closed_at))
        # One action per effect the run raised, as record_raised makes them.
        assert incident.actions.count() == len(run.effects)
        if incident.protocol_id == "suicide-self-harm":  # its channel question, from the start page
            first = run.to_json()["events"][0]  # (a later Change may answer it again)
            assert (first["step"], first["value"]) == ("channel", CHANNEL_ANSWERS[incident.channel])
    assert Incident.objects.filter(state="closed").count() >= 50
    assert verify_chain().ok
    assert AuditEvent.objects.count() >= 3000
    assert "Database size on disk" in out
    assert "audit_auditevent" in out


def test_the_automatic_effects_made_their_tasks_and_the_rest_wait_for_the_worker(staff):
    _seed(customers=30, incidents=40, audit_events=0, seed=2)

    done = IncidentAction.objects.filter(kind="create_task")
    assert done.exists()
    for action in done:
        assert action.state == "done"
        app_model, pk = action.result.split(":")
        if app_model == "work.task":
            task = Task.objects.get(pk=pk)
            assert task.subject_id == str(action.incident_id)
            assert task.created_at == action.created_at  # made at the moment the step raised it
    waiting = IncidentAction.objects.filter(kind__in=["signpost", "offer_referral", "open_disclosure_decision"])
    assert waiting.exists()
    assert set(waiting.values_list("state", flat=True)) <= {"pending", "done"}


def test_notes_are_revisions_that_decrypt_and_each_save_has_its_event(staff):
    _seed(customers=20, incidents=20, audit_events=0, seed=3)

    notes = IncidentNote.objects.all()
    assert notes.exists()
    by_entry = defaultdict(list)
    for note in notes:
        by_entry[note.entry].append(note)
    for revisions in by_entry.values():
        revisions.sort(key=lambda note: note.revision)
        assert [note.revision for note in revisions] == list(range(1, len(revisions) + 1))
        assert all(
            later.text.startswith(earlier.text) for earlier, later in zip(revisions, revisions[1:], strict=False)
        )
    assert AuditEvent.objects.filter(action="incident.note_saved").count() == notes.count()


def test_bulk_events_have_the_shape_of_the_events_the_services_write(staff):
    """One incident in 2,000 (here at least one) goes through the services: its events are
    the reference for the bulk path's."""
    _seed(customers=20, incidents=30, audit_events=0, seed=4)

    started = AuditEvent.objects.filter(action="incident.started")
    served = {event.target_id for event in started if event.context["channel"] == "system"}
    assert served, "at least one incident was made through incident_start"
    shapes = defaultdict(set)
    for event in AuditEvent.objects.filter(target_type="incidents.incident"):
        origin = "services" if event.target_id in served else "bulk"
        shapes[(origin, event.action)].add((tuple(sorted(event.changes)), event.person_ref.split(":")[0]))
    for action in ("incident.started", "incident.step_answered", "incident.note_saved", "incident.closed"):
        # The bulk path also has callers never identified (no person), which the services tier does not.
        assert {shape for shape in shapes[("bulk", action)] if shape[1]} == shapes[("services", action)], action


def test_disclosures_and_authorities_come_from_their_services(staff):
    _seed(customers=20, incidents=10, audit_events=0, seed=6)

    assert Disclosure.objects.filter(status="confirmed").exists()
    assert AuditEvent.objects.filter(action="disclosure.confirmed").count() == Disclosure.objects.count()
    authority = Authority.objects.get()
    assert AccessRecord.objects.filter(authority=authority).count() >= 1


def test_a_seeded_customer_page_and_incident_open_for_the_caseworker(staff, sign_in):
    _seed(customers=15, incidents=20, audit_events=0, seed=8)
    cara = staff["cara"]
    incident = Incident.objects.filter(customer__isnull=False, worker=cara).first()

    opened = incident_open(user=cara, incident_id=incident.pk)
    assert run_of(opened).finished
    page = sign_in(cara).get(reverse("people:record", args=[incident.customer_id]))
    assert page.status_code == 200
    assert incident.customer.family_name in page.content.decode()


def test_running_it_twice_adds_a_second_set_and_the_chain_still_verifies(staff):
    _seed(customers=10, incidents=12, audit_events=0, seed=1)
    _seed(customers=10, incidents=12, audit_events=0, seed=1)

    assert Customer.objects.count() == 20
    assert Customer.objects.values("case_number").distinct().count() == 20
    assert Incident.objects.count() == 24
    assert verify_chain().ok


def test_the_command_refuses_numbers_that_make_no_sense(staff):
    with pytest.raises(CommandError, match="1 or more customers"):
        _seed(customers=0)
    assert Customer.objects.count() == 0
