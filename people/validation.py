"""Checking what a person typed about a customer, every field at once."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from core.errors import InvalidInput
from core.nations import Nation
from people import identifiers

REQUIRED = {"given_names": "Enter the customer's first name", "family_name": "Enter the customer's last name"}


def _date_of_birth_problem(dob: date | None, today: date) -> str | None:
    if dob is None:
        return None
    if dob > today:
        return "Date of birth must be today or in the past"
    if dob.year < 1900:
        return "Date of birth must be after 1900"
    return None


def _email_problem(email: str) -> str | None:
    try:
        validate_email(email)
    except ValidationError:
        return "Enter an email address in the correct format, like name@example.com"
    return None


# field -> (problem finder, normaliser), for fields that are checked only when filled in.
_FORMATTED = {
    "ni_number": (identifiers.ni_number_problem, identifiers.normalise_ni_number),
    "postcode": (identifiers.postcode_problem, identifiers.normalise_postcode),
    "email": (_email_problem, str.strip),
}


def clean_identity(fields: dict, *, today: date) -> dict:
    """Returns the fields normalised, or raises InvalidInput naming every problem."""
    cleaned = {key: value.strip() if isinstance(value, str) else value for key, value in fields.items()}
    errors = {name: message for name, message in REQUIRED.items() if name in cleaned and not cleaned[name]}
    dob_problem = _date_of_birth_problem(cleaned.get("date_of_birth"), today)
    if dob_problem:
        errors["date_of_birth"] = dob_problem
    for name, (problem_of, normalise) in _FORMATTED.items():
        if not cleaned.get(name):
            continue
        problem = problem_of(cleaned[name])
        if problem:
            errors[name] = problem
        else:
            cleaned[name] = normalise(cleaned[name])
    if "nation" in cleaned and cleaned["nation"] not in Nation.values:
        errors["nation"] = "Select the nation the customer lives in"
    if errors:
        raise InvalidInput(errors)
    return cleaned
