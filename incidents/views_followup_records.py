"""The records an incident's plan requires, their PDFs, and the review."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.access import access
from core.errors import HavenError, NotAllowed
from incidents import pdf, services_records, services_review
from incidents.forms_followup import RecordForm, ReviewForm
from incidents.models import IncidentRecord, IncidentReview
from incidents.permissions import INCIDENT_READERS
from incidents.permissions_followup import may_complete_review, may_draft_review, may_write_records
from incidents.views_followup_common import follow_up_url, form_data, open_incident, submit


def _record_definition(incident, record_id: str):
    try:
        return services_records.record_definition(incident, record_id)
    except HavenError as exc:
        raise Http404 from exc


@access(INCIDENT_READERS)
def record(request, incident_id: int, record_id: str):
    """One record, one box per item the plan lists. "Save as draft" keeps it; "Complete"
    needs every box and marks the plan's record done. The page sends the version it showed."""
    incident = open_incident(request, incident_id, audit=request.method == "GET")
    definition = _record_definition(incident, record_id)
    stored = IncidentRecord.objects.filter(incident=incident, record_id=record_id).first()
    values = services_records.values_of(stored) if stored else []
    version = stored.version if stored else 1
    can_write = may_write_records(request.user, incident)
    form = RecordForm(form_data(request), items=list(definition.items), values=values)
    completing = request.POST.get("action") == "complete"
    service = services_records.record_complete if completing else services_records.record_save

    def action():
        return service(
            actor=request.user, incident=incident, record_id=record_id, values=form.values(),
            version=request.POST.get("version") or None,
        )  # fmt: skip

    done, conflict = submit(
        request, form, action,
        success=f"{definition.title}: {'completed' if completing else 'saved as a draft'}",
        redirect_to=follow_up_url(incident),
    )  # fmt: skip
    if done:
        return done
    return render(
        request,
        "incidents/followup/record.html",
        {
            "incident": incident, "definition": definition, "stored": stored, "form": form,
            "version": version, "can_write": can_write, "conflict": conflict,
            "rows": list(zip(definition.items, values + [""] * (len(definition.items) - len(values)), strict=True)),
        },
    )  # fmt: skip


@require_GET
@access(INCIDENT_READERS)
def record_pdf(request, incident_id: int, record_id: str):
    incident = open_incident(request, incident_id, audit=False)
    stored = IncidentRecord.objects.filter(incident=incident, record_id=record_id).first()
    if stored is None:
        raise Http404
    try:
        services_records.record_downloaded(actor=request.user, incident=incident, record=stored)
    except NotAllowed as exc:
        raise PermissionDenied from exc
    return pdf.response(pdf.record_pdf(incident, stored), pdf.filename(incident, stored))


@access(INCIDENT_READERS)
def review(request, incident_id: int):
    """The review template's questions. The worker and team leader save drafts; the team
    leader completes it, which closes both review tasks and copies the manager for local plans."""
    incident = open_incident(request, incident_id, audit=request.method == "GET")
    current = IncidentReview.objects.filter(incident=incident).first()
    initial = {name: getattr(current, name) or "" for name in services_review.REVIEW_FIELDS} if current else {}
    form = ReviewForm(form_data(request), initial=initial)
    completing = request.POST.get("action") == "complete"
    service = services_review.review_complete if completing else services_review.review_save
    done, conflict = submit(
        request, form,
        lambda: service(
            actor=request.user, incident=incident, fields=form.cleaned_data, version=request.POST.get("version") or None
        ),
        success="The review is complete: a copy has gone to the manager for local plans"
        if completing else "The review has been saved as a draft",
        redirect_to=follow_up_url(incident),
    )  # fmt: skip
    if done:
        return done
    return render(
        request,
        "incidents/followup/review.html",
        {
            "incident": incident, "review": current, "form": form, "conflict": conflict,
            "version": current.version if current else 1,
            "can_draft": may_draft_review(request.user, incident) and not (current and current.completed_at),
            "can_complete": may_complete_review(request.user, incident),
            "questions": [(label, getattr(current, name, "") or "") for name, label in
                          services_review.REVIEW_FIELDS.items()],
        },
    )  # fmt: skip
