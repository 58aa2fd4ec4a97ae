"""Administration lists (staff, organisations, regions, offices, teams, support groups):
one page at a time, in the same number of queries however many rows there are."""

import itertools

import pytest

from accounts import services
from accounts.models import Office, Organisation, Region, Team
from accounts.roles import Role
from core.pagination import PAGE_SIZE
from core.tests.query_counts import assert_flat_queries, assert_paginated

pytestmark = pytest.mark.django_db
_names = itertools.count(1)


def _rows(response) -> int:
    return len(response.context["page"].object_list)


def _structure(ada):
    organisation = Organisation.objects.get(pk=ada.organisation.pk)
    region = Region.objects.filter(organisation=organisation).first()
    office = Office.objects.filter(region=region).first()
    return organisation, region, office


def test_the_staff_list_costs_the_same_queries_for_three_times_the_staff(ada, sign_in):
    team = Team.objects.filter(office__region__organisation=ada.organisation).first()

    def add(n):
        for _ in range(n):
            number = next(_names)
            services.staff_create(
                actor=ada,
                username=f"worker{number}",
                password="a long first password 12",
                first_name="Kim",
                last_name=f"Worker {number}",
                role=Role.CASEWORKER,
                team=team,
            )

    response = assert_flat_queries(sign_in(ada), "/staff/admin/staff", add)
    assert_paginated(response)


@pytest.mark.parametrize(
    ("url", "add_one"),
    [
        (
            "/staff/admin/organisations",
            lambda ada, o, r, f, n: services.organisation_create(actor=ada, name=f"Org {n}"),
        ),
        (
            "/staff/admin/regions",
            lambda ada, o, r, f, n: services.region_create(actor=ada, organisation=o, name=f"R {n}"),
        ),
        (
            "/staff/admin/offices",
            lambda ada, o, r, f, n: services.office_create(actor=ada, region=r, name=f"Office {n}", nation="wales"),
        ),
        ("/staff/admin/teams", lambda ada, o, r, f, n: services.team_create(actor=ada, office=f, name=f"Team {n}")),
        (
            "/staff/admin/support-groups",
            lambda ada, o, r, f, n: services.support_group_create(actor=ada, organisation=o, name=f"Group {n}"),
        ),
    ],
)
def test_each_structure_list_is_paginated_with_flat_queries(ada, sign_in, url, add_one):
    organisation, region, office = _structure(ada)

    def add(n):
        for _ in range(n):
            add_one(ada, organisation, region, office, next(_names))

    response = assert_flat_queries(sign_in(ada), url, add, rows_shown=_rows)
    assert_paginated(response, page_size=PAGE_SIZE)


def test_a_structure_list_longer_than_a_page_shows_one_page_and_links_to_the_next(ada, sign_in):
    organisation, region, office = _structure(ada)
    for _ in range(PAGE_SIZE + 1):
        services.team_create(actor=ada, office=office, name=f"Team {next(_names)}")
    client = sign_in(ada)

    first = client.get("/staff/admin/teams")
    assert _rows(first) == PAGE_SIZE
    assert 'rel="next"' in first.content.decode()
    second = client.get("/staff/admin/teams?page=2")
    assert 1 <= _rows(second) < PAGE_SIZE


def test_a_caseworker_is_refused_the_structure_lists(cara, sign_in):
    client = sign_in(cara)
    for url in ("/staff/admin/teams", "/staff/admin/offices", "/staff/admin/staff"):
        assert client.get(url).status_code in (403, 404)
