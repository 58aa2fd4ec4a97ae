"""The review after an incident: a task for the team leader and one for the worker, due
in 2 working days on the customer's nation's calendar; completing it closes both and sends
a copy to the manager for local plans. Home-based workers get a video-call check-in after
a supported call."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from accounts.models import Office
from audit.models import AuditEvent
from core.errors import EditConflict, HavenError, InvalidInput, NotAllowed
from disclosures.tests.helpers import customer_at_risk
from incidents import services, services_review
from incidents.models import Incident, IncidentReview
from incidents.runs import run_of
from incidents.tests.followup_helpers import da_plan_reviewed, six_point_plan
from incidents.tests.helpers import SECTION_C, start_da_plan, walk
from work import calendar
from work.models import Notification, Task, TaskState

pytestmark = pytest.mark.django_db

# Friday 27 November 2026; Monday 30 November is St Andrew's Day, a bank holiday in Scotland only.
FRIDAY_BEFORE_ST_ANDREWS = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)
ANSWERS = {name: f"{label}: discussed" for name, label in services_review.REVIEW_FIELDS.items()}


def _reviewed_on_friday(cara, customer):
    with time_machine.travel(FRIDAY_BEFORE_ST_ANDREWS, tick=False):
        return da_plan_reviewed(cara, customer)


def test_the_review_is_a_task_for_the_team_leader_naming_the_worker_and_one_for_the_worker(cara, tom):
    incident = _reviewed_on_friday(cara, customer_at_risk(cara))
    review = IncidentReview.objects.get(incident=incident)
    tasks = {task.assignee: task for task in services_review.review_tasks(review)}
    assert set(tasks) == {tom, cara}
    assert "Cara Okafor" in tasks[tom].title
    assert "Tom Leary" in tasks[cara].title
    assert review.task == tasks[tom]
    assert all(task.customer_id == incident.customer_id for task in tasks.values())


@pytest.mark.parametrize(
    ("nation", "postcode", "due"),
    [("england", "NE1 4XF", dt.date(2026, 12, 1)), ("scotland", "EH1 1YZ", dt.date(2026, 12, 2))],
)
def test_review_tasks_are_due_in_two_working_days_on_the_customers_calendar(cara, nation, postcode, due):
    assert not calendar.is_working_day(dt.date(2026, 11, 30), calendar.jurisdiction_for_nation("scotland"))
    assert calendar.is_working_day(dt.date(2026, 11, 30), calendar.jurisdiction_for_nation("england"))
    incident = _reviewed_on_friday(cara, customer_at_risk(cara, nation=nation, postcode=postcode))
    review = IncidentReview.objects.get(incident=incident)
    assert {task.due_on for task in services_review.review_tasks(review)} == {due}


def test_the_six_point_plan_review_is_set_the_same_way(cara, tom):
    incident = six_point_plan(cara, customer_at_risk(cara))
    review = IncidentReview.objects.get(incident=incident)
    assert {task.assignee for task in services_review.review_tasks(review)} == {tom, cara}


def test_completing_the_review_closes_both_tasks_completes_the_record_and_copies_the_local_plans_manager(
    cara, tom, sam
):
    Office.objects.filter(pk=tom.team.office_id).update(local_plans_manager=sam)  # set by an administrator
    incident = da_plan_reviewed(cara, customer_at_risk(cara))
    review = services_review.review_save(actor=cara, incident=incident, fields={"how_handled": "Calmly"}, version=None)
    review = services_review.review_complete(actor=tom, incident=incident, fields=ANSWERS, version=review.version)
    assert review.completed_at is not None
    assert (review.reviewed_by, review.copied_to) == (tom, sam)
    assert set(services_review.review_tasks(review).values_list("state", flat=True)) == {TaskState.DONE}
    assert "incident-review" in run_of(Incident.objects.get(pk=incident.pk)).completed_records
    copy = Notification.objects.get(user=sam)
    assert copy.kind == Notification.Kind.COPY
    assert copy.link == f"/incidents/{incident.pk}/review"
    assert "Calmly" not in copy.text
    event = AuditEvent.objects.get(action="incident.review_completed")
    assert event.changes["copied_to"] == sam.pk
    assert event.changes["tasks_closed"] == 2


def test_without_a_local_plans_manager_the_copy_goes_to_the_deputy_manager(cara, tom, dee):
    incident = da_plan_reviewed(cara, customer_at_risk(cara))
    services_review.review_complete(actor=tom, incident=incident, fields=ANSWERS, version=None)
    assert Notification.objects.get(kind=Notification.Kind.COPY).user == dee


def test_every_review_question_needs_an_answer_to_complete(cara, tom):
    incident = da_plan_reviewed(cara, customer_at_risk(cara))
    with pytest.raises(InvalidInput) as problem:
        services_review.review_complete(actor=tom, incident=incident, fields={"how_handled": "Calmly"}, version=None)
    assert set(problem.value.errors) == set(services_review.REVIEW_FIELDS) - {"how_handled"}
    assert not Notification.objects.exists()
    assert Task.objects.filter(state=TaskState.OPEN, rule_code="incidents.review").count() == 2


def test_only_the_team_leader_completes_the_review_and_a_stale_version_is_a_conflict(cara, tom, nia, sam, aled):
    incident = da_plan_reviewed(cara, customer_at_risk(cara))
    for person in (cara, nia, sam, aled):
        with pytest.raises(NotAllowed):
            services_review.review_complete(actor=person, incident=incident, fields=ANSWERS, version=None)
    draft = services_review.review_save(actor=tom, incident=incident, fields={"lessons": "Tom's"}, version=None)
    with pytest.raises(EditConflict) as conflict:
        services_review.review_save(actor=cara, incident=incident, fields={"lessons": "Cara's"}, version=1)
    assert conflict.value.current["lessons"] == "Tom's"
    services_review.review_complete(actor=tom, incident=incident, fields=ANSWERS, version=draft.version)
    with pytest.raises(HavenError):
        services_review.review_save(actor=tom, incident=incident, fields=ANSWERS, version=None)


def _closed_section_c(worker, partner=None):
    incident = walk(start_da_plan(worker, customer_at_risk(worker)), worker, SECTION_C)
    if partner is not None:
        # The partner part's accept service sets these; here the join is given directly.
        Incident.objects.filter(pk=incident.pk).update(partner=partner, partner_joined_at=timezone.now())
        incident.refresh_from_db()
    return services.incident_close(actor=worker, incident=incident, version=incident.version)


def _video_tasks():
    return Task.objects.filter(rule_code=services_review.VIDEO_CHECK_IN.code)


def test_a_home_based_worker_gets_a_video_call_check_in_after_a_supported_call(hana, nia, tom):
    incident = _closed_section_c(hana, partner=nia)
    task = _video_tasks().get()
    assert task.assignee == tom
    assert "Hana Price" in task.title
    assert task.subject_id == str(incident.pk)
    assert AuditEvent.objects.filter(action="incident.video_check_in_set").count() == 1


def test_no_video_call_for_an_office_based_worker_or_a_call_nobody_joined(cara, nia, hana, tom):
    _closed_section_c(cara, partner=nia)
    _closed_section_c(hana)
    assert not _video_tasks().exists()


def test_the_plans_own_video_call_task_is_not_doubled(hana, nia, tom):
    incident = da_plan_reviewed(hana, customer_at_risk(hana), {"support-home-based": "home-based"})
    Incident.objects.filter(pk=incident.pk).update(partner=nia, partner_joined_at=timezone.now())
    incident.refresh_from_db()
    assert services_review.supported_call_follow_up(incident, actor=hana) is None
    assert not _video_tasks().exists()
