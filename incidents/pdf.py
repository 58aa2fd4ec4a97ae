"""An incident's records as PDFs (WeasyPrint), to give the line manager a copy (DA Plan,
contact notes; Six Point Plan, Annex B: "give a copy to your line manager, who keeps it
for six years"). Nothing is fetched while rendering."""

from django.template.loader import render_to_string
from django.utils import timezone

from consent.pdf import response  # noqa: F401  (the same attachment response)
from incidents.services_records import values_of


def _no_fetching(url: str, *args, **kwargs):
    raise ValueError(f"Haven's PDFs never fetch anything ({url})")


def record_context(incident, record) -> dict:
    values = values_of(record)
    values += [""] * (len(record.items) - len(values))
    return {
        "incident": incident,
        "record": record,
        "rows": list(zip(record.items, values, strict=True)),
        "issued_at": timezone.now(),
    }


def record_pdf(incident, record) -> bytes:
    # Imported here: WeasyPrint takes seconds to import (see consent/pdf.py).
    from weasyprint import HTML

    html = render_to_string("incidents/pdf/record.html", record_context(incident, record))
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()


def filename(incident, record) -> str:
    return f"{incident.reference}-{record.record_id}-v{record.version}.pdf"
