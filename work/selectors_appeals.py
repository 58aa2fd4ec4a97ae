"""Reading MR records: only for staff who may open the customer's record, and opening an
MR is an audited read, as opening the customer's record is (people/selectors.py)."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from core.errors import NotFound
from people.permissions import CUSTOMER_EDITORS
from people.services import person_ref
from people.services_access import may_open
from work.models_appeals import OPEN_STATES, MandatoryReconsideration, MRState


def _readable(user, mr: MandatoryReconsideration | None) -> bool:
    return mr is not None and may_open(user, mr.customer)


def mr_get(*, user, mr_id: int) -> MandatoryReconsideration:
    """The MR if `user` may open its customer's record; NotFound otherwise (another
    organisation's MR, or a restricted customer they are not named on). Not audited:
    for services to change."""
    mr = (
        MandatoryReconsideration.objects.select_related("customer", "owner", "lodged_by_staff", "authority")
        .filter(pk=mr_id)
        .first()
    )
    if not _readable(user, mr):
        raise NotFound("That MR was not found.")
    return mr


def mr_open(*, user, mr_id: int) -> MandatoryReconsideration:
    """Opens an MR and its timeline: an audited read (mr.viewed)."""
    mr = mr_get(user=user, mr_id=mr_id)
    with transaction.atomic():
        audit_record(actor=user, action="mr.viewed", target=mr, person_ref=person_ref(mr.customer))
    return mr


def mrs_for_customer(*, user, customer, open_only: bool = False) -> list[MandatoryReconsideration]:
    """A customer's MRs, open ones first, newest first. The caller has opened the
    customer's record already (an audited read), so this is not audited again."""
    if not may_open(user, customer):
        raise NotFound()
    queryset = MandatoryReconsideration.objects.filter(customer=customer).select_related("authority")
    if open_only:
        queryset = queryset.filter(state__in=OPEN_STATES)
    return sorted(queryset, key=lambda mr: (not mr.is_open, -mr.lodged_on.toordinal(), -mr.pk))


def may_change(user, mr_or_customer) -> bool:
    customer = getattr(mr_or_customer, "customer", mr_or_customer)
    return CUSTOMER_EDITORS.allows(user) and may_open(user, customer)


@dataclass(frozen=True)
class Deadline:
    """What the customer page and the MR page show at a glance."""

    label: str
    on: dt.date | None
    overdue: bool


def current_deadline(mr: MandatoryReconsideration, today: dt.date | None = None) -> Deadline:
    today = today or timezone.localdate()
    if mr.state == MRState.AWAITING_MRN:
        return Deadline("Chase the MRN", mr.chase_on, mr.chase_on < today)
    if mr.state == MRState.MRN_RECEIVED:
        if today <= mr.appeal_due_on:
            return Deadline("Appeal due", mr.appeal_due_on, False)
        if today <= mr.late_appeal_limit_on:
            return Deadline("Appeal deadline passed: late appeal possible until", mr.late_appeal_limit_on, True)
        return Deadline("Too late to appeal since", mr.late_appeal_limit_on, True)
    return Deadline(mr.get_state_display(), mr.appeal_lodged_on or mr.declined_on, False)


def next_step(mr: MandatoryReconsideration, today: dt.date | None = None) -> str:
    """The next thing to do, in the caseworker's words."""
    today = today or timezone.localdate()
    if mr.state == MRState.AWAITING_MRN:
        if today >= mr.chase_on:
            return "No MRN yet: check the customer's journal or ask the DWP, then record the MRN."
        return "Wait for the MRN; record it as soon as it is seen in the customer's journal."
    if mr.state == MRState.MRN_RECEIVED:
        if today <= mr.appeal_due_on:
            return "Agree with the customer whether to appeal, then lodge the SSCS1 with a copy of the MRN."
        if today <= mr.late_appeal_limit_on:
            return "The appeal is late: lodge the SSCS1 now, explaining why it is late."
        return "More than 13 months have passed since the MRN was sent: the tribunal cannot accept an appeal."
    return "Nothing: this MR is closed."


@dataclass(frozen=True)
class TimelineEntry:
    on: dt.date
    text: str
    status: str  # "done", "due" (still ahead) or "passed" (a deadline gone by)


def _status(mr: MandatoryReconsideration, on: dt.date, today: dt.date) -> str:
    if not mr.is_open:
        return "done"
    return "passed" if on < today else "due"


def timeline(mr: MandatoryReconsideration, today: dt.date | None = None) -> list[TimelineEntry]:
    """What happened and what is due, in date order: from the record's own dates."""
    today = today or timezone.localdate()
    entries = []
    if mr.decision_date:
        entries.append(TimelineEntry(mr.decision_date, "Decision made", "done"))
    entries.append(TimelineEntry(mr.lodged_on, f"MR lodged ({mr.get_lodged_how_display()})", "done"))
    if mr.mrn_sent_on is None:
        entries.append(
            TimelineEntry(mr.chase_on, "Chase the MRN if none has appeared", _status(mr, mr.chase_on, today))
        )
    else:
        entries.append(TimelineEntry(mr.mrn_sent_on, f"MRN sent: {mr.get_mrn_outcome_display().lower()}", "done"))
        entries.append(TimelineEntry(mr.mrn_seen_on, "MRN seen", "done"))
        entries.append(TimelineEntry(mr.appeal_due_on, "Appeal (SSCS1) due", _status(mr, mr.appeal_due_on, today)))
        if mr.is_open:
            limit = mr.late_appeal_limit_on
            entries.append(TimelineEntry(limit, "Last day for a late appeal", _status(mr, limit, today)))
    if mr.appeal_lodged_on:
        late = " (late)" if mr.appeal_was_late else ""
        entries.append(
            TimelineEntry(mr.appeal_lodged_on, f"Appeal lodged{late} ({mr.get_appeal_how_display()})", "done")
        )
    if mr.declined_on:
        entries.append(TimelineEntry(mr.declined_on, "The customer decided not to appeal", "done"))
    return sorted(entries, key=lambda entry: entry.on)
