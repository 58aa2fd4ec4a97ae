"""A small demo caseload, made only through each app's services and as the persona who
would do the work, so `make run` shows something to open: customers in the four nations
(one at risk of domestic abuse with safe-contact needs, one restricted record), an MR
waiting for its MRN and one with an MRN and an appeal deadline, a form of authority with
an access under it, a confirmed disclosure and tasks in My work and Team work.

Every name, NI number (prefix XX: obviously made up) and address here is fictional.
Idempotent: if the first demo customer exists, nothing is made again.
"""

import datetime as dt

from django.utils import timezone

from accounts.models import User
from consent import services as consent_services
from consent.models import Duration, Entry, Evidence, Scope
from disclosures import services as disclosure_services
from people import services as people_services
from people import services_access, services_markers
from people.models import Customer, MarkerType
from work import services as work_services
from work import services_appeals
from work.calendar import end_of_london_day_utc
from work.models_appeals import LodgedBy, LodgedHow, MRNOutcome
from work.rules import MANUAL

CUSTOMERS = (
    # (key, identity fields)
    ("amira", dict(given_names="Amira", family_name="Haddon", date_of_birth=dt.date(1991, 3, 14),
                   ni_number="XX000001A", address_line_1="14 Larchfield Terrace", town="Gateshead",
                   postcode="NE8 4QT", nation="england", phone="07700 900101")),
    ("rhys", dict(given_names="Rhys", family_name="Pendrell", date_of_birth=dt.date(1978, 11, 2),
                  ni_number="XX000002B", address_line_1="3 Heol y Felin", town="Llanelli",
                  postcode="SA15 3LP", nation="wales", phone="07700 900102")),
    ("morag", dict(given_names="Morag", family_name="Keddie", date_of_birth=dt.date(1964, 6, 21),
                   ni_number="XX000003C", address_line_1="27 Balgownie Crescent", town="Dundee",
                   postcode="DD4 7RS", nation="scotland", phone="07700 900103")),
    ("ciaran", dict(given_names="Ciarán", family_name="Mulvenna", date_of_birth=dt.date(1985, 9, 8),
                    ni_number="XX000004D", address_line_1="9 Glenview Park", town="Newry",
                    postcode="BT35 8QA", nation="northern-ireland", phone="07700 900104")),
    ("joyce", dict(given_names="Joyce", family_name="Ashworth", date_of_birth=dt.date(1957, 1, 30),
                   ni_number="XX000005A", address_line_1="61 Coniston Road", town="Sunderland",
                   postcode="SR4 9JW", nation="england", phone="07700 900105")),
    ("dev", dict(given_names="Dev", family_name="Ramsbottom", date_of_birth=dt.date(1999, 4, 17),
                 ni_number="XX000006B", address_line_1="2 Whinney Close", town="Hexham",
                 postcode="NE46 2LX", nation="england", email="dev.ramsbottom@example.invalid")),
)  # fmt: skip


def _customers(cara: User, tom: User) -> dict[str, Customer]:
    made = {key: people_services.customer_create(actor=cara, **fields) for key, fields in CUSTOMERS}
    amira = made["amira"]
    services_markers.marker_add(
        actor=cara,
        customer=amira,
        marker_type=MarkerType.objects.get(code="domestic-abuse-risk"),
        reason="Disclosed on a call that her ex-partner has found her address; refuge worker involved.",
        review_on=timezone.localdate() + dt.timedelta(days=90),
    )
    people_services.safe_contact_update(
        actor=cara,
        customer=amira,
        version=amira.safe_contact.version,
        safe_to_text=True,
        no_voicemail=True,
        times_to_avoid="Evenings and weekends",
        do_not_disclose_address=True,
        note="Text only; ask for Amira by first name. Never leave a voicemail.",
    )
    people_services.privacy_needs_update(
        actor=cara, customer=amira, version=amira.privacy_needs.version, needs_private_room=True,
        phone_only_when_private=True,
    )  # fmt: skip
    # A member of staff's own claim: only named staff open it.
    services_access.customer_restrict(actor=tom, customer=made["dev"], restricted=True)
    return made


