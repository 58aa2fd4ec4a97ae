"""The staff and organisation services: rules, refusals, and that a refusal writes nothing."""

from datetime import date

import pytest

from accounts import services
from accounts.models import Office, Organisation, Region, Team, User
from accounts.personas import ORGANISATION, OTHER_ORGANISATION
from accounts.roles import Role
from accounts.tests.test_admin_pages import state_of_records
from audit.models import AuditEvent
from core.errors import HavenError, NotAllowed
from core.system import system_actor


def test_a_caseworker_cannot_create_an_organisation_and_nothing_is_written(cara):
    before = state_of_records()
    with pytest.raises(NotAllowed):
        services.organisation_create(actor=cara, name="Shadow organisation")
    assert state_of_records() == before


def test_a_duplicate_name_is_refused_by_its_field_and_leaves_no_audit_event(ada):
    before = state_of_records()
    with pytest.raises(HavenError) as refused:
        services.organisation_create(actor=ada, name=ORGANISATION)
    assert (refused.value.message, refused.value.field) == ("An organisation with that name exists", "name")
    assert state_of_records() == before


def test_a_team_cannot_move_to_an_office_in_another_organisation(ada):
    team = Team.objects.get(name="Contact Centre Team A")
    glasgow = Office.objects.get(name="Glasgow Advice Office")
    before = state_of_records()
    with pytest.raises(HavenError) as refused:
        services.team_update(actor=ada, team=team, name=team.name, office=glasgow)
    assert refused.value.field == "office"
    assert state_of_records() == before


def test_an_office_cannot_move_to_a_region_in_another_organisation(ada):
    office = Office.objects.get(name="Newcastle Contact Centre")
    scotland = Region.objects.get(organisation__name=OTHER_ORGANISATION)
    with pytest.raises(HavenError) as refused:
        services.office_update(actor=ada, office=office, name=office.name, nation=office.nation, region=scotland)
    assert refused.value.field == "region"
    office.refresh_from_db()
    assert office.region.organisation.name == ORGANISATION


def test_an_office_moves_to_another_region_of_its_own_organisation(ada):
    office = Office.objects.get(name="Newcastle Contact Centre")
    dwp = Organisation.objects.get(name=ORGANISATION)
    yorkshire = services.region_create(actor=ada, organisation=dwp, name="Yorkshire")
    services.office_update(actor=ada, office=office, name=office.name, nation=office.nation, region=yorkshire)
    office.refresh_from_db()
    assert office.region == yorkshire
    event = AuditEvent.objects.filter(action="office.updated").get()
    assert event.changes == {"region": [str(dwp.regions.get(name="North East and Cumbria").pk), str(yorkshire.pk)]}


def test_a_staff_update_with_an_invalid_email_changes_nothing(ada, cara):
    before = state_of_records()
    with pytest.raises(HavenError) as refused:
        services.staff_update(actor=ada, user=cara, email="not an address", role=Role.AUDITOR)
    assert refused.value.field == "email"
    assert state_of_records() == before
    cara.refresh_from_db()
    assert cara.role == Role.CASEWORKER


def test_deactivating_twice_is_refused_and_writes_one_event(ada, cara):
    services.staff_deactivate(actor=ada, user=cara)
    with pytest.raises(HavenError, match="already deactivated"):
        services.staff_deactivate(actor=ada, user=cara)
    assert AuditEvent.objects.filter(action="staff.deactivated", target_id=str(cara.pk)).count() == 1


def test_the_system_account_cannot_be_changed_by_an_administrator(ada):
    system = system_actor()
    before = state_of_records()
    for change in (services.staff_reactivate, services.staff_reset_mfa):
        with pytest.raises(NotAllowed):
            change(actor=ada, user=system)
    with pytest.raises(NotAllowed):
        services.staff_update(actor=ada, user=system, role=Role.ADMINISTRATOR)
    assert state_of_records() == before
    assert User.objects.get(pk=system.pk).role != Role.ADMINISTRATOR


def test_only_home_based_workers_join_a_support_group(cara, hana):
    group = hana.organisation.support_groups.get()
    with pytest.raises(NotAllowed):
        services.support_group_join(actor=cara, group=group, day=date(2026, 3, 2))
    membership = services.support_group_join(actor=hana, group=group, day=date(2026, 3, 2))
    assert (membership.user, membership.group, membership.day) == (hana, group, date(2026, 3, 2))
