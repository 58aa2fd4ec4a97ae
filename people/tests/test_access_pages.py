"""Restricted records through the pages: restricting one and naming staff on it, refusing
everyone else, and break glass (recorded, audited, the DPO told by email)."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.personas import OTHER_ORGANISATION, Persona, create_persona
from accounts.roles import Role
from audit.models import AuditEvent
from core.system import system_actor
from people.models import BreakGlass, Customer, NamedAccess
from people.services_access import customer_restrict, named_access_grant
from people.tests.needs_helpers import (
    assert_banner_shows_needs,
    banner,
    customer_with_needs,
    field_value,
    needs_state,
    raw_column,
)

REASON = "She is on the phone now and says her ex-partner is outside"


@pytest.fixture
def customer(cara):
    return customer_with_needs(cara)


@pytest.fixture
def restricted(customer, tom):
    return customer_restrict(actor=tom, customer=customer, restricted=True)


def url(name, customer):
    return reverse(f"people:{name}", kwargs={"pk": customer.pk})


def test_a_team_leader_restricts_a_record_and_is_named_on_it(sign_in, tom, customer):
    page = sign_in(tom).get(url("access", customer))
    assert page.status_code == 200
    assert_banner_shows_needs(page)

    response = sign_in(tom).post(url("access", customer), {"action": "restrict"})

    assert response.status_code == 302
    assert Customer.objects.get(pk=customer.pk).is_restricted is True
    assert list(NamedAccess.objects.filter(customer=customer).values_list("user__username", flat=True)) == ["tom"]
    event = AuditEvent.objects.get(action="customer.restricted")
    assert (event.actor, event.person_ref) == (tom, f"customer:{customer.pk}")


def test_only_staff_of_the_organisation_who_work_with_customers_can_be_named(
    sign_in, tom, restricted, hana, priya, aled, sam, ada, wren
):
    response = sign_in(tom).get(url("access", restricted))

    html = response.content.decode()
    select = html.split('name="user"')[1].split("</select>")[0]
    for offered in ("Cara Okafor", "Hana Price", "Priya Shah", "Aled Jones", "Sam Adeyemi"):
        assert offered in select
    # Not the administrator, not another organisation's caseworker, not Tom (already named).
    for not_offered in ("Ada Quinn", "Wren Ellis", "Tom Leary"):
        assert not_offered not in select


def test_a_team_leader_names_and_removes_a_member_of_staff(sign_in, tom, cara, restricted):
    client = sign_in(tom)

    assert client.post(url("access", restricted), {"action": "name", "user": cara.pk}).status_code == 302
    named = NamedAccess.objects.get(customer=restricted, user=cara)
    assert named.granted_by == tom
    assert sign_in(cara).get(url("markers", restricted)).status_code == 200

    client = sign_in(tom)
    assert client.post(url("access", restricted), {"action": "unname", "named": named.pk}).status_code == 302
    assert not NamedAccess.objects.filter(customer=restricted, user=cara).exists()
    assert AuditEvent.objects.filter(action="customer.named_access_granted", actor=tom).count() == 1
    assert AuditEvent.objects.filter(action="customer.named_access_revoked", actor=tom).count() == 1


def test_naming_nobody_is_refused_beside_the_field(sign_in, tom, restricted):
    client = sign_in(tom)
    before = needs_state()

    response = client.post(url("access", restricted), {"action": "name", "user": ""})

    assert '<a href="#id_user">Select a member of staff</a>' in response.content.decode()
    assert needs_state() == before


def test_a_team_leader_opens_a_restricted_record_to_the_organisation_again(sign_in, tom, restricted):
    assert sign_in(tom).post(url("access", restricted), {"action": "unrestrict"}).status_code == 302

    assert Customer.objects.get(pk=restricted.pk).is_restricted is False
    assert AuditEvent.objects.filter(action="customer.unrestricted", actor=tom).count() == 1


@pytest.fixture
def other_team_leader(demo_teams):
    """A team leader in the other organisation: the right role, the wrong organisation."""
    spec = Persona("otto", "Otto", "Reid", Role.TEAM_LEADER, "Welfare Rights", organisation=OTHER_ORGANISATION)
    return create_persona(spec, teams=demo_teams, actor=system_actor())


@pytest.mark.parametrize(
    ("persona", "status"),
    [("cara", 403), ("aled", 403), ("ada", 403), ("wren", 403), ("other_team_leader", 404)],
)
def test_the_wrong_people_cannot_restrict_or_name_staff(request, sign_in, cara, customer, persona, status):
    client = sign_in(request.getfixturevalue(persona))
    before = needs_state()

    assert client.get(url("access", customer)).status_code == status
    assert client.post(url("access", customer), {"action": "restrict"}).status_code == status
    assert client.post(url("access", customer), {"action": "name", "user": cara.pk}).status_code == status

    assert needs_state() == before


# --- A restricted record and break glass ---------------------------------------------------


@pytest.mark.parametrize("page_name", ["markers", "marker_add", "safe_contact", "privacy", "person_around_add"])
def test_a_restricted_record_is_refused_to_staff_not_named_on_it(sign_in, cara, restricted, page_name):
    client = sign_in(cara)
    before = needs_state()

    response = client.get(url(page_name, restricted))

    assert response.status_code == 302
    assert response["Location"] == url("break_glass", restricted)
    assert needs_state() == before


def test_the_break_glass_page_shows_nothing_about_the_person_but_the_case_number(sign_in, cara, restricted):
    response = sign_in(cara).get(url("break_glass", restricted))

    assert response.status_code == 200
    html = response.content.decode()
    assert "This record is restricted" in html
    assert restricted.case_number in html
    assert banner(response) == ""
    for detail in ("Jane", "Johnson", "1985", "NE1", "AB123456C", "DOMESTIC ABUSE RISK", "voicemail"):
        assert detail not in html


def test_a_short_reason_is_refused_keeping_what_was_typed_and_nothing_is_recorded(sign_in, cara, restricted):
    client = sign_in(cara)
    before = needs_state()

    response = client.post(url("break_glass", restricted), {"reason": "urgent"})

    assert response.status_code == 200
    html = response.content.decode()
    message = "Explain why you need to open this record (at least 10 characters)"
    assert f'<a href="#id_reason">{message}</a>' in html
    assert f"</span> {message}</p>" in html
    assert field_value(response, "reason") == "urgent"
    assert needs_state() == before
    assert mail.outbox == []


def test_break_glass_is_recorded_tells_the_dpo_and_then_opens_the_record(
    sign_in, cara, priya, restricted, django_capture_on_commit_callbacks
):
    client = sign_in(cara)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("break_glass", restricted), {"reason": REASON})

    assert response.status_code == 302
    assert response["Location"] == reverse("people:record", kwargs={"pk": restricted.pk})
    glass = BreakGlass.objects.get(customer=restricted)
    assert (glass.user, glass.reason) == (cara, REASON)
    event = AuditEvent.objects.get(action="customer.break_glass")
    assert (event.actor, event.person_ref) == (cara, f"customer:{restricted.pk}")
    assert [message.to for message in mail.outbox] == [[priya.email]]
    assert restricted.case_number in mail.outbox[0].body
    # The reason is kept encrypted where it lives.
    assert "ex-partner" not in raw_column("people_breakglass", "reason", glass.pk)

    opened = client.get(url("markers", restricted))
    assert opened.status_code == 200
    assert_banner_shows_needs(opened)
    # Once open, the break-glass page goes straight to the record.
    assert client.get(url("break_glass", restricted))["Location"] == reverse(
        "people:record", kwargs={"pk": restricted.pk}
    )


def test_staff_named_on_a_restricted_record_open_it_without_breaking_glass(sign_in, tom, hana, restricted):
    named_access_grant(actor=tom, customer=restricted, user=hana)

    assert sign_in(hana).get(url("markers", restricted)).status_code == 200
    assert sign_in(hana).get(url("break_glass", restricted)).status_code == 302
    assert not BreakGlass.objects.exists()


def test_an_unrestricted_record_needs_no_break_glass(sign_in, cara, customer):
    client = sign_in(cara)
    before = needs_state()

    response = client.post(url("break_glass", customer), {"reason": REASON})

    assert response["Location"] == reverse("people:record", kwargs={"pk": customer.pk})
    assert needs_state() == before


@pytest.mark.parametrize(("persona", "status"), [("ada", 403), ("wren", 404)])
def test_the_wrong_people_cannot_break_glass(request, sign_in, restricted, persona, status):
    client = sign_in(request.getfixturevalue(persona))
    before = needs_state()

    response = client.post(url("break_glass", restricted), {"reason": REASON})

    assert response.status_code == status
    assert restricted.case_number not in response.content.decode()
    assert needs_state() == before
    assert mail.outbox == []
