"""Checking what a decider entered for a disclosure: every problem at once, each beside
its field, in words for the person (core.errors.InvalidInput). The lawful-basis rules
themselves are in the pure module `disclosures.lawful_basis`."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from disclosures import items as catalogue
from disclosures import lawful_basis as lb
from disclosures.models import FACT_FIELDS, AtRisk, Method, Recipient
from disclosures.permissions import can_give_second_opinion

# Every field a draft holds, as the services take them. Free text is marked: the
# credential guard (consent/) checks these before anything is stored.
CHOICE_FIELDS = ("at_risk", "recipient_kind", "method")
FREE_TEXT = (
    "at_risk_name",
    "recipient_organisation",
    "recipient_person",
    "purpose",
    "reference_number",
    "not_told_reason",
)
OTHER_FIELDS = ("shared_at", "items", "emergency", "second_opinion_by", "person_told")
DATA_FIELDS = (*CHOICE_FIELDS, *FREE_TEXT, *OTHER_FIELDS, *FACT_FIELDS)
CODE_FIELDS = tuple(f.name for f in lb.Facts.__dataclass_fields__.values() if f.type in ("str", str))
TEXT_FIELDS = frozenset((*CHOICE_FIELDS, *FREE_TEXT, *CODE_FIELDS))

CHOICES = {"at_risk": AtRisk, "recipient_kind": Recipient, "method": Method}
CHOICE_MESSAGES = {
    "at_risk": "Choose who is at risk",
    "recipient_kind": "Choose who the information was shared with",
    "method": "Choose how it was shared",
}
# A few minutes' grace for clocks; a sharing that has not happened yet is not a record of one.
FUTURE_GRACE = timedelta(minutes=10)


def normalise(data: dict) -> dict:
    """Every field present, text stripped, booleans as booleans."""
    clean = {}
    for name in DATA_FIELDS:
        value = data.get(name)
        if name in TEXT_FIELDS:
            clean[name] = (value or "").strip()
        elif name == "items":
            clean[name] = list(dict.fromkeys(value or []))
        elif name in ("shared_at", "second_opinion_by"):
            clean[name] = value or None
        else:
            clean[name] = bool(value)
    return clean


def _basic(data: dict, customer) -> dict[str, str]:
    errors = {}
    for name, enum in CHOICES.items():
        if data[name] not in enum.values:
            errors[name] = CHOICE_MESSAGES[name]
    if data["at_risk"] in (AtRisk.CHILD, AtRisk.THIRD_PARTY) and not data["at_risk_name"]:
        errors["at_risk_name"] = "Enter the name of the person at risk"
    if not data["recipient_organisation"]:
        errors["recipient_organisation"] = "Enter the organisation the information was shared with"
    shared_at = data["shared_at"]
    if shared_at is None:
        errors["shared_at"] = "Enter the date and time the information was shared"
    elif shared_at > timezone.now() + FUTURE_GRACE:
        errors["shared_at"] = "The time it was shared must not be in the future"
    if not data["purpose"]:
        errors["purpose"] = "Enter why the information was shared"
    if not data["person_told"] and not data["not_told_reason"]:
        errors["not_told_reason"] = "Enter why the customer was not told"
    errors.update(_items(data, customer))
    return errors


def _items(data: dict, customer) -> dict[str, str]:
    held = {item.code: item for item in catalogue.available_items(customer)}
    if not data["items"]:
        return {"items": "Select the items of information that were shared"}
    if any(code not in held for code in data["items"]):
        return {"items": "Select only items Haven holds about this customer"}
    if any(held[code].special for code in data["items"]):
        # A marker records a condition or a risk: special-category data (UK GDPR Art. 9(1)).
        data["special_category"] = True
    return {}


def _second_opinion(data: dict, *, decider, organisation_id: int) -> dict[str, str]:
    """Without consent, a second opinion from a team leader, deputy manager or safeguarding
    lead is needed before sharing, except in an emergency (seed 000; DA Plan, Section A)."""
    adviser: User | None = data["second_opinion_by"]
    if adviser is None:
        if data["consent"] != lb.Consent.GIVEN and not data["emergency"]:
            return {
                "second_opinion_by": "Without consent, choose the team leader, deputy manager or safeguarding lead "
                "who gave a second opinion (or say it was an emergency)"
            }
        return {}
    if adviser.pk == decider.pk:
        return {"second_opinion_by": "The second opinion must come from someone other than the decider"}
    organisation = adviser.organisation
    if not can_give_second_opinion(adviser) or organisation is None or organisation.pk != organisation_id:
        return {"second_opinion_by": "Choose a team leader, deputy manager or safeguarding lead in your organisation"}
    return {}


def lawful_basis_errors(data: dict) -> dict[str, str]:
    verdict = lb.check(lb.Facts(**{name: data[name] for name in FACT_FIELDS}))
    errors: dict[str, str] = {}
    for problem in verdict.problems:
        errors.setdefault(problem.field, problem.message)
    return errors


def problems(data: dict, *, customer, decider) -> dict[str, str]:
    """Every problem with a draft's data, by field; empty when it may be confirmed."""
    errors = _basic(data, customer)
    errors.update({k: v for k, v in lawful_basis_errors(data).items() if k not in errors})
    errors.update(_second_opinion(data, decider=decider, organisation_id=customer.organisation_id))
    return errors
