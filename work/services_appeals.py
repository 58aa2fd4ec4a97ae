"""Changing MR records (issue 5, MR tracker): record the MR request, its MRN, and the
appeal or the decision not to appeal. Each service writes the record, makes or closes its
tasks (`task_create_within` / `tasks_close_within`) and audits, in one transaction.

Who may: the staff who change customer records (people.permissions.CUSTOMER_EDITORS) in
the customer's organisation, and for a restricted record only those who may open it.
Deadlines come only from work.deadlines, counted in the customer's nation (their address).
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from consent.guard import require_no_credentials
from consent.models import Authority
from core.errors import EditConflict, HavenError, InvalidInput, NotAllowed
from people.models import Customer
from people.services import person_ref, require_editor
from people.services_access import may_open
from work import deadlines
from work import services_appeals_authority as under_authority
from work import validation_appeals as validation
from work.calendar import LONDON, end_of_london_day_utc, jurisdiction_for_nation
from work.models import Task
from work.models_appeals import (
    LodgedBy,
    MandatoryReconsideration,
    MRState,
)
from work.rules import Rule
from work.services import task_create_within, tasks_close_within
from work.validation_appeals import long_date

CHASE_MRN = Rule("mr.chase-mrn", "MR tracker: chase the MRN when none has appeared")
APPEAL_DUE = Rule("mr.appeal-due", "SSCS1 appeal due one calendar month after the MRN was sent")
LATE_APPEAL = Rule("mr.late-appeal", "Appeal deadline passed: a late appeal is possible up to 13 months after the MRN")

REMIND_AT = dt.time(9, 0)  # reminders arrive at the start of the working day


def chase_after_days() -> int:
    return int(getattr(settings, "HAVEN_CHASE_MRN_AFTER_DAYS", deadlines.DEFAULT_CHASE_MRN_AFTER_DAYS))


def reminder_offsets() -> tuple[int, ...]:
    return tuple(getattr(settings, "HAVEN_APPEAL_REMINDER_WORKING_DAYS", deadlines.DEFAULT_REMINDER_OFFSETS))


def _at_start_of_work(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, REMIND_AT, tzinfo=LONDON).astimezone(dt.UTC)


def _require(actor, customer: Customer) -> None:
    require_editor(actor, customer)
    if not may_open(actor, customer):
        raise NotAllowed("This record is restricted. Only named staff can change it.")


def _already_recorded(customer: Customer, fields: dict) -> bool:
    """A second submission of the same MR (a double click, a retried API call): the
    decision text is encrypted, so the few open MRs of the customer are compared here."""
    candidates = MandatoryReconsideration.objects.filter(
        customer=customer, state=MRState.AWAITING_MRN, lodged_on=fields["lodged_on"]
    )
    return any(mr.decision_challenged == fields["decision_challenged"] for mr in candidates)


def mr_request_record(
    *,
    actor,
    customer: Customer,
    decision_challenged: str,
    lodged_on: dt.date | None,
    lodged_how: str,
    lodged_by: str,
    decision_date: dt.date | None = None,
    representative_name: str = "",
    representative_organisation: str = "",
    lodged_by_staff=None,
    authority: Authority | None = None,
    outside_authority: str = "",
) -> MandatoryReconsideration:
    """Records an MR request for a customer: the decision challenged, when and how it was
    lodged, by whom, and under which authority. An adviser in Haven lodging it under a
    form of authority the customer gave them passes that `authority`: the access under it
    ("lodge an MR" entry) is recorded through consent.services.access_record in the same
    transaction as the MR, and an authority that does not allow it, or is revoked or
    expired, refuses the MR with consent's message. An adviser outside Haven is described
    by name, organisation and `outside_authority` text. The person recording it owns it; a
    "chase the MRN" task for them falls due `HAVEN_CHASE_MRN_AFTER_DAYS` calendar days
    after it was lodged (seed `002`: MRNs appear only in the journal, so nobody is told)
    and is done when the MRN is recorded. The same MR cannot be recorded twice."""
    _require(actor, customer)
    require_no_credentials(
        decision_challenged=decision_challenged,
        representative_name=representative_name,
        representative_organisation=representative_organisation,
        outside_authority=outside_authority,
    )
    today = timezone.localdate()
    if authority is not None:
        lodged_by = lodged_by or LodgedBy.REPRESENTATIVE
        representative_name = authority.adviser.display_name
        representative_organisation = authority.adviser_organisation.name
        outside_authority = ""
    fields = validation.clean_mr_fields(
        {
            "decision_challenged": decision_challenged or "",
            "decision_date": decision_date,
            "lodged_on": lodged_on,
            "lodged_how": lodged_how or "",
            "lodged_by": lodged_by or "",
            "representative_name": representative_name or "",
            "representative_organisation": representative_organisation or "",
            "lodged_by_staff": lodged_by_staff,
            "authority": authority,
            "outside_authority": outside_authority or "",
        }
    )
    errors = validation.mr_errors(fields=fields, organisation_id=customer.organisation_id, today=today)
    errors |= under_authority.authority_errors(actor, customer, authority)
    if errors:
        raise InvalidInput(errors)
    chase_on = deadlines.chase_mrn_on(fields["lodged_on"], chase_after_days())
    if authority is not None:
        under_authority.refuse_outside_authority(actor, authority, fields)
    with transaction.atomic(durable=True):
        Customer.objects.select_for_update().filter(pk=customer.pk).first()  # one recorder at a time
        if _already_recorded(customer, fields):
            raise HavenError("This MR is already recorded for the customer", field="decision_challenged")
        access = under_authority.lodge_under(actor, authority, fields) if authority is not None else None
        mr = MandatoryReconsideration.objects.create(
            organisation_id=customer.organisation_id,
            customer=customer,
            owner=actor,
            created_by=actor,
            chase_on=chase_on,
            **fields,
        )
        # An MR recorded late (its chase date already past) is chased from today, not
        # escalated the moment it is recorded.
        chase_due = max(chase_on, today)
        mr.chase_task = task_create_within(
            actor=actor,
            title=f"Chase the MRN for {customer.full_name}",
            rule=CHASE_MRN,
            due_at=end_of_london_day_utc(chase_due),
            assignee=actor,
            about=mr,
            customer=customer,
            description=f"MR lodged on {long_date(mr.lodged_on)}. No MRN recorded yet: check the customer's "
            "journal or ask the DWP whether the MR has been decided.",
            reminders=[_at_start_of_work(chase_due)],
        )
        mr.save(update_fields=["chase_task", "updated_at"])
        audit_record(
            actor=actor,
            action="mr.recorded",
            target=mr,
            person_ref=person_ref(customer),
            changes={
                "lodged_on": mr.lodged_on,
                "lodged_how": mr.lodged_how,
                "lodged_by": mr.lodged_by,
                "lodged_by_staff": mr.lodged_by_staff_id,
                "authority": mr.authority_id,
                "access_record": access.pk if access else None,
                "has_outside_authority": bool(mr.outside_authority),
                "chase_on": chase_on,
            },
        )
    return mr


def _locked(mr: MandatoryReconsideration, version: int | None) -> MandatoryReconsideration:
    locked = MandatoryReconsideration.objects.select_for_update(of=("self",)).select_related("customer").get(pk=mr.pk)
    if version is not None and locked.version != version:
        raise EditConflict(current={"state": locked.get_state_display()})
    return locked


def _require_state(mr: MandatoryReconsideration, *wanted: str) -> None:
    if mr.state in wanted:
        return
    messages = {
        MRState.AWAITING_MRN: "Record the MRN first: an appeal needs the mandatory reconsideration notice",
        MRState.MRN_RECEIVED: "The MRN for this MR has already been recorded",
        MRState.APPEAL_LODGED: "The appeal for this MR has already been recorded as lodged",
        MRState.NOT_APPEALING: "This MR is already recorded as not being appealed",
    }
    raise HavenError(messages[mr.state])


def _appeal_task(*, actor, mr: MandatoryReconsideration, today: dt.date) -> Task | None:
    """The task to appeal (or record the decision not to): due on the appeal deadline
    with reminders at the configured working days before it, counted in the customer's
    nation. A deadline already passed gives an urgent late-appeal task due today; past
    the 13-month limit nothing can be lodged, so no task."""
    customer = mr.customer
    assignee = mr.owner if mr.owner.is_active and mr.owner.team_id else actor
    if today <= mr.appeal_due_on:
        jurisdiction = jurisdiction_for_nation(customer.nation)
        days = deadlines.reminder_dates(mr.appeal_due_on, jurisdiction, today=today, offsets=reminder_offsets())
        rule, due_on = APPEAL_DUE, mr.appeal_due_on
        title = f"Appeal (SSCS1) for {customer.full_name}, or record that they will not appeal"
        reminders = [max(_at_start_of_work(day), timezone.now()) for day in days]
    elif today <= mr.late_appeal_limit_on:
        rule, due_on = LATE_APPEAL, today
        title = f"Late appeal (SSCS1) for {customer.full_name}: give the reasons it is late"
        reminders = [timezone.now()]
    else:
        return None
    return task_create_within(
        actor=actor,
        title=title,
        rule=rule,
        due_at=end_of_london_day_utc(due_on),
        assignee=assignee,
        about=mr,
        customer=customer,
        description=f"MRN sent on {long_date(mr.mrn_sent_on)}. Appeal due by {long_date(mr.appeal_due_on)}; a late "
        f"appeal is never possible after {long_date(mr.late_appeal_limit_on)}.",
        reminders=reminders,
    )


def mrn_record(
    *,
    actor,
    mr: MandatoryReconsideration,
    mrn_sent_on: dt.date | None,
    mrn_outcome: str,
    mrn_seen_on: dt.date | None = None,
    version: int | None = None,
) -> MandatoryReconsideration:
    """Records the MRN: the date it was sent (the appeal month runs from then, not from
    when it was seen), when it was seen (default today) and what it decided. Sets the
    SSCS1 deadline (one calendar month after it was sent) and the 13-month limit for a
    late appeal (work.deadlines), closes the chase task and makes the appeal task with
    its reminders. Recording it twice is refused."""
    _require(actor, mr.customer)
    today = timezone.localdate()
    mrn_seen_on = mrn_seen_on or today
    errors = validation.mrn_errors(mrn_sent_on, mrn_seen_on, mrn_outcome or "", mr=mr, today=today)
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic(durable=True):
        locked = _locked(mr, version)
        _require_state(locked, MRState.AWAITING_MRN)
        locked.mrn_sent_on, locked.mrn_seen_on, locked.mrn_outcome = mrn_sent_on, mrn_seen_on, mrn_outcome
        locked.appeal_due_on = deadlines.appeal_due(mrn_sent_on)
        locked.late_appeal_limit_on = deadlines.latest_late_appeal(mrn_sent_on)
        locked.state, locked.version = MRState.MRN_RECEIVED, locked.version + 1
        tasks_close_within(
            actor=actor, tasks=[locked.chase_task], done=True, text=f"MRN sent on {long_date(mrn_sent_on)} recorded"
        )
        locked.appeal_task = _appeal_task(actor=actor, mr=locked, today=today)
        locked.save()
        audit_record(
            actor=actor,
            action="mr.mrn_recorded",
            target=locked,
            person_ref=person_ref(locked.customer),
            changes={
                "mrn_sent_on": mrn_sent_on,
                "mrn_seen_on": mrn_seen_on,
                "mrn_outcome": mrn_outcome,
                "appeal_due_on": locked.appeal_due_on,
                "late_appeal_limit_on": locked.late_appeal_limit_on,
            },
        )
    return locked


def appeal_lodged_record(
    *,
    actor,
    mr: MandatoryReconsideration,
    appeal_lodged_on: dt.date | None,
    appeal_how: str,
    appeal_reference: str = "",
    version: int | None = None,
) -> MandatoryReconsideration:
    """Records that the customer's appeal (SSCS1) was lodged: when, how, and the
    tribunal's reference if known. Only after the MRN; never more than 13 months after
    it was sent. Notes whether it was late, and closes the MR's open tasks as done."""
    _require(actor, mr.customer)
    today = timezone.localdate()
    _require_state(mr, MRState.MRN_RECEIVED)
    errors = validation.appeal_errors(appeal_lodged_on, appeal_how or "", mr=mr, today=today)
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic(durable=True):
        locked = _locked(mr, version)
        _require_state(locked, MRState.MRN_RECEIVED)
        locked.appeal_lodged_on, locked.appeal_how = appeal_lodged_on, appeal_how
        locked.appeal_reference = (appeal_reference or "").strip()[:60]
        locked.appeal_was_late = appeal_lodged_on > locked.appeal_due_on
        locked.state, locked.version = MRState.APPEAL_LODGED, locked.version + 1
        locked.save()
        tasks_close_within(
            actor=actor,
            tasks=[locked.chase_task, locked.appeal_task],
            done=True,
            text=f"Appeal lodged on {long_date(appeal_lodged_on)}",
        )
        audit_record(
            actor=actor,
            action="mr.appeal_lodged",
            target=locked,
            person_ref=person_ref(locked.customer),
            changes={"appeal_lodged_on": appeal_lodged_on, "appeal_how": appeal_how, "late": locked.appeal_was_late},
        )
    return locked


