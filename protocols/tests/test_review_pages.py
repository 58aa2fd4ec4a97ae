"""The protocol review pages (issue 4): safeguarding leads list protocols and versions, read
a version as a flow of steps and compare two versions; other roles are refused and change
nothing. `review_root` (conftest.py) adds a second DA Plan version, a local variant and a
broken sample to the real definitions."""

import html

import pytest
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent
from core.errors import NotAllowed
from protocols.selectors import protocols_list

REFUSED = ["cara", "hana", "tom", "dee", "ada", "wren"]
READERS = ["sam", "priya", "aled"]
DA = "domestic-abuse"


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def review_urls() -> list[str]:
    return [
        reverse("protocols:list"),
        reverse("protocols:version", args=[DA, "2022-03-10"]),
        reverse("protocols:version", args=["broken-sample", "1"]),
        reverse("protocols:compare", args=[DA]) + "?from=2022-03-10&to=2099-01-01",
        reverse("protocols:compare", args=[DA]) + "?from=1999&to=2099-01-01",
    ]


def state() -> dict:
    return {
        "audit_events": AuditEvent.objects.count(),
        "staff": list(User.objects.order_by("pk").values_list("pk", "role", "is_active", "last_login")),
    }


# The list ---------------------------------------------------------------------------------


def test_a_safeguarding_lead_sees_the_real_protocols_each_checked_with_no_problems(sign_in, sam):
    page = text_of(sign_in(sam).get(reverse("protocols:list")))

    for title in (
        "The Domestic Abuse (DA) Plan",
        "Six Point Plan",
        reverse("protocols:version", args=["threat-to-others", "2022-05-27"]),
        reverse("protocols:version", args=[DA, "2022-03-10"]),
        reverse("protocols:version", args=["suicide-self-harm", "2020-09"]),
    ):
        assert title in page
    assert page.count("No problems") == 3
    assert page.count(">Active<") == 3
    assert "govuk-tag--red" not in page


def test_the_list_shows_every_version_which_is_active_and_the_problems_of_a_broken_one(sign_in, sam, review_root):
    page = text_of(sign_in(sam).get(reverse("protocols:list")))

    assert reverse("protocols:version", args=[DA, "2099-01-01"]) in page
    assert "Local variant of domestic-abuse@2022-03-10" in page
    assert "The DA Plan (North East contact centre)" in page
    # The real protocols, the new DA version and the variant are valid; the sample is not.
    assert page.count("No problems") == 5
    assert page.count(">Active<") == 5  # one per protocol: a lone version needs no ACTIVE file
    assert "1 problem</strong>" in page
    assert "broken-sample/1.yaml, line 15: Step 'ask' goes to 'nowhere', which is not a step in this protocol" in page
    assert reverse("protocols:compare", args=[DA]) in page
    assert reverse("protocols:compare", args=["threat-to-others"]) not in page  # one version: nothing to compare


def test_a_protocol_with_two_versions_and_no_active_file_says_so(sign_in, sam, review_root):
    (review_root / DA / "ACTIVE").unlink()

    page = text_of(sign_in(sam).get(reverse("protocols:list")))

    assert "No version is active: domestic-abuse has 2 versions and no ACTIVE file to say which is active" in page


def test_a_new_version_file_shows_at_once(sign_in, sam, review_root):
    client = sign_in(sam)
    assert "Version 2100-01-01" not in text_of(client.get(reverse("protocols:list")))
    text = (review_root / DA / "2099-01-01.yaml").read_text().replace('version: "2099-01-01"', 'version: "2100-01-01"')
    (review_root / DA / "2100-01-01.yaml").write_text(text)

    assert "Version 2100-01-01" in text_of(client.get(reverse("protocols:list")))


# A version as a flow -----------------------------------------------------------------------


