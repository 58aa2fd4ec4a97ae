"""What the MR tracker's services check before they change anything: every problem with
what was typed, in words for the person, by field (work/services_appeals.py raises them
together as one InvalidInput). Dates in, messages out; the rules' sources are in
work/deadlines.py and docs/domain.md section 3."""

import datetime as dt

from work.models_appeals import AppealHow, LodgedBy, LodgedHow, MandatoryReconsideration, MRNOutcome


def long_date(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def choice_error(value: str, choices, field: str, message: str, errors: dict) -> None:
    if value not in choices.values:
        errors[field] = message


def past_date_error(value, field: str, what: str, errors: dict, *, today: dt.date) -> None:
    if value is None:
        errors[field] = f"Enter the date {what}"
    elif value > today:
        errors[field] = f"The date {what} must be today or in the past"


def mr_errors(*, fields: dict, organisation_id: int, today: dt.date) -> dict:
    errors: dict[str, str] = {}
    if not fields["decision_challenged"]:
        errors["decision_challenged"] = "Enter the decision being challenged"
    past_date_error(fields["lodged_on"], "lodged_on", "the MR was lodged", errors, today=today)
    decision_date = fields["decision_date"]
    if decision_date and fields["lodged_on"] and decision_date > fields["lodged_on"]:
        errors["decision_date"] = "The date of the decision must be on or before the date the MR was lodged"
    choice_error(fields["lodged_how"], LodgedHow, "lodged_how", "Choose how the MR was lodged", errors)
    choice_error(fields["lodged_by"], LodgedBy, "lodged_by", "Choose who lodged the MR", errors)
    if fields["lodged_by"] == LodgedBy.REPRESENTATIVE and fields.get("authority") is None:
        # An adviser outside Haven's staff: Haven holds no record of their authority, so
        # who they are and what their authority allows are written down.
        if not fields["representative_name"]:
            errors["representative_name"] = "Enter the name of the adviser who lodged the MR"
        if not fields["representative_organisation"]:
            errors["representative_organisation"] = "Enter the adviser's organisation"
        if not fields["outside_authority"]:
            errors["outside_authority"] = (
                "Enter the form of authority the adviser acted under: its reference and what it allows"
            )
    if fields.get("authority") is not None and fields["lodged_by"] != LodgedBy.REPRESENTATIVE:
        errors["lodged_by"] = "An MR lodged under your form of authority is lodged by a representative (adviser)"
    staff = fields["lodged_by_staff"]
    if fields["lodged_by"] == LodgedBy.STAFF and (
        staff is None or staff.team_id is None or staff.team.office.region.organisation_id != organisation_id
    ):
        errors["lodged_by_staff"] = "Choose the member of staff who lodged the MR"
    return errors


def clean_mr_fields(fields: dict) -> dict:
    cleaned = {key: (value.strip() if isinstance(value, str) else value) for key, value in fields.items()}
    if cleaned["lodged_by"] != LodgedBy.REPRESENTATIVE:
        cleaned["representative_name"] = cleaned["representative_organisation"] = ""
        cleaned["outside_authority"] = ""
    if cleaned["lodged_by"] != LodgedBy.STAFF:
        cleaned["lodged_by_staff"] = None
    return cleaned


def mrn_errors(sent_on, seen_on, outcome: str, *, mr: MandatoryReconsideration, today: dt.date) -> dict:
    errors: dict[str, str] = {}
    past_date_error(sent_on, "mrn_sent_on", "the MRN was sent", errors, today=today)
    if sent_on and sent_on < mr.lodged_on:
        errors["mrn_sent_on"] = f"The MRN cannot be sent before the MR was lodged ({long_date(mr.lodged_on)})"
    past_date_error(seen_on, "mrn_seen_on", "the MRN was seen", errors, today=today)
    if sent_on and seen_on and seen_on < sent_on and "mrn_seen_on" not in errors:
        errors["mrn_seen_on"] = "The date the MRN was seen must be on or after the date it was sent"
    choice_error(outcome, MRNOutcome, "mrn_outcome", "Choose what the MRN decided", errors)
    return errors


def appeal_errors(lodged_on, how: str, *, mr: MandatoryReconsideration, today: dt.date) -> dict:
    errors: dict[str, str] = {}
    past_date_error(lodged_on, "appeal_lodged_on", "the appeal was lodged", errors, today=today)
    if lodged_on and mr.mrn_sent_on and lodged_on < mr.mrn_sent_on:
        errors["appeal_lodged_on"] = (
            f"The appeal cannot be lodged before the MRN was sent ({long_date(mr.mrn_sent_on)})"
        )
    elif lodged_on and mr.late_appeal_limit_on and lodged_on > mr.late_appeal_limit_on:
        errors["appeal_lodged_on"] = (
            "An appeal cannot be made more than 13 months after the MRN was sent: "
            f"the last day was {long_date(mr.late_appeal_limit_on)}"
        )
    choice_error(how, AppealHow, "appeal_how", "Choose how the appeal was lodged", errors)
    return errors
