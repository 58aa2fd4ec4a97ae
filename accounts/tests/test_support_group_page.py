"""A home-based worker chooses the support group they join for the day (DA Plan,
Section A: home-based workers summon the real-time support group)."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from accounts.models import SupportGroup, SupportGroupMembership
from accounts.personas import ORGANISATION, OTHER_ORGANISATION
from accounts.tests.test_admin_pages import state_of_records
from audit.models import AuditEvent
from core.testing.html import checked

URL = reverse("accounts:support_group_today")


@pytest.fixture
def groups(demo_teams):
    return {
        "own": SupportGroup.objects.get(organisation__name=ORGANISATION),
        "other": SupportGroup.objects.get(organisation__name=OTHER_ORGANISATION),
    }


def test_a_home_based_worker_joins_a_support_group_for_today(sign_in, hana, groups):
    client = sign_in(hana)
    page = client.get(URL).content.decode()
    assert "You have not joined a support group today." in page
    assert groups["own"].name in page
    assert groups["other"].name not in page

    response = client.post(URL, {"group": groups["own"].pk})

    assert response.status_code == 302
    membership = SupportGroupMembership.objects.get(user=hana)
    assert membership.group == groups["own"]
    event = AuditEvent.objects.filter(action="support_group.joined").get()
    assert (event.actor, event.target_id, event.changes) == (
        hana,
        str(groups["own"].pk),
        {"day": membership.day.isoformat()},
    )
    page = client.get(URL).content.decode()
    assert "You have joined Home-working support group for today" in page
    assert "Today you are in <strong>Home-working support group</strong>." in page
    assert checked(page, "group") == [str(groups["own"].pk)]


def test_the_day_is_the_day_in_the_uk_not_in_utc(sign_in, hana, groups):
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (British Summer Time).
    with time_machine.travel(datetime(2026, 6, 30, 23, 30, tzinfo=UTC), tick=False):
        sign_in(hana).post(URL, {"group": groups["own"].pk})
    assert SupportGroupMembership.objects.get(user=hana).day == date(2026, 7, 1)


def test_joining_another_group_the_same_day_moves_the_worker(sign_in, ada, hana, groups):
    from accounts import services

    second = services.support_group_create(actor=ada, organisation=groups["own"].organisation, name="Late shift")
    client = sign_in(hana)
    client.post(URL, {"group": groups["own"].pk})
    client.post(URL, {"group": second.pk})
    assert list(SupportGroupMembership.objects.filter(user=hana).values_list("group", flat=True)) == [second.pk]


def test_a_group_from_another_organisation_cannot_be_joined(sign_in, hana, groups):
    client = sign_in(hana)
    before = state_of_records()
    response = client.post(URL, {"group": groups["other"].pk})
    assert response.status_code == 200
    assert '<a href="#id_group_0">Select the support group you are joining today</a>' in response.content.decode()
    assert state_of_records() == before


def test_choosing_no_group_is_refused_in_plain_words(sign_in, hana, groups):
    response = sign_in(hana).post(URL, {})
    assert "Select the support group you are joining today" in response.content.decode()
    assert not SupportGroupMembership.objects.exists()


@pytest.mark.parametrize("persona", ["cara", "tom", "dee", "sam", "priya", "aled", "ada", "wren"])
def test_the_support_group_page_is_refused_to_staff_who_do_not_work_from_home(request, sign_in, groups, persona):
    client = sign_in(request.getfixturevalue(persona))
    before = state_of_records()
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"group": groups["own"].pk}).status_code == 403
    assert state_of_records() == before


def test_a_deactivated_home_based_worker_is_refused(sign_in, ada, hana, groups):
    from accounts import services

    client = sign_in(hana)
    services.staff_deactivate(actor=ada, user=hana)
    before = state_of_records()
    response = client.post(URL, {"group": groups["own"].pk})
    assert response.status_code == 302  # an inactive account is no longer signed in
    assert state_of_records() == before
