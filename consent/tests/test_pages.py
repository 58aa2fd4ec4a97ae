"""The consent pages: each works for the right people, refuses the wrong ones (changing
nothing), keeps what was typed on a mistake, and audits every read."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from audit.models import AuditEvent
from consent import services
from consent.models import AccessRecord, Authority, Entry, Scope
from consent.tests.factories import make_authority, plain_pdf, upload
from people.tests.factories import make_customer


@pytest.fixture
def customer(cara):
    return make_customer(cara)


@pytest.fixture
def authority(cara, hana, customer):
    return make_authority(cara, customer, hana)


def _pdf_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())  # table cells wrap their lines


def _grant_form(hana, **overrides):
    data = {
        "adviser": str(hana.pk),
        "scope": ["view", "entries"],
        "entries": ["lodge-mr"],
        "purpose": "To challenge the decision of 3 March",
        "duration": "ongoing",
        "evidence": "signature",
        "signature_name": "Jane Johnson",
    }
    data.update(overrides)
    return data


# --- Who may see what --------------------------------------------------------------------


def _pages(customer, authority):
    return [
        reverse("consent:customer", args=[customer.pk]),
        reverse("consent:new", args=[customer.pk]),
        reverse("consent:statement", args=[customer.pk]),
        reverse("consent:statement_pdf", args=[customer.pk]),
        reverse("consent:authority", args=[authority.pk]),
        reverse("consent:revoke", args=[authority.pk]),
        reverse("consent:receipt", args=[authority.pk]),
        reverse("consent:access", args=[authority.pk]),
    ]


def test_an_administrator_is_refused_every_consent_page(sign_in, ada, customer, authority):
    client = sign_in(ada)
    for url in [*_pages(customer, authority), reverse("consent:mine")]:
        assert client.get(url).status_code == 403, url


def test_a_caseworker_in_another_organisation_finds_nothing(sign_in, wren, customer, authority):
    client = sign_in(wren)
    for url in _pages(customer, authority):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("consent:revoke", args=[authority.pk])).status_code == 404
    authority.refresh_from_db()
    assert authority.revoked_at is None


def test_an_auditor_reads_authorities_but_cannot_record_revoke_act_or_open_the_signed_form(
    sign_in, aled, customer, authority
):
    client = sign_in(aled)
    assert client.get(reverse("consent:customer", args=[customer.pk])).status_code == 200
    assert client.get(reverse("consent:authority", args=[authority.pk])).status_code == 200
    for url in (
        reverse("consent:new", args=[customer.pk]),
        reverse("consent:revoke", args=[authority.pk]),
        reverse("consent:access", args=[authority.pk]),
        reverse("consent:evidence", args=[authority.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("consent:revoke", args=[authority.pk])).status_code == 403
    authority.refresh_from_db()
    assert authority.revoked_at is None


def test_someone_other_than_the_named_adviser_cannot_record_an_access(sign_in, cara, authority):
    client = sign_in(cara)
    page = client.get(reverse("consent:access", args=[authority.pk]))
    assert "Only Hana Price, the adviser named on this authority, can act under it" in page.content.decode()

    response = client.post(
        reverse("consent:access", args=[authority.pk]),
        {"action": "view", "viewed": "Journal", "no_password_confirmed": "on"},
    )

    assert response.status_code == 403
    assert not AccessRecord.objects.exists()


# --- Recording, opening and revoking -----------------------------------------------------


def test_a_caseworker_records_an_authority_from_the_page(sign_in, cara, hana, customer):
    client = sign_in(cara)
    assert client.get(reverse("consent:new", args=[customer.pk])).status_code == 200

    response = client.post(reverse("consent:new", args=[customer.pk]), _grant_form(hana))

    authority = Authority.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("consent:authority", args=[authority.pk])
    assert authority.entries == ["lodge-mr"]


def test_a_signed_form_is_uploaded_and_downloaded_only_as_an_audited_attachment(sign_in, cara, hana, customer):
    client = sign_in(cara)
    content = plain_pdf()
    data = _grant_form(hana, evidence="upload", signature_name="", evidence_file=upload("signed.pdf", content))
    client.post(reverse("consent:new", args=[customer.pk]), data)
    authority = Authority.objects.get()

    response = client.get(reverse("consent:evidence", args=[authority.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content
    assert AuditEvent.objects.filter(action="authority.evidence_opened", actor=cara).count() == 1


def test_mistakes_are_shown_beside_their_fields_keeping_what_was_typed(sign_in, cara, hana, customer):
    client = sign_in(cara)
    data = _grant_form(
        hana, duration="until", purpose="Her password is Sunshine1", evidence="verbal", signature_name=""
    )

    page = client.post(reverse("consent:new", args=[customer.pk]), data).content.decode()

    assert "There is a problem" in page
    assert "Enter the date the authority ends" in page
    assert "Haven never stores them" in page
    assert "Enter the name of the witness" in page
    assert "Her password is Sunshine1</textarea>" in page
    assert not Authority.objects.exists()


def test_opening_an_authority_and_the_list_are_audited_reads(sign_in, tom, customer, authority):
    client = sign_in(tom)
    listing = client.get(reverse("consent:customer", args=[customer.pk])).content.decode()
    detail = client.get(reverse("consent:authority", args=[authority.pk])).content.decode()

    assert "Hana Price" in listing
    assert "Active" in detail
    assert AuditEvent.objects.filter(action="authority.listed", actor=tom).count() == 1
    assert AuditEvent.objects.filter(action="authority.viewed", actor=tom, target_id=str(authority.pk)).count() == 1


def test_revoking_shows_at_once_on_the_authority_the_list_and_the_access_page(sign_in, tom, hana, customer, authority):
    client = sign_in(tom)
    response = client.post(reverse("consent:revoke", args=[authority.pk]), {"note": "Client phoned"})
    assert response.status_code == 302

    assert "Revoked" in client.get(reverse("consent:customer", args=[customer.pk])).content.decode()
    detail = client.get(reverse("consent:authority", args=[authority.pk])).content.decode()
    assert "The client revoked this authority on" in detail
    adviser = sign_in(hana)
    assert (
        "The client revoked this authority on"
        in adviser.get(reverse("consent:access", args=[authority.pk])).content.decode()
    )
    assert "Revoked" in adviser.get(reverse("consent:mine")).content.decode()


# --- Acting under an authority -----------------------------------------------------------


def test_the_adviser_records_an_access_and_a_refusal_after_revocation_says_why(sign_in, cara, hana, authority):
    client = sign_in(hana)
    data = {"action": "entries", "entry": "lodge-mr", "done": "Lodged an MR", "no_password_confirmed": "on"}
    assert client.post(reverse("consent:access", args=[authority.pk]), data).status_code == 302
    services.authority_revoke(actor=cara, authority=authority)

    page = client.post(reverse("consent:access", args=[authority.pk]), data).content.decode()

    assert "The client revoked this authority on" in page
    assert "Lodged an MR</textarea>" in page
    assert AccessRecord.objects.count() == 1


def test_an_access_without_the_no_password_confirmation_is_not_recorded(sign_in, hana, authority):
    client = sign_in(hana)
    page = client.post(reverse("consent:access", args=[authority.pk]), {"action": "view", "viewed": "Journal"})
    assert "Confirm that you did not use or store the client&#x27;s password" in page.content.decode()
    assert not AccessRecord.objects.exists()


# --- What the client is given -----------------------------------------------------------


def test_the_consent_receipt_says_what_was_authorised_for_how_long_and_how_to_revoke(sign_in, cara, authority):
    response = sign_in(cara).get(reverse("consent:receipt", args=[authority.pk]))

    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response)
    for expected in (
        "Consent receipt",
        str(authority.receipt_id),
        "Jane Johnson",
        "Hana Price",
        "View account or journal",
        "Lodge a Mandatory Reconsideration",
        "you revoke it",
        "How to revoke it",
    ):
        assert expected in text, expected
    assert AuditEvent.objects.filter(action="authority.receipt_issued").count() == 1


def test_the_statement_lists_every_access_on_the_page_and_in_the_pdf(sign_in, cara, hana, customer, authority):
    services.access_record(
        actor=hana,
        authority=authority,
        action=Scope.ENTRIES,
        entry=Entry.LODGE_MR,
        done="Lodged an MR",
        no_password_confirmed=True,
    )
    client = sign_in(cara)

    page = client.get(reverse("consent:statement", args=[customer.pk])).content.decode()
    text = _pdf_text(client.get(reverse("consent:statement_pdf", args=[customer.pk])))

    assert "Lodged an MR" in page
    assert "Lodged an MR" in text
    assert "no password was used or stored" in text
    assert AuditEvent.objects.filter(action="authority.statement_issued").count() == 2
