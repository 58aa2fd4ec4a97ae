"""What the guided screen's emergency panel shows: the calls recorded, the form to record
one (prefilled from the plan's answers) while the plan asks for it, else a link to the
emergency call page to record one, and Report Threat."""

from django import template

from incidents.forms_emergency import EmergencyCallForm, initial_from
from incidents.models import ReportThreat
from incidents.services_emergency import can_record
from incidents.services_emergency_prefill import call_prefill
from incidents.services_report_threat import can_tick

register = template.Library()


@register.simple_tag
def emergency_panel(incident, user) -> dict:
    calls = list(incident.emergency_calls.select_related("made_by", "decided_by", "disclosure"))
    recordable = can_record(user, incident)
    call_pending = incident.actions.filter(kind="record_emergency_call", state="pending").exists()
    report = ReportThreat.objects.filter(incident=incident).select_related("allocated_to").first()
    form = None
    # The form, prefilled, only while the plan asks for the call: its sixteen fields were a
    # third of the guided screen's time (benchmarks/floor.py), rendered folded away on every
    # opening. Otherwise the panel links to the emergency call page, which has the same form.
    if recordable and call_pending:
        form = EmergencyCallForm(initial=initial_from(call_prefill(incident)), incident=incident)
    return {
        "calls": calls,
        "can_record": recordable,
        "call_pending": call_pending,
        "form": form,
        "report": report,
        "can_tick": bool(report and can_tick(user, report)),
    }
