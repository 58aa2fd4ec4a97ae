"""An MR lodged by an adviser in Haven under a form of authority the customer gave them
(consent/): the bridge from work/services_appeals.py `mr_request_record` to
`consent.services.access_record`, the one way to act under an authority. The access is the
"lodge an MR" entry, recorded in the MR's own transaction; an authority that does not
allow it is refused with consent's reason."""

import datetime as dt

from django.utils import timezone

from consent import rules as consent_rules
from consent import services as consent
from consent.models import Authority, Entry, Scope
from core.errors import HavenError
from people.models import Customer
from work.calendar import LONDON
from work.validation_appeals import long_date


def authority_errors(actor, customer: Customer, authority: Authority | None) -> dict[str, str]:
    if authority is None or (authority.customer_id == customer.pk and authority.adviser_id == actor.pk):
        return {}
    return {"authority": "Choose a form of authority the customer gave you"}


def _acted_at(lodged_on: dt.date) -> dt.datetime:
    """When the adviser acted: now for an MR lodged today; for an earlier day, midday
    London time on it (the authority must have covered that day)."""
    if lodged_on >= timezone.localdate():
        return timezone.now()
    return dt.datetime.combine(lodged_on, dt.time(12, 0), tzinfo=LONDON).astimezone(dt.UTC)


def _access_fields(fields: dict) -> dict:
    return {
        "action": Scope.ENTRIES,
        "entry": Entry.LODGE_MR,
        "done": f"Lodged a Mandatory Reconsideration ({fields['lodged_how']}) on {long_date(fields['lodged_on'])} "
        f"against: {fields['decision_challenged']}",
        "no_password_confirmed": True,
        "acted_at": _acted_at(fields["lodged_on"]),
    }


def _as_authority_error(exc: HavenError) -> HavenError:
    """Consent's refusal, put beside the MR's authority question; anything else as it is."""
    if exc.code != "outside-authority":
        return exc
    return HavenError(exc.message, field="authority", code=exc.code)


def refuse_outside_authority(actor, authority: Authority, fields: dict) -> None:
    """An authority that does not allow lodging this MR is refused before the MR's own
    transaction, through consent's access_record, so that consent's audit of the refused
    attempt is kept while nothing of the MR is written."""
    access = _access_fields(fields)
    terms = consent.terms_of(Authority.objects.get(pk=authority.pk))
    why = consent_rules.refusal(
        terms, action=access["action"], entry=access["entry"], at=access["acted_at"], scope_labels={}, entry_labels={}
    )
    if why is None:
        return
    try:
        consent.access_record(actor=actor, authority=authority, **access)
    except HavenError as exc:
        error = _as_authority_error(exc)
        if error is exc:
            raise
        raise error from exc


def lodge_under(actor, authority: Authority, fields: dict):
    """The access record for lodging the MR, inside the MR's transaction: if the client
    revoked the authority a moment ago, consent refuses and nothing is kept."""
    try:
        return consent.access_record(actor=actor, authority=authority, **_access_fields(fields))
    except HavenError as exc:
        error = _as_authority_error(exc)
        if error is exc:
            raise
        raise error from exc
