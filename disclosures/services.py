"""Recording disclosure decisions (issue 7 part A). Pages and the API call these; each
change and its audit event commit together.

The flow: a decider records a draft (`disclosure_draft`), changes it while it is a draft
(`disclosure_update`), reads it back on a check-answers page and confirms it
(`disclosure_confirm`). A confirmed decision never changes; `disclosure_correct` starts a
new draft linked to it. An emergency decision taken alone sets the team leader a
retrospective review, due the next working day in the customer's nation, which they
record with `disclosure_review`.

Incidents (issue 8) will call `disclosure_draft` with `data` prefilled from the emergency
call (recipient, time, reference number), so nothing here assumes a person typed it.
"""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from audit.services import audit_record
from consent.guard import require_no_credentials
from core.errors import EditConflict, HavenError, InvalidInput, NotAllowed
from core.system import system_actor
from disclosures import validation
from disclosures.models import FACT_FIELDS, Disclosure, DisclosureReview, Status
from disclosures.permissions import DISCLOSURE_RECORDERS
from people.models import Customer
from people.permissions import same_organisation
from people.services import person_ref
from people.services_access import may_open
from work import calendar
from work import services as work_services
from work.models import TaskState
from work.permissions import can_work
from work.rules import Rule

RETROSPECTIVE_REVIEW = Rule(
    "disclosures.retrospective-review",
    "Disclosure decided alone in an emergency: team leader reviews it by the next working day (issue 7)",
)
# What the audit trail copies of a disclosure: codes and choices, never the free text.
AUDITED_FIELDS = ("at_risk", "recipient_kind", "method", "shared_at", "items", "emergency", "person_told", *FACT_FIELDS)


def _require_recorder(actor, customer: Customer) -> None:
    if not DISCLOSURE_RECORDERS.allows(actor):
        raise NotAllowed("Your role cannot record disclosure decisions.")
    if not same_organisation(actor, customer) or not may_open(actor, customer):
        raise NotAllowed("You cannot record disclosures for this customer.")


def _require_decider(actor, disclosure: Disclosure) -> None:
    _require_recorder(actor, disclosure.customer)
    if disclosure.decided_by_id != actor.pk:
        raise NotAllowed("Only the person who made this decision can change or confirm it.")


def _audit_changes(disclosure: Disclosure) -> dict:
    changes = {name: getattr(disclosure, name) for name in AUDITED_FIELDS}
    changes["second_opinion_by"] = disclosure.second_opinion_by_id
    changes["corrects"] = disclosure.corrects_id
    return changes


def _apply(disclosure: Disclosure, data: dict) -> None:
    for name in validation.DATA_FIELDS:
        setattr(disclosure, name, data[name])


def _checked(data: dict, *, customer: Customer, decider) -> dict:
    """Normalised data, with every problem at once. A draft is complete and lawful when
    saved, so the check-answers page shows what will be confirmed; confirming checks again
    (a second opinion's role, or the customer's items, may have changed since)."""
    # Never a password or security answer in a disclosure record (credential guard).
    require_no_credentials(**{name: data.get(name) for name in validation.FREE_TEXT})
    data = validation.normalise(data)
    errors = validation.problems(data, customer=customer, decider=decider)
    if errors:
        raise InvalidInput(errors)
    return data


def disclosure_draft(
    *,
    actor,
    customer: Customer,
    data: dict,
    corrects: Disclosure | None = None,
    correction_reason: str = "",
    incident=None,
) -> Disclosure:
    """A caseworker, team leader, deputy manager or safeguarding lead records a decision
    to share a customer's data, as a draft they are the decider of. Everything is checked
    as for confirming, so problems show at once; nothing is final until confirmed.
    With `incident` (issue 8: the decision its emergency call opened), the draft is linked
    to the incident and its call in the same transaction."""
    _require_recorder(actor, customer)
    if incident is not None and incident.customer_id != customer.pk:
        raise HavenError("This incident is not about this customer.")
    data = _checked(data, customer=customer, decider=actor)
    disclosure = Disclosure(organisation_id=customer.organisation_id, customer=customer, decided_by=actor)
    if corrects is not None:
        _check_correctable(corrects, customer, correction_reason)
        require_no_credentials(correction_reason=correction_reason)
        disclosure.corrects, disclosure.correction_reason = corrects, correction_reason.strip()
    _apply(disclosure, data)
    disclosure.incident = incident
    with transaction.atomic(durable=True):
        disclosure.save()
        if incident is not None:
            from incidents.services_emergency import disclosure_linked_within

            disclosure_linked_within(actor=actor, incident=incident, disclosure=disclosure)
        audit_record(
            actor=actor,
            action="disclosure.corrected" if corrects else "disclosure.drafted",
            target=disclosure,
            person_ref=person_ref(customer),
            summary=f"To {disclosure.get_recipient_kind_display()}",
            changes=_audit_changes(disclosure),
        )
    return disclosure


def _check_correctable(original: Disclosure, customer: Customer, reason: str) -> None:
    if original.customer_id != customer.pk or not original.is_confirmed:
        raise HavenError("Only a confirmed disclosure can be corrected")
    if original.corrections.filter(status=Status.CONFIRMED).exists():
        raise HavenError("This disclosure has already been corrected: correct the latest entry instead")
    if not (reason or "").strip():
        raise InvalidInput({"correction_reason": "Enter what was wrong with the original entry"})