def _appeals(cara: User, made: dict[str, Customer]) -> None:
    today = timezone.localdate()
    services_appeals.mr_request_record(
        actor=cara,
        customer=made["rhys"],
        decision_challenged="PIP daily living component refused",
        decision_date=today - dt.timedelta(days=20),
        lodged_on=today - dt.timedelta(days=12),
        lodged_how=LodgedHow.FORM,
        lodged_by=LodgedBy.CUSTOMER,
    )
    mr = services_appeals.mr_request_record(
        actor=cara,
        customer=made["morag"],
        decision_challenged="Universal Credit LCWRA element refused after work capability assessment",
        decision_date=today - dt.timedelta(days=60),
        lodged_on=today - dt.timedelta(days=45),
        lodged_how=LodgedHow.JOURNAL,
        lodged_by=LodgedBy.STAFF,
        lodged_by_staff=cara,
    )
    services_appeals.mrn_record(
        actor=cara, mr=mr, mrn_sent_on=today - dt.timedelta(days=4), mrn_outcome=MRNOutcome.NOT_CHANGED
    )


def _authority(cara: User, made: dict[str, Customer]) -> None:
    authority = consent_services.authority_grant(
        actor=cara,
        customer=made["ciaran"],
        adviser=cara,
        scope=[Scope.VIEW, Scope.ENTRIES],
        entries=[Entry.CHECK_MR, Entry.REPLY_JOURNAL],
        purpose="Help with his Universal Credit journal while he is in hospital",
        duration=Duration.ONGOING,
        evidence=Evidence.SIGNATURE,
        signature_name="Ciarán Mulvenna",
    )
    consent_services.access_record(
        actor=cara,
        authority=authority,
        action=Scope.VIEW,
        viewed="UC journal: last three messages",
        done="Read the work coach's message about his fit note and told Ciarán by phone",
        no_password_confirmed=True,
    )


def _disclosure(cara: User, made: dict[str, Customer]) -> None:
    draft = disclosure_services.disclosure_draft(
        actor=cara,
        customer=made["joyce"],
        data={
            "at_risk": "customer",
            "recipient_kind": "gp",
            "recipient_organisation": "Millfield Medical Group (demo)",
            "recipient_person": "Dr Okonjo",
            "method": "phone",
            "shared_at": timezone.now() - dt.timedelta(hours=2),
            "items": ["name", "phone"],
            "purpose": "Joyce asked us to tell her GP she has run out of money for her prescriptions.",
            "reference_number": "",
            "consent": "given",
            "article_6": "6-1-a",
            "article_9": "",
            "schedule_1": "",
            "risk_to_life": False,
            "protection": "",
            "needs_care_and_support": True,
            "experiencing_or_at_risk_of_harm": False,
            "unable_to_protect_self": False,
            "para_18_reason": "",
            "emergency": False,
            "person_told": True,
        },
    )
    disclosure_services.disclosure_confirm(actor=cara, disclosure=draft)


def _tasks(cara: User, tom: User, made: dict[str, Customer]) -> None:
    today = timezone.localdate()
    work_services.task_create(
        actor=cara,
        title=f"Call {made['amira'].full_name} back by text about her advance",
        rule=MANUAL,
        due_at=end_of_london_day_utc(today + dt.timedelta(days=1)),
        assignee=cara,
        customer=made["amira"],
        description="She asked for a text, not a call. Check the safe-contact needs first.",
    )
    work_services.task_create(
        actor=tom,
        title=f"Send {made['joyce'].full_name} the hardship payment form",
        rule=MANUAL,
        due_at=end_of_london_day_utc(today + dt.timedelta(days=3)),
        team=tom.team,
        customer=made["joyce"],
    )


def demo_caseload_load() -> str:
    """Makes the demo caseload once; returns one line saying what was made (or that it
    was already there)."""
    cara, tom = (User.objects.get(username=name) for name in ("cara", "tom"))
    if Customer.objects.filter(organisation_id=cara.organisation.pk, ni_number=CUSTOMERS[0][1]["ni_number"]).exists():
        return "Demo caseload already there: nothing added."
    made = _customers(cara, tom)
    _appeals(cara, made)
    _authority(cara, made)
    _disclosure(cara, made)
    _tasks(cara, tom, made)
    return (
        f"Demo caseload: {len(made)} customers (England, Wales, Scotland, Northern Ireland; one DOMESTIC ABUSE RISK, "
        "one restricted), 2 MRs (one awaiting its MRN, one with an appeal deadline), 1 authority with an access, "
        "1 confirmed disclosure, tasks in My work and Team work."
    )
