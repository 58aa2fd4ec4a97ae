"""Every administration page works for an administrator and is refused to everyone else,
who changes nothing and leaves no audit event (issue 2, point 3)."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.models import Office, Organisation, Region, SupportGroup, SupportGroupMembership, Team, User
from audit.models import AuditEvent

NOT_ADMINISTRATORS = ["cara", "hana", "tom", "dee", "sam", "priya", "aled", "wren"]


def state_of_records() -> dict:
    """Everything an administration page or the support-group page could change."""
    return {
        "organisations": list(Organisation.objects.values_list("pk", "name")),
        "regions": list(Region.objects.values_list("pk", "name", "organisation")),
        "offices": list(Office.objects.values_list("pk", "name", "nation", "region")),
        "teams": list(Team.objects.values_list("pk", "name", "office")),
        "groups": list(SupportGroup.objects.values_list("pk", "name", "description")),
        "memberships": list(SupportGroupMembership.objects.values_list("pk", "user", "group", "day")),
        "staff": list(
            User.objects.order_by("pk").values_list(
                "pk",
                "username",
                "first_name",
                "last_name",
                "email",
                "phone",
                "role",
                "team",
                "is_home_based",
                "is_active",
            )
        ),
        "authenticators": Authenticator.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


@pytest.fixture
def records(demo_teams, cara):
    team = demo_teams["Contact Centre Team A"]
    office = team.office
    region = office.region
    organisation = region.organisation
    group = SupportGroup.objects.get(organisation=organisation)
    return {
        "organisation": organisation,
        "region": region,
        "office": office,
        "team": team,
        "group": group,
        "cara": cara,
    }


def admin_urls(records) -> list[str]:
    by_pk = {
        "organisation_edit": records["organisation"].pk,
        "region_edit": records["region"].pk,
        "office_edit": records["office"].pk,
        "team_edit": records["team"].pk,
        "support_group_edit": records["group"].pk,
        "staff_detail": records["cara"].pk,
        "staff_edit": records["cara"].pk,
        "staff_deactivate": records["cara"].pk,
        "staff_reactivate": records["cara"].pk,
        "staff_reset_mfa": records["cara"].pk,
    }
    plain = [
        "admin_home",
        "staff_list",
        "staff_create",
        "organisation_list",
        "organisation_create",
        "region_list",
        "region_create",
        "office_list",
        "office_create",
        "team_list",
        "team_create",
        "support_group_list",
        "support_group_create",
    ]
    return [reverse(f"accounts:{name}") for name in plain] + [
        reverse(f"accounts:{name}", args=[pk]) for name, pk in by_pk.items()
    ]


def would_change_things(records) -> dict:
    """Answers every form on these pages would accept from an administrator."""
    return {
        "name": "Changed by someone not allowed",
        "description": "Changed",
        "organisation": records["organisation"].pk,
        "region": records["region"].pk,
        "office": records["office"].pk,
        "nation": "wales",
        "team": records["team"].pk,
        "username": "intruder",
        "first_name": "In",
        "last_name": "Truder",
        "role": "administrator",
        "is_home_based": "on",
        "password": "a-long-enough-first-password",
        "group": records["group"].pk,
    }


@pytest.mark.parametrize("persona", NOT_ADMINISTRATORS)
def test_every_administration_page_is_refused_to_anyone_but_an_administrator_and_changes_nothing(
    request, sign_in, records, persona
):
    client = sign_in(request.getfixturevalue(persona))
    before = state_of_records()
    for url in admin_urls(records):
        assert client.get(url).status_code == 403, url
        assert client.post(url, would_change_things(records)).status_code == 403, url
    assert state_of_records() == before


def test_the_same_answers_from_an_administrator_do_change_things(sign_in, ada, records):
    # The control for the refusal test: its posts are ones that would have worked.
    before = state_of_records()
    response = sign_in(ada).post(reverse("accounts:organisation_create"), would_change_things(records))
    assert response.status_code == 302
    assert state_of_records() != before


def test_every_administration_page_opens_for_an_administrator(sign_in, ada, records):
    client = sign_in(ada)
    for url in admin_urls(records):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b'<h1 class="govuk-heading-l">' in response.content, url


def test_opening_the_administration_pages_writes_nothing(sign_in, ada, records):
    client = sign_in(ada)
    before = state_of_records()
    for url in admin_urls(records):
        client.get(url)
    assert state_of_records() == before


def test_the_administration_home_shows_the_counts_and_the_organisation_tree(sign_in, ada, cara):
    page = sign_in(ada).get(reverse("accounts:admin_home")).content.decode()
    for text in (
        "Department for Work and Pensions (demo)",
        "North East and Cumbria",
        "Newcastle Contact Centre</a> (England)",
        "Contact Centre Team A</a>, 1 active staff",
        "Information Governance</a>, 1 active staff",
        "Citizens Advice Riverside (demo)",
        "Glasgow Advice Office</a> (Scotland)",
        "Organisations</a> (2)",
        "Teams</a> (4)",
        "Support groups</a> (2)",
        "Active staff</a> (2)",
    ):
        assert text in page


def test_the_header_shows_administration_only_to_administrators(sign_in, ada, cara):
    admin_link = f'href="{reverse("accounts:admin_home")}"'
    assert admin_link in sign_in(ada).get(reverse("home")).content.decode()
    assert admin_link not in sign_in(cara).get(reverse("home")).content.decode()


def test_the_header_offers_the_support_group_page_only_to_home_based_workers(sign_in, hana, cara, ada):
    link = f'href="{reverse("accounts:support_group_today")}"'
    assert link in sign_in(hana).get(reverse("home")).content.decode()
    assert link not in sign_in(cara).get(reverse("home")).content.decode()
    assert link not in sign_in(ada).get(reverse("home")).content.decode()
