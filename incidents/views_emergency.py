"""The emergency call record, the disclosure decision it opens, and the team leader's
Report Threat checklist (issue 8). Thin: selectors read (every opening audited),
services change. Anyone the incident hides from is told it was not found."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.access import access
from core.errors import EditConflict, HavenError, NotAllowed, NotFound
from incidents import selectors
from incidents.forms_emergency import EmergencyCallForm, TickForm, initial_from, initial_from_call
from incidents.models import EmergencyCall, ReportThreat
from incidents.permissions import INCIDENT_READERS
from incidents.services_emergency import can_record, emergency_call_record, emergency_call_update
from incidents.services_emergency_prefill import call_prefill
from incidents.services_report_threat import can_tick, report_threat_tick


def _incident(request, pk: int, *, audit: bool = True):
    try:
        return selectors.incident_open(user=request.user, incident_id=pk, audit=audit)
    except NotFound as exc:
        raise Http404 from exc


def _back_to(request, incident, fallback: str) -> str:
    """After posting from the guided screen's panel, back to the guided screen."""
    target = request.POST.get("next", "")
    if target.startswith(f"/incidents/{incident.pk}/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return fallback


def _call_page(request, incident, form, *, status: int = 200):
    return render(
        request,
        "incidents/emergency/call.html",
        {
            "incident": incident,
            "customer": incident.customer,
            "calls": list(incident.emergency_calls.select_related("made_by", "decided_by", "disclosure")),
            "form": form,
            "can_record": can_record(request.user, incident),
            # From the guided screen's link (GET) or its own form (POST); _back_to checks it.
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
        status=status,
    )


@access(INCIDENT_READERS)
def emergency_call(request, pk: int):
    """The incident's emergency calls, and the form to record one, prefilled from the
    plan's answers. Recording returns to where it was posted from (the guided screen)."""
    if request.method != "POST":
        incident = _incident(request, pk)
        form = EmergencyCallForm(initial=initial_from(call_prefill(incident)), incident=incident)
        return _call_page(request, incident, form)
    incident = _incident(request, pk, audit=False)
    if not can_record(request.user, incident):
        raise PermissionDenied
    form = EmergencyCallForm(request.POST, incident=incident)
    if form.is_valid():
        try:
            call = emergency_call_record(actor=request.user, incident=incident, data=form.values())
        except NotAllowed as exc:
            raise PermissionDenied from exc
        except HavenError as exc:
            form.add_haven_error(exc)
        else:
            if incident.customer_id:
                messages.success(request, "Emergency call recorded. Now record the disclosure decision it opened.")
            else:
                messages.success(
                    request,
                    "Emergency call recorded. The disclosure decision waits until you link the caller to their record.",
                )
            fallback = reverse("incidents:emergency_call_detail", kwargs={"pk": pk, "call_id": call.pk})
            return redirect(_back_to(request, incident, fallback))
    return _call_page(request, incident, form, status=400)


@access(INCIDENT_READERS)
def emergency_call_detail(request, pk: int, call_id: int):
    """One call as recorded, and its correction under the version the page showed."""
    incident = _incident(request, pk, audit=request.method != "POST")
    call = get_object_or_404(
        EmergencyCall.objects.select_related("made_by", "decided_by"), pk=call_id, incident=incident
    )
    editable = can_record(request.user, incident)
    status = 200
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        form = EmergencyCallForm(request.POST, incident=incident)
        if form.is_valid():
            try:
                emergency_call_update(
                    actor=request.user, call=call, data=form.values(), version=form.cleaned_data.get("version")
                )
            except NotAllowed as exc:
                raise PermissionDenied from exc
            except EditConflict as exc:
                call.refresh_from_db()
                messages.error(request, str(exc))
                form = EmergencyCallForm(initial=initial_from_call(call), incident=incident)
                status = 409
            except HavenError as exc:
                form.add_haven_error(exc)
                status = 400
            else:
                messages.success(request, "Emergency call record changed")
                return redirect("incidents:emergency_call_detail", pk=pk, call_id=call_id)
        else:
            status = 400
    else:
        form = EmergencyCallForm(initial=initial_from_call(call), incident=incident)
    context = {"incident": incident, "customer": incident.customer, "call": call, "form": form, "editable": editable}
    return render(request, "incidents/emergency/call_detail.html", context, status=status)


def _report(incident) -> ReportThreat:
    related = ("allocated_to", "reviewed_by", "primary_owner", "notes_copied_by", "task")
    report = ReportThreat.objects.select_related(*related).filter(incident=incident).first()
    if report is None:
        raise Http404
    return report


def checklist(report: ReportThreat) -> list[tuple]:
    """DA Plan, "Team Leader Action Required", as three ticks."""
    return [
        ("review", "Review the Report Threat activity for the customer", report.reviewed_at, report.reviewed_by),
        ("ownership", "Take primary ownership of it", report.owned_at, report.primary_owner),
        (
            "copy-notes",
            "Copy the notes into the customer's contact notes",
            report.notes_copied_at,
            report.notes_copied_by,
        ),
    ]


@access(INCIDENT_READERS)
def report_threat(request, pk: int):
    """The Report Threat activity and the team leader's checklist."""
    incident = _incident(request, pk)
    report = _report(incident)
    return render(
        request,
        "incidents/emergency/report_threat.html",
        {
            "incident": incident,
            "customer": incident.customer,
            "report": report,
            "checklist": checklist(report),
            "can_tick": can_tick(request.user, report),
        },
    )


@access(INCIDENT_READERS)
@require_POST
def report_threat_tick_view(request, pk: int):
    incident = _incident(request, pk, audit=False)
    report = _report(incident)
    if not can_tick(request.user, report):
        raise PermissionDenied
    form = TickForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose what you have done")
        return redirect("incidents:report_threat", pk=pk)
    try:
        report_threat_tick(
            actor=request.user, report=report, item=form.cleaned_data["item"], version=form.cleaned_data["version"]
        )
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except EditConflict as exc:
        messages.error(request, str(exc))
    except HavenError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Ticked")
    return redirect("incidents:report_threat", pk=pk)
