"""The directory over the API: the same selectors, services and policies as the pages.
Another organisation's entry or customer is "not found" (404); broken rules answer 400
with the field; the wrong role answers 403 (api/errors.py)."""

from datetime import date, datetime

from django.http import HttpResponse
from ninja import Router, Schema

from api.access import api_access
from core.errors import HavenError
from directory import csv_format, postcodes, selectors, services
from directory.models import Entry
from directory.permissions import DIRECTORY_EDITORS, DIRECTORY_READERS, SIGNPOST_SENDERS
from directory.services import EntryDetails

router = Router(tags=["Signposting directory"])


class EntryOut(Schema):
    id: int
    uid: str
    name: str
    description: str
    needs: list[str]
    nations: list[str]
    is_local: bool
    local_area: str
    local_postcodes: list[str]
    phone: str
    phone_is_free: bool
    other_numbers: str
    hours: str
    open_24_7: bool
    website: str
    email: str
    languages: str
    one_line: str
    unverified: bool
    last_verified_on: date | None
    review_due_on: date
    source: str
    is_active: bool
    version: int


class EntryIn(Schema):
    name: str
    description: str = ""
    needs: list[str]
    nations: list[str]
    local_area: str = ""
    local_postcodes: str = ""
    phone: str = ""
    phone_is_free: bool = False
    other_numbers: str = ""
    hours: str = ""
    open_24_7: bool = False
    website: str = ""
    email: str = ""
    languages: str = ""
    version: int | None = None


class PlaceOut(Schema):
    postcode: str
    outcode: str
    area: str
    nation: str
    nation_certain: bool
    council_code: str
    council_name: str
    note: str


class SendIn(Schema):
    customer_id: int
    entry_ids: list[int]
    channel: str
    incident_id: int | None = None  # given during an incident about this customer: the send names it


class SendOut(Schema):
    id: int
    customer_id: int
    incident_id: int | None
    channel: str
    entry_ids: list[int]
    sent_at: datetime


class ImportIn(Schema):
    csv: str


def _out(entry: Entry) -> dict:
    return {
        **{name: getattr(entry, name) for name in EntryOut.model_fields if hasattr(entry, name)},
        "uid": str(entry.uid),
        "needs": sorted(need.need for need in entry.needs.all()),
        "nations": entry.nations,
        "local_postcodes": entry.postcode_list,  # council codes, districts and areas
        "one_line": selectors.one_line(entry),
        "unverified": selectors.is_unverified(entry),
    }


def _place(postcode: str) -> postcodes.Place | None:
    if not postcode:
        return None
    try:
        return postcodes.lookup(postcode)
    except postcodes.PostcodeProblem as problem:
        raise HavenError(str(problem), field="postcode") from problem


@router.get("/entries", response=list[EntryOut], summary="Search the directory")
@api_access(DIRECTORY_READERS)
def entries_search(request, need: str = "", nation: str = "", postcode: str = "", q: str = ""):
    """Best first: local entries for the postcode's council, district or area, then national ones.
    The nation is the one given, else the postcode's."""
    search = selectors.Search(need=need, nation=nation, text=q, place=_place(postcode))
    return [_out(entry) for entry in selectors.entry_search(user=request.auth, search=search)]


@router.get("/entries/{entry_id}", response=EntryOut, summary="A directory entry")
@api_access(DIRECTORY_READERS)
def entry_get(request, entry_id: int):
    return _out(selectors.entry_get(user=request.auth, entry_id=entry_id))


@router.post("/entries", response={201: EntryOut}, summary="Add a (local) entry")
@api_access(DIRECTORY_EDITORS)
def entry_create(request, payload: EntryIn):
    details = EntryDetails(**payload.dict(exclude={"version"}))
    return 201, _out(services.entry_create(actor=request.auth, details=details))


@router.put("/entries/{entry_id}", response=EntryOut, summary="Correct an entry")
@api_access(DIRECTORY_EDITORS)
def entry_update(request, entry_id: int, payload: EntryIn):
    entry = selectors.entry_get(user=request.auth, entry_id=entry_id)
    details = EntryDetails(**payload.dict(exclude={"version"}))
    return _out(services.entry_update(actor=request.auth, entry=entry, details=details, version=payload.version))


@router.post("/entries/{entry_id}/verify", response=EntryOut, summary="Mark an entry as verified today")
@api_access(DIRECTORY_EDITORS)
def entry_verify(request, entry_id: int):
    entry = selectors.entry_get(user=request.auth, entry_id=entry_id)
    return _out(services.entry_verify(actor=request.auth, entry=entry))


@router.post("/entries/{entry_id}/withdraw", response=EntryOut, summary="Take an entry out of searches")
@api_access(DIRECTORY_EDITORS)
def entry_withdraw(request, entry_id: int):
    entry = selectors.entry_get(user=request.auth, entry_id=entry_id)
    return _out(services.entry_withdraw(actor=request.auth, entry=entry))


@router.get("/postcodes/{postcode}", response=PlaceOut, summary="The council and nation of a postcode (offline, ONSPD)")
@api_access(DIRECTORY_READERS)
def postcode_lookup(request, postcode: str):
    place = _place(postcode)
    return {**place.__dict__, "council_name": place.council_name, "note": place.note}


@router.post("/sends", response={201: SendOut}, summary="Give a customer a list of support organisations")
@api_access(SIGNPOST_SENDERS)
def send_create(request, payload: SendIn):
    """By "text" or "email" to a channel the customer's record marks as safe (else 400 with
    the reason, and nothing is sent), or "print". With `incident_id`, the send is recorded on
    that incident too (one the caller may open, about this customer)."""
    sent = services.signposting_send(
        actor=request.auth,
        customer_id=payload.customer_id,
        entry_ids=payload.entry_ids,
        channel=payload.channel,
        incident_id=payload.incident_id,
    )
    return 201, {
        "id": sent.pk,
        "customer_id": sent.customer_id,
        "incident_id": sent.incident_id,
        "channel": sent.channel,
        "entry_ids": list(sent.entries.values_list("pk", flat=True)),
        "sent_at": sent.created_at,
    }


@router.get("/export.csv", summary="The directory as CSV (Open Referral UK field names)")
@api_access(DIRECTORY_READERS)
def export_csv(request):
    body = csv_format.export_rows(selectors.entries_for_export(user=request.auth))
    return HttpResponse(body, content_type="text/csv; charset=utf-8")


@router.post("/import", summary="Add or update entries from CSV (all or nothing)")
@api_access(DIRECTORY_EDITORS)
def import_csv(request, payload: ImportIn):
    return services.entries_import(actor=request.auth, text=payload.csv)
