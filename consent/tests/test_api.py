"""Authorities and access records over the API: the same services, checks and audit as the pages."""

import io

import pytest
from pypdf import PdfReader

from api.tests.helpers import bearer, token_for
from audit.models import AuditEvent
from consent import services
from consent.models import AccessRecord, Authority
from consent.tests.factories import make_authority, plain_pdf
from people.tests.factories import make_customer

BASE = "/api/v1/consent"
GRANT = {
    "scope": ["view", "entries"],
    "entries": ["lodge-mr"],
    "purpose": "To challenge the decision of 3 March",
    "duration": "ongoing",
    "evidence": "signature",
    "signature_name": "Jane Johnson",
}
MR = {"action": "entries", "entry": "lodge-mr", "done": "Lodged an MR", "no_password_confirmed": True}


@pytest.fixture
def customer(cara):
    return make_customer(cara)


@pytest.fixture
def authority(cara, hana, customer):
    return make_authority(cara, customer, hana)


def _post(client, user, url, body):
    return client.post(url, body, content_type="application/json", headers=bearer(token_for(user)))


def _get(client, user, url):
    return client.get(url, headers=bearer(token_for(user)))


def test_a_caseworker_records_an_authority_and_reads_it_back(client, cara, hana, customer):
    response = _post(client, cara, f"{BASE}/customers/{customer.pk}/authorities", {**GRANT, "adviser_id": hana.pk})

    assert response.status_code == 201
    body = response.json()
    assert body["adviser"] == "hana"
    assert body["state"] == {"code": "active", "label": "Active", "is_active": True, "message": ""}
    listed = _get(client, cara, f"{BASE}/customers/{customer.pk}/authorities").json()
    assert [item["id"] for item in listed] == [body["id"]]
    assert AuditEvent.objects.filter(action="authority.listed", actor=cara).count() == 1


def test_a_signed_form_goes_as_multipart_and_a_hostile_one_is_refused(client, cara, hana, customer):
    url = f"{BASE}/customers/{customer.pk}/authorities/signed-form"
    fields = {**GRANT, "evidence": "upload", "signature_name": "", "adviser_id": hana.pk}
    headers = bearer(token_for(cara))

    svg = io.BytesIO(b"<svg><script>alert(1)</script></svg>")
    svg.name = "form.pdf"
    refused = client.post(url, {**fields, "evidence_file": svg}, headers=headers)
    assert refused.status_code == 400
    assert refused.json()["field"] == "evidence_file"
    assert "must be a PDF, PNG or JPEG" in refused.json()["detail"]
    assert not Authority.objects.exists()

    form = io.BytesIO(plain_pdf())
    form.name = "signed.pdf"
    accepted = client.post(url, {**fields, "evidence_file": form}, headers=headers)
    assert accepted.status_code == 201, accepted.json()
    assert accepted.json()["has_signed_form"] is True
    assert accepted.json()["scope"] == ["entries", "view"]
    download = client.get(f"{BASE}/authorities/{accepted.json()['id']}/signed-form", headers=headers)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_the_adviser_lodges_an_mr_and_after_revocation_is_refused_with_why(client, cara, hana, authority):
    first = _post(client, hana, f"{BASE}/authorities/{authority.pk}/access", MR)
    assert first.status_code == 201
    assert first.json()["no_password_confirmed"] is True

    assert _post(client, cara, f"{BASE}/authorities/{authority.pk}/revoke", {"note": "By phone"}).status_code == 200
    second = _post(client, hana, f"{BASE}/authorities/{authority.pk}/access", MR)

    assert second.status_code == 400
    assert second.json()["field"] == "action"
    assert second.json()["detail"].startswith("The client revoked this authority on")
    assert AccessRecord.objects.count() == 1
    opened = _get(client, cara, f"{BASE}/authorities/{authority.pk}").json()
    assert opened["state"]["code"] == "revoked"
    assert [record["done"] for record in opened["access_records"]] == ["Lodged an MR"]


def test_an_access_with_a_password_in_it_is_refused_by_the_guard(client, hana, authority):
    response = _post(client, hana, f"{BASE}/authorities/{authority.pk}/access", {**MR, "done": "PIN is 4821"})
    assert response.status_code == 400
    assert "Haven never stores them" in response.json()["errors"]["done"]
    assert not AccessRecord.objects.exists()


def test_the_statement_and_receipt_are_given_through_the_api(client, cara, hana, customer, authority):
    services.access_record(actor=hana, authority=authority, action="view", viewed="Journal", no_password_confirmed=True)

    statement = _get(client, cara, f"{BASE}/customers/{customer.pk}/access-statement").json()
    receipt = _get(client, cara, f"{BASE}/authorities/{authority.pk}/receipt")

    assert [record["viewed"] for record in statement] == ["Journal"]
    assert receipt["Content-Type"] == "application/pdf"
    assert "Consent receipt" in PdfReader(io.BytesIO(receipt.content)).pages[0].extract_text()
    assert [a["id"] for a in _get(client, hana, f"{BASE}/authorities").json()] == [authority.pk]


@pytest.mark.parametrize("persona", ["ada", "wren"])
def test_the_wrong_people_are_refused_every_operation_and_nothing_changes(
    request, client, hana, customer, authority, persona
):
    someone = request.getfixturevalue(persona)
    expected = 403 if persona == "ada" else 404
    for url in (
        f"{BASE}/customers/{customer.pk}/authorities",
        f"{BASE}/customers/{customer.pk}/access-statement",
        f"{BASE}/authorities/{authority.pk}",
        f"{BASE}/authorities/{authority.pk}/receipt",
        f"{BASE}/authorities/{authority.pk}/signed-form",
    ):
        assert _get(client, someone, url).status_code == expected, url
    assert _post(client, someone, f"{BASE}/authorities/{authority.pk}/revoke", {}).status_code == expected
    assert (
        _post(
            client, someone, f"{BASE}/customers/{customer.pk}/authorities", {**GRANT, "adviser_id": hana.pk}
        ).status_code
        == expected
    )
    assert _post(client, someone, f"{BASE}/authorities/{authority.pk}/access", MR).status_code in (403, 404)
    authority.refresh_from_db()
    assert authority.revoked_at is None
    assert Authority.objects.count() == 1
    assert not AccessRecord.objects.exists()


def test_an_auditor_reads_but_cannot_revoke_act_or_download_the_signed_form(client, aled, authority):
    assert _get(client, aled, f"{BASE}/authorities/{authority.pk}").status_code == 200
    assert _get(client, aled, f"{BASE}/authorities/{authority.pk}/signed-form").status_code == 403
    assert _post(client, aled, f"{BASE}/authorities/{authority.pk}/revoke", {}).status_code == 403
    assert _post(client, aled, f"{BASE}/authorities/{authority.pk}/access", MR).status_code == 403
    authority.refresh_from_db()
    assert authority.revoked_at is None


def test_someone_other_than_the_named_adviser_cannot_act_under_it(client, cara, authority):
    assert _post(client, cara, f"{BASE}/authorities/{authority.pk}/access", MR).status_code == 403
    assert not AccessRecord.objects.exists()