def appeal_declined_record(
    *,
    actor,
    mr: MandatoryReconsideration,
    reason: str,
    declined_on: dt.date | None = None,
    version: int | None = None,
) -> MandatoryReconsideration:
    """Records that the customer decided not to appeal after the MRN, with their reason
    (kept encrypted), and closes the MR's open tasks as done."""
    _require(actor, mr.customer)
    require_no_credentials(declined_reason=reason)
    today = timezone.localdate()
    declined_on = declined_on or today
    reason = (reason or "").strip()
    _require_state(mr, MRState.MRN_RECEIVED)
    errors: dict[str, str] = {}
    if not reason:
        errors["declined_reason"] = "Enter why the customer decided not to appeal"
    validation.past_date_error(declined_on, "declined_on", "the customer decided", errors, today=today)
    if mr.mrn_sent_on and declined_on < mr.mrn_sent_on:
        errors["declined_on"] = f"The decision not to appeal cannot come before the MRN ({long_date(mr.mrn_sent_on)})"
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic(durable=True):
        locked = _locked(mr, version)
        _require_state(locked, MRState.MRN_RECEIVED)
        locked.declined_on, locked.declined_reason = declined_on, reason
        locked.state, locked.version = MRState.NOT_APPEALING, locked.version + 1
        locked.save()
        tasks_close_within(
            actor=actor,
            tasks=[locked.chase_task, locked.appeal_task],
            done=True,
            text=f"The customer decided not to appeal ({long_date(declined_on)})",
        )
        audit_record(
            actor=actor,
            action="mr.appeal_declined",
            target=locked,
            person_ref=person_ref(locked.customer),
            changes={"declined_on": declined_on},
        )
    return locked
