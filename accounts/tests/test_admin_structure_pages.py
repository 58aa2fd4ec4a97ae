"""Organisations, regions, offices, teams and support groups through their pages."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import Office, Organisation, Region, SupportGroup, Team
from accounts.personas import ORGANISATION, OTHER_ORGANISATION
from audit.models import AuditEvent


def _last_event(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).order_by("-seq").first()


@pytest.fixture
def dwp(demo_teams):
    return Organisation.objects.get(name=ORGANISATION)


def test_an_administrator_adds_an_organisation_and_sees_it_confirmed(sign_in, ada):
    client = sign_in(ada)
    response = client.post(reverse("accounts:organisation_create"), {"name": "  Riverside Council  "})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:organisation_list")
    organisation = Organisation.objects.get(name="Riverside Council")
    event = _last_event("organisation.created")
    assert (event.actor, event.target_id, event.changes) == (ada, str(organisation.pk), {"name": "Riverside Council"})
    page = client.get(response["Location"]).content.decode()
    assert "govuk-notification-banner--success" in page
    assert "Riverside Council has been added" in page


def test_a_duplicate_organisation_name_is_shown_by_the_field_and_keeps_what_was_typed(sign_in, ada, dwp):
    client = sign_in(ada)
    before = AuditEvent.objects.count()
    response = client.post(reverse("accounts:organisation_create"), {"name": ORGANISATION})
    assert response.status_code == 200
    page = response.content.decode()
    message = "An organisation with that name exists"
    assert "There is a problem" in page
    assert f'<li><a href="#id_name">{message}</a></li>' in page
    hidden_prefix = '<span class="govuk-visually-hidden">Error:</span>'
    assert f'<p id="id_name_1_error" class="govuk-error-message">{hidden_prefix} {message}</p>' in page
    assert f'value="{ORGANISATION}"' in page
    assert "<title>Add an organisation - Error - Haven</title>" in page
    assert Organisation.objects.count() == 2
    assert AuditEvent.objects.count() == before


def test_a_blank_name_is_refused_with_the_services_words(sign_in, ada, dwp):
    response = sign_in(ada).post(reverse("accounts:organisation_edit", args=[dwp.pk]), {"name": "   "})
    assert response.status_code == 200
    assert '<a href="#id_name">Enter the organisation&#x27;s name</a>' in response.content.decode()
    dwp.refresh_from_db()
    assert dwp.name == ORGANISATION


def test_an_administrator_renames_an_organisation_and_the_old_and_new_names_are_audited(sign_in, ada, dwp):
    response = sign_in(ada).post(reverse("accounts:organisation_edit", args=[dwp.pk]), {"name": "DWP"})
    assert response.status_code == 302
    dwp.refresh_from_db()
    assert dwp.name == "DWP"
    assert _last_event("organisation.updated").changes == {"name": [ORGANISATION, "DWP"]}


def test_an_administrator_adds_a_region_and_renames_it(sign_in, ada, dwp):
    client = sign_in(ada)
    response = client.post(reverse("accounts:region_create"), {"organisation": dwp.pk, "name": "Wales"})
    assert response.status_code == 302
    region = Region.objects.get(organisation=dwp, name="Wales")
    assert _last_event("region.created").target_id == str(region.pk)
    response = client.post(reverse("accounts:region_edit", args=[region.pk]), {"name": "Wales and the Marches"})
    assert response.status_code == 302
    region.refresh_from_db()
    assert region.name == "Wales and the Marches"
    assert _last_event("region.updated").changes == {"name": ["Wales", "Wales and the Marches"]}


def test_a_region_needs_an_organisation(sign_in, ada, dwp):
    response = sign_in(ada).post(reverse("accounts:region_create"), {"organisation": "", "name": "Wales"})
    page = response.content.decode()
    assert '<a href="#id_organisation">Select the organisation the region belongs to</a>' in page
    assert 'value="Wales"' in page
    assert not Region.objects.filter(name="Wales").exists()


def test_an_administrator_adds_an_office_with_its_nation_and_changes_it(sign_in, ada, dwp):
    client = sign_in(ada)
    region = dwp.regions.get()
    response = client.post(
        reverse("accounts:office_create"), {"region": region.pk, "name": "Cardiff Jobcentre", "nation": "wales"}
    )
    assert response.status_code == 302
    office = Office.objects.get(name="Cardiff Jobcentre")
    assert (office.region, office.nation) == (region, "wales")
    response = client.post(
        reverse("accounts:office_edit", args=[office.pk]),
        {"region": region.pk, "name": "Cardiff Jobcentre", "nation": "england"},
    )
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.nation == "england"
    assert _last_event("office.updated").changes == {"nation": ["wales", "england"]}


def test_an_office_without_a_nation_is_refused_and_the_error_links_to_the_first_choice(sign_in, ada, dwp):
    region = dwp.regions.get()
    response = sign_in(ada).post(reverse("accounts:office_create"), {"region": region.pk, "name": "Cardiff"})
    page = response.content.decode()
    assert '<a href="#id_nation_0">Select the nation the office is in</a>' in page
    assert 'id="id_nation_0"' in page
    assert 'value="Cardiff"' in page
    assert f'<option value="{region.pk}" selected>' in page
    assert not Office.objects.filter(name="Cardiff").exists()


def test_an_office_cannot_move_to_another_organisations_region(sign_in, ada, dwp):
    office = Office.objects.get(name="Newcastle Contact Centre")
    other_region = Region.objects.get(organisation__name=OTHER_ORGANISATION)
    client = sign_in(ada)
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("accounts:office_edit", args=[office.pk]),
        {"region": other_region.pk, "name": office.name, "nation": "england"},
    )
    assert '<a href="#id_region">Select a region in the office&#x27;s own organisation</a>' in response.content.decode()
    office.refresh_from_db()
    assert office.region.organisation == dwp
    assert AuditEvent.objects.count() == before


def test_an_administrator_adds_a_team_and_moves_it_to_another_office_of_the_organisation(sign_in, ada, dwp):
    client = sign_in(ada)
    region = dwp.regions.get()
    newcastle = region.offices.get()
    leeds = services.office_create(actor=ada, region=region, name="Leeds", nation="england")
    response = client.post(reverse("accounts:team_create"), {"office": newcastle.pk, "name": "Team B"})
    assert response.status_code == 302
    team = Team.objects.get(name="Team B")
    response = client.post(reverse("accounts:team_edit", args=[team.pk]), {"office": leeds.pk, "name": "Team B"})
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.office == leeds
    assert _last_event("team.updated").changes == {"office": [str(newcastle.pk), str(leeds.pk)]}


def test_a_duplicate_team_name_in_the_same_office_is_shown_by_the_field(sign_in, ada, dwp):
    office = Office.objects.get(name="Newcastle Contact Centre")
    response = sign_in(ada).post(reverse("accounts:team_create"), {"office": office.pk, "name": "Safeguarding Team"})
    page = response.content.decode()
    assert '<a href="#id_name">This office has a team with that name</a>' in page
    assert 'value="Safeguarding Team"' in page
    assert office.teams.filter(name="Safeguarding Team").count() == 1


def test_an_administrator_adds_a_support_group_and_changes_its_description(sign_in, ada, dwp):
    client = sign_in(ada)
    response = client.post(
        reverse("accounts:support_group_create"),
        {"organisation": dwp.pk, "name": "Early shift group", "description": "From 8am"},
    )
    assert response.status_code == 302
    group = SupportGroup.objects.get(name="Early shift group")
    assert (group.organisation, group.description) == (dwp, "From 8am")
    response = client.post(
        reverse("accounts:support_group_edit", args=[group.pk]), {"name": "Early shift group", "description": "8 to 4"}
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.description == "8 to 4"
    assert _last_event("support_group.updated").changes == {"description": ["From 8am", "8 to 4"]}


def test_saving_without_changes_writes_no_audit_event(sign_in, ada, dwp):
    client = sign_in(ada)
    before = AuditEvent.objects.count()
    response = client.post(reverse("accounts:organisation_edit", args=[dwp.pk]), {"name": ORGANISATION})
    assert response.status_code == 302
    assert AuditEvent.objects.count() == before


def test_a_record_that_does_not_exist_is_not_found(sign_in, ada):
    assert sign_in(ada).get(reverse("accounts:team_edit", args=[999999])).status_code == 404
