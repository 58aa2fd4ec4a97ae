"""`load_demo` leaves a newcomer a caseload to open, made through the real services."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from audit.models import AuditEvent
from consent.models import AccessRecord, Authority
from disclosures.models import Disclosure, Status
from people.models import Customer, CustomerMarker
from people.services_access import may_open
from work.models import Task, TaskState
from work.models_appeals import MandatoryReconsideration, MRState

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _counts() -> tuple:
    return (
        Customer.objects.count(),
        MandatoryReconsideration.objects.count(),
        Authority.objects.count(),
        AccessRecord.objects.count(),
        Disclosure.objects.count(),
        Task.objects.count(),
        AuditEvent.objects.count(),
    )


def test_load_demo_makes_a_caseload_through_the_services_and_says_what_it_made():
    output = _load()

    assert "Demo caseload: 6 customers" in output
    customers = {c.family_name: c for c in Customer.objects.all()}
    assert len(customers) == 6
    assert {c.nation for c in customers.values()} == {"england", "wales", "scotland", "northern-ireland"}
    actions = Counter(AuditEvent.objects.values_list("action", flat=True))
    assert actions["customer.created"] == 6
    assert actions["customer.marker_added"] == 1
    assert actions["customer.safe_contact_updated"] == 1
    assert actions["customer.restricted"] == 1
    assert actions["mr.recorded"] == 2
    assert actions["mr.mrn_recorded"] == 1
    assert actions["authority.granted"] == 1
    assert actions["authority.access_recorded"] == 1
    assert actions["disclosure.confirmed"] == 1
    amira = customers["Haddon"]
    assert CustomerMarker.objects.get(customer=amira).marker_type.code == "domestic-abuse-risk"
    assert amira.safe_contact.safe_to_text
    assert not amira.safe_contact.safe_to_call
    cara, tom = User.objects.get(username="cara"), User.objects.get(username="tom")
    assert customers["Ramsbottom"].is_restricted
    assert may_open(tom, customers["Ramsbottom"])
    assert not may_open(cara, customers["Ramsbottom"])
    states = sorted(MandatoryReconsideration.objects.values_list("state", flat=True))
    assert states == [MRState.AWAITING_MRN, MRState.MRN_RECEIVED]
    appealing = MandatoryReconsideration.objects.get(state=MRState.MRN_RECEIVED)
    assert appealing.appeal_due_on
    assert appealing.appeal_task.reminders.exists()
    assert AccessRecord.objects.get().authority.adviser == cara
    assert Disclosure.objects.get().status == Status.CONFIRMED
    open_tasks = Task.objects.filter(state=TaskState.OPEN)
    assert open_tasks.filter(assignee=cara).count() >= 2  # My work: chase, appeal, call back
    assert open_tasks.filter(assignee=None, team=tom.team).count() == 1  # Team work


def test_running_load_demo_twice_adds_nothing_the_second_time():
    _load()
    before = _counts()

    output = _load()

    assert "Demo caseload already there: nothing added." in output
    assert _counts() == before