def test_a_version_is_shown_step_by_step_with_where_each_answer_leads(sign_in, sam):
    page = text_of(sign_in(sam).get(reverse("protocols:version", args=[DA, "2022-03-10"])))

    assert '<h1 class="govuk-heading-l">The Domestic Abuse (DA) Plan</h1>' in page
    assert "Step 1: Are you safe at the moment?" in page
    assert 'id="step-safe-now"' in page
    # Section A, from the opening question: the answer, then a link to the step's anchor.
    assert 'If the answer is ‘Not safe at the moment’ → <a class="govuk-link" href="#step-a-take-seriously">' in page
    assert 'id="step-a-take-seriously"' in page
    assert "Summons a support partner, who is told: The customer is not safe" in page
    assert "Seed 001, DA Plan: Section A; Role of the support partner" in page
    assert "Creates a task due in 2 working days for the team leader" in page
    assert "Decision reserved to the team leader or the deputy manager" in page
    assert "Put the customer on hold" in page  # a "don't" of the guidance
    assert 'id="record-contact-notes"' in page
    assert 'href="#record-contact-notes"' in page
    assert "PAM Assist (Employee Assistance Programme)" in page


def test_every_leads_to_link_on_a_version_page_has_a_step_to_jump_to(sign_in, sam):
    for protocol_id, version in (
        (DA, "2022-03-10"),
        ("suicide-self-harm", "2020-09"),
        ("threat-to-others", "2022-05-27"),
    ):
        page = text_of(sign_in(sam).get(reverse("protocols:version", args=[protocol_id, version])))
        targets = {part.split('"', 1)[0] for part in page.split('href="#step-')[1:]}
        anchors = {part.split('"', 1)[0] for part in page.split('id="step-')[1:]}

        assert targets, protocol_id
        assert targets <= anchors, protocol_id


def test_a_local_variant_is_shown_merged_into_its_template(sign_in, sam, review_root):
    page = text_of(sign_in(sam).get(reverse("protocols:version", args=["da-plan-north-east", "1"])))

    assert "Local variant of" in page
    assert "domestic-abuse@2022-03-10" in page
    assert 'Raise your hand and call "support partner"' in page
    assert "Summon a colleague to be your support partner" not in page
    assert "Are you safe at the moment?" in page  # from the template


def test_a_version_with_problems_lists_them_instead_of_steps(sign_in, sam, review_root):
    response = sign_in(sam).get(reverse("protocols:version", args=["broken-sample", "1"]))
    page = text_of(response)

    assert response.status_code == 200
    assert "Problems found by the validator" in page
    assert "broken-sample/1.yaml, line 15</strong>: Step 'ask' goes to 'nowhere'" in page
    assert "The steps, in order" not in page


@pytest.mark.parametrize(("protocol_id", "version"), [(DA, "1999-01-01"), ("no-such-protocol", "1"), (DA, "..")])
def test_an_unknown_protocol_or_version_is_not_found(sign_in, sam, protocol_id, version):
    assert sign_in(sam).get(reverse("protocols:version", args=[protocol_id, version])).status_code == 404


# Comparing two versions ------------------------------------------------------------------


def compare_url(protocol_id: str = DA, **params) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("protocols:compare", args=[protocol_id]) + (f"?{query}" if params else "")


def test_two_versions_are_compared_step_by_step(sign_in, sam, review_root):
    page = text_of(sign_in(sam).get(compare_url(**{"from": "2022-03-10", "to": "2099-01-01"})))

    assert "1 step changed" in page
    assert "1 step added" in page
    assert "0 steps removed" in page
    assert "45 steps unchanged" in page
    # The changed step, its old and new text, and its new way forward.
    assert "Summon a colleague to be your support partner. Do not put the customer on hold" in page
    assert "Press the alert button on your desk to summon your support partner" in page
    assert "Then → ‘Ask the site security desk to stand by.’" in page
    # The added step in full, the title and the contact's new phone number.
    assert "Added steps" in page
    assert "Ask the site security desk to stand by." in page
    assert "Creates a task due in 1 working day for the team leader: ‘Tell the site manager about the incident’" in page
    assert "The Domestic Abuse (DA) Plan (test revision)" in page
    assert "Changed: PAM Assist (Employee Assistance Programme)" in page
    assert "0808 169 1111" in page
    assert "0800 000 0000" in page
    assert "Removed steps" not in page