def disclosure_correct(*, actor, original: Disclosure, data: dict, correction_reason: str) -> Disclosure:
    """A confirmed decision cannot be edited: the correction is a new draft linked to it,
    with what was wrong. The original stays as it was, marked as corrected once the
    correction is confirmed."""
    return disclosure_draft(
        actor=actor, customer=original.customer, data=data, corrects=original, correction_reason=correction_reason
    )


def _locked_draft(disclosure: Disclosure, version: int | None) -> Disclosure:
    locked = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
    if locked.status != Status.DRAFT:
        raise HavenError("This decision is confirmed and cannot be changed: record a correction instead")
    if version is not None and locked.version != version:
        raise EditConflict(current={"version": str(locked.version)})
    return locked


def disclosure_update(*, actor, disclosure: Disclosure, data: dict, version: int | None = None) -> Disclosure:
    """The decider changes their draft (from the check-answers page's Change links)."""
    _require_decider(actor, disclosure)
    data = _checked(data, customer=disclosure.customer, decider=actor)
    with transaction.atomic(durable=True):
        locked = _locked_draft(disclosure, version)
        _apply(locked, data)
        locked.version += 1
        locked.save()
        audit_record(
            actor=actor,
            action="disclosure.draft_changed",
            target=locked,
            person_ref=person_ref(locked.customer),
            changes=_audit_changes(locked),
        )
    return locked


def _reviewer(decider: User) -> User | None:
    """The decider's team leader (or deputy manager if the decider leads the team)."""
    team_staff = User.objects.filter(team_id=decider.team_id, is_active=True).exclude(pk=decider.pk)
    for role in (Role.TEAM_LEADER, Role.DEPUTY_MANAGER):
        found = team_staff.filter(role=role).order_by("pk").first()
        if found is not None:
            return found
    return None


def _create_review_task(disclosure: Disclosure, decider: User):
    """DA Plan, Section A: "if urgent, the worker may act without waiting"; issue 7: the
    decision taken alone is reviewed by the team leader the next working day."""
    jurisdiction = calendar.jurisdiction_for_nation(disclosure.customer.nation)
    due_on = calendar.next_working_day(calendar.london_date(timezone.now()), jurisdiction)
    reviewer = _reviewer(decider)
    return work_services.task_create_within(
        actor=system_actor(),
        title=f"Review an emergency disclosure to {disclosure.get_recipient_kind_display()} made alone",
        rule=RETROSPECTIVE_REVIEW,
        due_at=calendar.end_of_london_day_utc(due_on),
        assignee=reviewer,
        team=None if reviewer else decider.team,
        about=disclosure,
        customer=disclosure.customer,
        description=f"{decider.display_name} shared information without a second opinion in an emergency. "
        "Open the disclosure and record your review there.",
    )


def disclosure_confirm(*, actor, disclosure: Disclosure, version: int | None = None) -> Disclosure:
    """The decider confirms the draft after the check-answers page. Every rule is checked
    again; from now on the record cannot change. An emergency decision with no second
    opinion sets its retrospective review task, in the same transaction."""
    _require_decider(actor, disclosure)
    with transaction.atomic(durable=True):
        locked = _locked_draft(disclosure, version)
        data = {name: getattr(locked, name) for name in validation.DATA_FIELDS}
        _checked(data, customer=locked.customer, decider=actor)
        if locked.corrects_id:
            _check_correctable(locked.corrects, locked.customer, locked.correction_reason or "")
        locked.status, locked.confirmed_at, locked.version = Status.CONFIRMED, timezone.now(), locked.version + 1
        if locked.emergency and locked.second_opinion_by_id is None:
            locked.review_task = _create_review_task(locked, actor)
        locked.save()
        audit_record(
            actor=actor,
            action="disclosure.confirmed",
            target=locked,
            person_ref=person_ref(locked.customer),
            summary=f"To {locked.get_recipient_kind_display()}" + (" (emergency, alone)" if locked.review_task else ""),
            changes={**_audit_changes(locked), "review_task": locked.review_task_id},
        )
    return locked


def can_review(user, disclosure: Disclosure) -> bool:
    task = disclosure.review_task
    return bool(
        task is not None
        and task.state == TaskState.OPEN
        and user.pk != disclosure.decided_by_id
        and can_work(user, task)
    )


def disclosure_review(*, actor, disclosure: Disclosure, outcome: str, note: str) -> DisclosureReview:
    """The team leader (whoever holds the review task, never the decider) records the
    retrospective review of an emergency decision taken alone; the task is done with it."""
    if not can_review(actor, disclosure):
        raise NotAllowed("Only the team leader the review was set for can record it.")
    errors = {}
    if outcome not in DisclosureReview.Outcome.values:
        errors["outcome"] = "Choose whether the decision was right"
    if not (note or "").strip():
        errors["note"] = "Enter what you found when you reviewed the decision"
    if errors:
        raise InvalidInput(errors)
    require_no_credentials(note=note)
    with transaction.atomic(durable=True):
        review = DisclosureReview.objects.create(
            disclosure=disclosure, reviewed_by=actor, outcome=outcome, note=note.strip()
        )
        work_services.tasks_close_within(
            actor=actor, tasks=[disclosure.review_task], done=True, text=f"Reviewed: {review.get_outcome_display()}"
        )
        audit_record(
            actor=actor,
            action="disclosure.reviewed",
            target=disclosure,
            person_ref=person_ref(disclosure.customer),
            changes={"outcome": outcome},
        )
    return review
