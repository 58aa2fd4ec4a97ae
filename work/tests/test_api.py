"""Tasks over the API: the same services and checks as the pages."""

import json

from django.urls import reverse

from api.tests.helpers import bearer, token_for
from audit.models import AuditEvent
from work.models import Task, TaskState
from work.tests.helpers import database_state, make_task


def _post(client, name, task, plain, payload):
    return client.post(
        reverse(f"api:{name}", args=[task.pk]),
        data=json.dumps(payload),
        content_type="application/json",
        headers=bearer(plain),
    )


def test_my_tasks_lists_only_mine_with_counts(client, cara, hana, tom):
    mine = make_task(actor=tom, assignee=cara, title="Mine")
    make_task(actor=tom, assignee=hana, title="Hana's")

    body = client.get(reverse("api:tasks_mine"), headers=bearer(token_for(cara))).json()

    assert [task["id"] for task in body["tasks"]] == [mine.pk]
    assert (body["count"], body["overdue"], body["pages"]) == (1, 0, 1)


def test_team_tasks_are_for_team_leaders_not_caseworkers(client, cara, tom):
    make_task(actor=tom, team=cara.team, title="Queued")
    assert client.get(reverse("api:tasks_team"), headers=bearer(token_for(tom))).json()["count"] == 1
    assert client.get(reverse("api:tasks_team"), headers=bearer(token_for(cara))).status_code == 403


def test_the_assignee_completes_a_task_over_the_api(client, cara, tom):
    task = make_task(actor=tom, assignee=cara)
    response = _post(client, "task_complete", task, token_for(cara), {"outcome": "Done by phone", "version": 1})
    assert response.status_code == 200
    assert response.json()["state"] == "done"
    assert AuditEvent.objects.filter(action="task.completed", actor=cara).count() == 1


def test_a_missing_reason_answers_400_by_field(client, cara, tom):
    task = make_task(actor=tom, assignee=cara)
    response = _post(client, "task_cancel", task, token_for(cara), {"reason": " "})
    assert response.status_code == 400
    assert response.json()["field"] == "reason"
    assert Task.objects.get(pk=task.pk).state == TaskState.OPEN


def test_a_stale_version_answers_409(client, cara, tom):
    task = make_task(actor=tom, assignee=cara)
    response = _post(client, "task_complete", task, token_for(cara), {"outcome": "x", "version": 7})
    assert response.status_code == 409


def test_someone_elses_task_is_not_found_and_nothing_changes(client, cara, hana, tom, wren):
    task = make_task(actor=tom, assignee=cara)
    tokens = [token_for(hana), token_for(wren)]
    before = database_state()
    for plain in tokens:
        assert client.get(reverse("api:task_get", args=[task.pk]), headers=bearer(plain)).status_code == 404
        assert _post(client, "task_complete", task, plain, {"outcome": "x"}).status_code == 404
    assert database_state() == before


def test_the_team_leader_reassigns_over_the_api_and_a_caseworker_is_refused(client, cara, hana, tom):
    task = make_task(actor=tom, assignee=cara)
    cara_token, tom_token = token_for(cara), token_for(tom)
    before = database_state()
    assert _post(client, "task_reassign", task, cara_token, {"assignee_id": hana.pk}).status_code == 403
    assert database_state() == before

    response = _post(client, "task_reassign", task, tom_token, {"assignee_id": hana.pk})
    assert response.status_code == 200
    assert response.json()["assignee_id"] == hana.pk


def test_reassigning_to_someone_outside_the_team_answers_400(client, cara, sam, tom):
    task = make_task(actor=tom, assignee=cara)
    response = _post(client, "task_reassign", task, token_for(tom), {"assignee_id": sam.pk})
    assert response.status_code == 400
    assert "assignee_id" in response.json()["errors"]


def test_an_administrators_token_has_no_task_api_and_nothing_changes(client, ada, cara, tom):
    task = make_task(actor=tom, assignee=cara)
    plain = token_for(ada)
    before = database_state()
    assert client.get(reverse("api:tasks_mine"), headers=bearer(plain)).status_code == 403
    assert _post(client, "task_cancel", task, plain, {"reason": "x"}).status_code == 403
    assert database_state() == before