def test_compared_the_other_way_the_added_step_shows_as_removed(sign_in, sam, review_root):
    page = text_of(sign_in(sam).get(compare_url(**{"from": "2099-01-01", "to": "2022-03-10"})))

    assert "1 step removed" in page
    assert "0 steps added" in page
    assert "Removed steps" in page
    assert "Ask the site security desk to stand by." in page


def test_a_version_compared_with_itself_has_no_changes(sign_in, sam):
    page = text_of(sign_in(sam).get(compare_url(**{"from": "2022-03-10", "to": "2022-03-10"})))

    assert "These versions are the same: no step, record or contact changed." in page
    assert "Changed steps" not in page


def test_the_compare_page_offers_the_two_newest_versions_before_anything_is_chosen(sign_in, sam, review_root):
    page = text_of(sign_in(sam).get(compare_url()))

    assert '<option value="2022-03-10" selected>' in page.split('id="id_to"')[0].split('id="id_from"')[1]
    assert '<option value="2099-01-01" selected>' in page.split('id="id_to"')[1]
    assert "There is a problem" not in page


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        (
            {"from": "1999", "to": "2099-01-01"},
            "from",
            "There is no version ‘1999’ of The Domestic Abuse (DA) Plan: choose one of 2099-01-01, 2022-03-10",
        ),
        ({"from": "2022-03-10", "to": ""}, "to", "Choose the version to compare to"),
        ({"from": "2022-03-10"}, "to", "Choose the version to compare to"),
    ],
)
def test_a_version_that_cannot_be_compared_gets_a_clear_message_not_a_failure(
    sign_in, sam, review_root, params, field, message
):
    response = sign_in(sam).get(compare_url(**params))
    page = text_of(response)

    assert response.status_code == 200
    assert "There is a problem" in page
    assert f'<a href="#id_{field}">{message}</a>' in page
    hidden = '<span class="govuk-visually-hidden">Error:</span>'
    assert f'<p id="id_{field}_1_error" class="govuk-error-message">{hidden} {message}</p>' in page


def test_a_version_with_problems_cannot_be_compared(sign_in, sam, review_root):
    page = text_of(sign_in(sam).get(compare_url("broken-sample", **{"from": "1", "to": "1"})))

    assert "Version 1 has problems, so it cannot be compared: fix them first" in page
    assert "There is only one version of broken-sample" in page  # no title: the file cannot be loaded


def test_comparing_an_unknown_protocol_is_not_found(sign_in, sam):
    assert sign_in(sam).get(compare_url("no-such-protocol", **{"from": "1", "to": "1"})).status_code == 404


# Who may see them ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", REFUSED)
def test_everyone_but_protocol_reviewers_is_refused_and_nothing_changes(request, sign_in, review_root, persona):
    client = sign_in(request.getfixturevalue(persona))
    before = state()

    for url in review_urls():
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Are you safe at the moment?" not in text_of(response)

    assert state() == before
    assert ">Protocols</a>" not in text_of(client.get(reverse("home")))


@pytest.mark.parametrize("persona", READERS)
def test_safeguarding_leads_data_protection_officers_and_auditors_read_every_page_and_write_nothing(
    request, sign_in, review_root, persona
):
    client = sign_in(request.getfixturevalue(persona))
    before = state()

    for url in review_urls():
        assert client.get(url).status_code == 200, url

    assert state() == before
    assert f'href="{reverse("protocols:list")}"' in text_of(client.get(reverse("home")))


@pytest.mark.parametrize("persona", REFUSED)
def test_the_selector_refuses_anyone_but_protocol_reviewers_too(request, persona):
    with pytest.raises(NotAllowed):
        protocols_list(user=request.getfixturevalue(persona))


def test_someone_not_signed_in_is_sent_to_sign_in(client):
    response = client.get(reverse("protocols:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_pages_only_read(sign_in, sam):
    response = sign_in(sam).post(reverse("protocols:list"))

    assert response.status_code == 405
