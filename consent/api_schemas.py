"""What the consent API takes and gives: the same fields as the pages, no more."""

from datetime import date, datetime
from uuid import UUID

from ninja import Schema

from consent.selectors import authority_state


class AuthorityIn(Schema):
    """Evidence "signature" or "verbal" as JSON; a signed form is sent to the
    /signed-form operation as multipart form data with the same fields."""

    adviser_id: int
    scope: list[str]
    entries: list[str] = []
    purpose: str
    duration: str
    ends_on: date | None = None
    evidence: str
    signature_name: str = ""
    witness_name: str = ""
    consent_given_at: datetime | None = None


class StateOut(Schema):
    code: str
    label: str
    is_active: bool
    message: str


class AuthorityOut(Schema):
    id: int
    customer_id: int
    adviser: str
    adviser_organisation: str
    scope: list[str]
    entries: list[str]
    purpose: str
    duration: str
    starts_on: date
    ends_on: date | None
    evidence: str
    has_signed_form: bool
    consent_given_at: datetime
    receipt_id: UUID
    revoked_at: datetime | None
    state: StateOut

    @staticmethod
    def resolve_adviser(authority) -> str:
        return authority.adviser.username

    @staticmethod
    def resolve_adviser_organisation(authority) -> str:
        return authority.adviser_organisation.name

    @staticmethod
    def resolve_has_signed_form(authority) -> bool:
        return bool(authority.evidence_file)

    @staticmethod
    def resolve_state(authority) -> StateOut:
        return StateOut(**authority_state(authority).__dict__)


class RevokeIn(Schema):
    note: str = ""


class AccessIn(Schema):
    action: str
    entry: str = ""
    viewed: str = ""
    done: str = ""
    acted_at: datetime | None = None
    no_password_confirmed: bool = False


class AccessOut(Schema):
    id: int
    authority_id: int
    customer_id: int
    adviser: str
    acted_at: datetime
    action: str
    entry: str
    viewed: str
    done: str
    no_password_confirmed: bool

    @staticmethod
    def resolve_adviser(record) -> str:
        return record.adviser.username

    @staticmethod
    def resolve_viewed(record) -> str:
        return record.viewed or ""

    @staticmethod
    def resolve_done(record) -> str:
        return record.done or ""


class AuthorityRecordOut(AuthorityOut):
    access_records: list[AccessOut]

    @staticmethod
    def resolve_access_records(authority) -> list:
        return list(authority.access_records.select_related("adviser"))
