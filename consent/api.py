"""Authorities and access records over the API: the same selectors, services and checks
as the pages. Another organisation's customer or authority is "not found" (404); an
access outside an authority's scope or period answers 400 with why, by its field."""

from django.http import FileResponse, HttpResponse
from django.utils import timezone
from ninja import File, Form, Router
from ninja.files import UploadedFile

from accounts.models import User
from api.access import api_access
from consent import pdf, selectors, services
from consent.api_schemas import AccessIn, AccessOut, AuthorityIn, AuthorityOut, AuthorityRecordOut, RevokeIn
from consent.permissions import ADVISERS, AUTHORITY_READERS, AUTHORITY_RECORDERS, EVIDENCE_READERS
from core.errors import NotAllowed
from people.selectors import RestrictedRecord, customer_get_for_change

router = Router(tags=["Forms of authority"])


def _customer(request, customer_id: int):
    try:
        return customer_get_for_change(user=request.auth, customer_id=customer_id)
    except RestrictedRecord as exc:
        raise NotAllowed(exc.message) from exc


def _grant(request, customer_id: int, payload: AuthorityIn, evidence_file=None):
    customer = _customer(request, customer_id)
    fields = payload.dict(exclude={"adviser_id"})
    adviser = User.objects.filter(pk=payload.adviser_id).first()
    return services.authority_grant(
        actor=request.auth, customer=customer, adviser=adviser, evidence_file=evidence_file, **fields
    )


@router.get("/customers/{customer_id}/authorities", response=list[AuthorityOut], summary="A customer's authorities")
@api_access(AUTHORITY_READERS)
def authority_list(request, customer_id: int):
    """Every authority the customer has given, newest first, each with its state now
    (active, revoked, expired, used). An audited read."""
    return selectors.authorities_for_customer(user=request.auth, customer=_customer(request, customer_id))


@router.post("/customers/{customer_id}/authorities", response={201: AuthorityOut}, summary="Record an authority")
@api_access(AUTHORITY_RECORDERS)
def authority_grant(request, customer_id: int, payload: AuthorityIn):
    """For a signature captured in person or verbal consent with a witness and the time."""
    return 201, _grant(request, customer_id, payload)


@router.post(
    "/customers/{customer_id}/authorities/signed-form",
    response={201: AuthorityOut},
    summary="Record an authority with its signed form",
)
@api_access(AUTHORITY_RECORDERS)
def authority_grant_signed_form(
    request, customer_id: int, payload: Form[AuthorityIn], evidence_file: File[UploadedFile] = None
):
    """Multipart form data: the authority's fields and `evidence_file`, a PDF, PNG or JPEG
    under 5 MB, checked by its content. A refused file is never stored."""
    return 201, _grant(request, customer_id, payload, evidence_file)


@router.get("/customers/{customer_id}/access-statement", response=list[AccessOut], summary="Statement of every access")
@api_access(AUTHORITY_READERS)
def access_statement(request, customer_id: int):
    """Every access made for the customer under any authority, oldest first. An audited read."""
    return selectors.access_statement(user=request.auth, customer=_customer(request, customer_id))


@router.get("/authorities", response=list[AuthorityOut], summary="Authorities you hold")
@api_access(ADVISERS)
def authorities_mine(request):
    return selectors.authorities_held(user=request.auth)


@router.get("/authorities/{authority_id}", response=AuthorityRecordOut, summary="Open an authority")
@api_access(AUTHORITY_READERS)
def authority_open(request, authority_id: int):
    """The authority, its state now and every access under it. An audited read."""
    return selectors.authority_open(user=request.auth, authority_id=authority_id)


@router.post("/authorities/{authority_id}/revoke", response=AuthorityOut, summary="Revoke an authority")
@api_access(AUTHORITY_RECORDERS)
def authority_revoke(request, authority_id: int, payload: RevokeIn):
    """The client revokes it: effective at once, everywhere it is used."""
    authority = selectors.authority_get(user=request.auth, authority_id=authority_id)
    return services.authority_revoke(actor=request.auth, authority=authority, note=payload.note)


@router.post("/authorities/{authority_id}/access", response={201: AccessOut}, summary="Record an access")
@api_access(ADVISERS)
def access_record(request, authority_id: int, payload: AccessIn):
    """Only the adviser named on the authority. `no_password_confirmed` must be true. An
    access outside the authority's scope or period answers 400 with why."""
    authority = selectors.authority_get(user=request.auth, authority_id=authority_id)
    return 201, services.access_record(actor=request.auth, authority=authority, **payload.dict())


@router.get("/authorities/{authority_id}/receipt", summary="The consent receipt (PDF)")
@api_access(AUTHORITY_READERS)
def authority_receipt(request, authority_id: int) -> HttpResponse:
    authority = selectors.receipt_issue(user=request.auth, authority_id=authority_id)
    return pdf.response(pdf.consent_receipt(authority, issued_at=timezone.now()), f"receipt-{authority.receipt_id}.pdf")


@router.get("/authorities/{authority_id}/signed-form", summary="Download the signed form")
@api_access(EVIDENCE_READERS)
def authority_evidence(request, authority_id: int):
    """An audited download, as an attachment."""
    authority = selectors.evidence_open(user=request.auth, authority_id=authority_id)
    extension = authority.evidence_content_type.split("/")[-1].replace("jpeg", "jpg")
    response = FileResponse(
        authority.evidence_file.open("rb"),
        as_attachment=True,
        filename=f"signed-authority-{authority.pk}.{extension}",
        content_type=authority.evidence_content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
