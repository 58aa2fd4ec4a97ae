"""What the worker sees when someone else saved the record first: the other person's
version beside what this worker typed, field by field (issue 3: "the second save sees
what changed")."""

from datetime import date

from django.utils.dateformat import format as format_date

from core.nations import Nation
from people import identifiers

_NORMALISE = {
    "ni_number": identifiers.normalise_ni_number,
    "postcode": identifiers.normalise_postcode,
}


def _shown(name: str, value) -> str:
    if value in (None, ""):
        return ""
    if name == "date_of_birth":
        day = value if isinstance(value, date) else date.fromisoformat(value)
        return format_date(day, "j F Y")
    if name == "nation":
        return Nation(value).label if value in Nation.values else str(value)
    if name == "ni_number":
        return identifiers.format_ni_number(value)
    return str(value).strip()


def _same(name: str, theirs, yours) -> bool:
    normalise = _NORMALISE.get(name, lambda text: text)
    return normalise(_shown(name, theirs)) == normalise(_shown(name, yours))


def conflict_rows(form, current: dict[str, str]) -> list[dict]:
    """One row per field the other person's version and this worker's differ on."""
    typed = getattr(form, "cleaned_data", {})
    rows = []
    for name, theirs in current.items():
        if name not in form.fields:
            continue
        yours = typed.get(name)
        if _same(name, theirs, yours):
            continue
        rows.append(
            {
                "label": form.fields[name].label,
                "theirs": _shown(name, theirs) or "(blank)",
                "yours": _shown(name, yours) or "(blank)",
            }
        )
    return rows
