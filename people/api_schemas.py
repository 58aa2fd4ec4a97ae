"""What the customer API takes and gives: the same fields as the pages, no more."""

from datetime import date, datetime

from ninja import Schema

from people.models import Customer, CustomerMarker


class CustomerSummaryOut(Schema):
    """Enough to tell two people apart, and nothing more (as the search results page)."""

    id: int
    name: str
    date_of_birth: date | None
    postcode_area: str
    case_number: str
    restricted: bool

    @staticmethod
    def resolve_restricted(result) -> bool:
        return result.is_restricted


class IdentityIn(Schema):
    given_names: str = ""
    family_name: str = ""
    date_of_birth: date | None = None
    ni_number: str = ""
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    postcode: str = ""
    nation: str = "england"
    phone: str = ""
    email: str = ""


class CustomerIn(IdentityIn):
    # True once the person has looked at the possible duplicates and said "not this person".
    confirmed_new_person: bool = False


class CustomerChange(Schema):
    """Only the fields sent are changed. `version` is the one the caller last read."""

    version: int
    given_names: str | None = None
    family_name: str | None = None
    date_of_birth: date | None = None
    ni_number: str | None = None
    address_line_1: str | None = None
    address_line_2: str | None = None
    town: str | None = None
    postcode: str | None = None
    nation: str | None = None
    phone: str | None = None
    email: str | None = None


class CustomerOut(Schema):
    id: int
    case_number: str
    given_names: str
    family_name: str
    date_of_birth: date | None
    ni_number: str
    address_line_1: str
    address_line_2: str
    town: str
    postcode: str
    nation: str
    phone: str
    email: str
    restricted: bool
    version: int

    @staticmethod
    def resolve_restricted(customer: Customer) -> bool:
        return customer.is_restricted


class SafeContactIn(Schema):
    """The whole of the safe-contact needs: each yes or no is required, so nothing is
    switched off by being left out."""

    version: int
    safe_to_call: bool
    safe_to_text: bool
    safe_to_email: bool
    safe_to_write: bool
    no_voicemail: bool
    do_not_disclose_address: bool
    do_not_disclose_new_name: bool
    times_to_avoid: str = ""
    note: str = ""


class SafeContactOut(Schema):
    safe_to_call: bool
    safe_to_text: bool
    safe_to_email: bool
    safe_to_write: bool
    no_voicemail: bool
    do_not_disclose_address: bool
    do_not_disclose_new_name: bool
    times_to_avoid: str | None
    note: str | None
    version: int


class PrivacyIn(Schema):
    version: int
    needs_private_room: bool
    phone_only_when_private: bool
    other_adjustments: str = ""


class PrivacyOut(Schema):
    needs_private_room: bool
    phone_only_when_private: bool
    other_adjustments: str | None
    version: int


class MarkerIn(Schema):
    marker_type: str  # the marker's code, e.g. "domestic-abuse-risk"
    reason: str = ""
    review_on: date | None = None


class MarkerRemoveIn(Schema):
    reason: str = ""


class MarkerOut(Schema):
    id: int
    marker_type: str
    marker_name: str
    set_on: date
    set_by: str
    reason: str
    review_on: date | None
    current: bool
    removed_at: datetime | None
    removed_by: str | None
    removal_reason: str | None

    @staticmethod
    def resolve_marker_type(marker: CustomerMarker) -> str:
        return marker.marker_type.code

    @staticmethod
    def resolve_marker_name(marker: CustomerMarker) -> str:
        return marker.marker_type.name

    @staticmethod
    def resolve_set_by(marker: CustomerMarker) -> str:
        return marker.set_by.username

    @staticmethod
    def resolve_current(marker: CustomerMarker) -> bool:
        return marker.is_current

    @staticmethod
    def resolve_removed_by(marker: CustomerMarker) -> str | None:
        return marker.removed_by.username if marker.removed_by_id else None


class NameIn(Schema):
    given_names: str = ""
    family_name: str = ""
    kind: str = "previous"
    used_until: date | None = None


class NameOut(Schema):
    id: int
    given_names: str
    family_name: str
    kind: str
    used_until: date | None


class ReferenceIn(Schema):
    kind: str = ""
    value: str = ""


class ReferenceOut(Schema):
    id: int
    kind: str
    value: str


class PersonAroundOut(Schema):
    id: int
    role: str
    name: str
    organisation_name: str
    phone: str
    email: str
    ended_on: date | None


class CustomerRecordOut(CustomerOut):
    """The whole record, as the record page shows it."""

    safe_contact: SafeContactOut
    privacy_needs: PrivacyOut
    markers: list[MarkerOut]
    other_names: list[NameOut]
    references: list[ReferenceOut]
    people_around: list[PersonAroundOut]

    @staticmethod
    def resolve_markers(customer: Customer) -> list:
        return list(customer.markers.all())

    @staticmethod
    def resolve_other_names(customer: Customer) -> list:
        return list(customer.other_names.all())

    @staticmethod
    def resolve_references(customer: Customer) -> list:
        return list(customer.references.all())

    @staticmethod
    def resolve_people_around(customer: Customer) -> list:
        return list(customer.people_around.all())


class PossibleDuplicatesOut(Schema):
    detail: str
    candidates: list[CustomerSummaryOut]


class RestrictedOut(Schema):
    detail: str
    # Where to break glass, with a written reason, if the caller must open the record.
    break_glass: str


class BreakGlassIn(Schema):
    reason: str = ""


class BreakGlassOut(Schema):
    customer_id: int
    expires_at: datetime
    detail: str


class ErrorOut(Schema):
    detail: str
