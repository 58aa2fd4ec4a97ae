"""CSV import and export of the directory, with Open Referral UK (HSDS) field names where
one exists, so directories can be exchanged (issue 6). One row per service; lists inside
a cell are separated by semicolons. The mapping is documented in docs/directory-csv.md.

Open Referral UK fields used: service.id, organization.name, service.name,
service.description, service.url, service.email, service.status, service.assured_date,
phone.number, schedule.description, language.language, service_area.service_area,
taxonomy.term. Haven's own columns (no HSDS field) start "haven:".
"""

import csv
import io
import uuid

from directory.models import NATION_FIELDS, Entry
from directory.services import EntryDetails

COLUMNS = [
    "service.id",
    "organization.name",
    "service.name",
    "service.description",
    "service.url",
    "service.email",
    "service.status",
    "service.assured_date",
    "phone.number",
    "schedule.description",
    "language.language",
    "service_area.service_area",
    "taxonomy.term",
    "haven:nations",
    "haven:local_postcodes",
    "haven:phone_is_free",
    "haven:open_24_7",
    "haven:other_numbers",
    "haven:review_due",
    "haven:source",
]
REQUIRED = ("service.name", "taxonomy.term", "haven:nations")
YES = {"yes", "true", "1", "y"}


def _join(values) -> str:
    return ";".join(values)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def export_rows(entries) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for entry in entries:
        writer.writerow(
            {
                "service.id": str(entry.uid),
                "organization.name": entry.name,
                "service.name": entry.name,
                "service.description": entry.description,
                "service.url": entry.website,
                "service.email": entry.email,
                "service.status": "active" if entry.is_active else "inactive",
                "service.assured_date": entry.last_verified_on.isoformat() if entry.last_verified_on else "",
                "phone.number": entry.phone,
                "schedule.description": "24 hours a day, 7 days a week"
                if entry.open_24_7 and not entry.hours
                else entry.hours,
                "language.language": entry.languages,
                "service_area.service_area": entry.local_area,
                "taxonomy.term": _join(sorted(need.need for need in entry.needs.all())),
                "haven:nations": _join(nation for nation, field in NATION_FIELDS.items() if getattr(entry, field)),
                "haven:local_postcodes": entry.local_postcodes.strip(),
                "haven:phone_is_free": "yes" if entry.phone_is_free else "no",
                "haven:open_24_7": "yes" if entry.open_24_7 else "no",
                "haven:other_numbers": entry.other_numbers,
                "haven:review_due": entry.review_due_on.isoformat(),
                "haven:source": entry.source,
            }
        )
    return out.getvalue()


class CsvProblem(ValueError):
    pass


def parse(text: str) -> list[tuple[int, uuid.UUID | None, EntryDetails]]:
    """(row number, id or None, details) for each row, or CsvProblem for a file that is
    not this format. The rules of each row are the services' (entries_import)."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [name for name in REQUIRED if name not in (reader.fieldnames or [])]
    if missing:
        raise CsvProblem(
            f"The file must be a CSV with the columns {', '.join(missing)} (see the export for the format)"
        )
    rows = []
    for number, row in enumerate(reader, start=2):
        try:
            uid = uuid.UUID(row["service.id"]) if row.get("service.id") else None
        except ValueError:
            uid = None
        details = EntryDetails(
            name=row.get("service.name") or row.get("organization.name") or "",
            description=row.get("service.description", ""),
            needs=_split(row.get("taxonomy.term", "")),
            nations=_split(row.get("haven:nations", "")),
            local_area=row.get("service_area.service_area", ""),
            local_postcodes=row.get("haven:local_postcodes", ""),
            phone=row.get("phone.number", ""),
            phone_is_free=(row.get("haven:phone_is_free") or "").strip().lower() in YES,
            other_numbers=row.get("haven:other_numbers", ""),
            hours=row.get("schedule.description", ""),
            open_24_7=(row.get("haven:open_24_7") or "").strip().lower() in YES,
            website=row.get("service.url", ""),
            email=row.get("service.email", ""),
            languages=row.get("language.language", ""),
        )
        rows.append((number, uid, details))
    return rows


def existing_by_uid(organisation_id: int) -> dict[uuid.UUID, Entry]:
    return {entry.uid: entry for entry in Entry.objects.filter(organisation_id=organisation_id)}
