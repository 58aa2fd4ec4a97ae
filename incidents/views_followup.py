"""The follow-up page of an incident (its panel on the guided screen, on a page of its
own once the call is over): records, review, wellbeing, UCB report and referrals."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from accounts.models import User
from core.access import access
from incidents import services_referrals, services_wellbeing
from incidents.forms_followup import DeclineForm, OutcomeForm, ReferralForm, TimeAwayForm, UCBForm
from incidents.models import IncidentAction, Referral
from incidents.permissions import INCIDENT_READERS
from incidents.permissions_followup import may_agree_time_away, may_record_outcome, may_refer, may_report_ucb
from incidents.views_followup_common import follow_up_url, form_data, open_incident, submit


@access(INCIDENT_READERS)
def follow_up(request, incident_id: int):
    """Everyone who may open the incident sees it; the worker and partner seeing it is the
    Employee Assistance Programme details being shown to them, which is recorded."""
    incident = open_incident(request, incident_id)
    if request.user.pk in (incident.worker_id, incident.partner_id):
        services_wellbeing.eap_shown(actor=request.user, incident=incident)
    return render(request, "incidents/followup/page.html", {"incident": incident, "user": request.user})


def _involved(incident):
    return [u for u in (incident.worker, incident.partner) if u is not None]


@access(INCIDENT_READERS)
def time_away(request, incident_id: int):
    incident = open_incident(request, incident_id, audit=request.method == "GET")
    if not may_agree_time_away(request.user, incident):
        raise PermissionDenied
    form = TimeAwayForm(form_data(request), people=_involved(incident))
    done, _ = submit(
        request, form,
        lambda: services_wellbeing.time_away_agree(
            actor=request.user, incident=incident, user=User.objects.filter(pk=form.cleaned_data["user"]).first(),
            details=form.cleaned_data["details"],
        ),
        success="The time away agreed has been recorded", redirect_to=follow_up_url(incident),
    )  # fmt: skip
    return done or _form_page(request, incident, form, "Record time away agreed", "Record time away")


def _form_page(request, incident, form, title: str, button: str, **context):
    return render(
        request,
        "incidents/followup/form.html",
        {"incident": incident, "form": form, "title": title, "button": button, **context},
    )


@access(INCIDENT_READERS)
def ucb(request, incident_id: int):
    """The Unacceptable Customer Behaviour report (Six Point Plan, para 25)."""
    incident = open_incident(request, incident_id, audit=request.method == "GET")
    if not may_report_ucb(request.user, incident):
        raise PermissionDenied
    form = UCBForm(form_data(request))
    done, _ = submit(
        request, form,
        lambda: services_referrals.ucb_report(
            actor=request.user, incident=incident, what_happened=form.cleaned_data["what_happened"]
        ),
        success="Your Unacceptable Customer Behaviour report has been made", redirect_to=follow_up_url(incident),
    )  # fmt: skip
    return done or _form_page(request, incident, form, "Unacceptable Customer Behaviour report", "Make the report")


@access(INCIDENT_READERS)
def referral(request, incident_id: int):
    """Refer to an ACSSL or the Senior Safeguarding Leader (DA Plan, "Consider Referral")."""
    incident = open_incident(request, incident_id, audit=request.method == "GET")
    if not may_refer(request.user, incident):
        raise PermissionDenied
    leads = list(services_referrals.safeguarding_leads(incident))
    form = ReferralForm(form_data(request), leads=leads, kind=request.GET.get("kind", ""))
    done, _ = submit(
        request, form,
        lambda: services_referrals.referral_make(
            actor=request.user, incident=incident, kind=form.cleaned_data["kind"], reason=form.cleaned_data["reason"],
            referred_to=next((u for u in leads if u.pk == form.cleaned_data["referred_to"]), None),
        ),
        success="The referral has been made", redirect_to=follow_up_url(incident),
    )  # fmt: skip
    return done or _form_page(request, incident, form, "Refer the case", "Make the referral")


@access(INCIDENT_READERS)
def referral_outcome(request, incident_id: int, referral_id: int):
    incident = open_incident(request, incident_id, audit=request.method == "GET")
    referral = get_object_or_404(Referral.objects.select_related("incident", "referred_to"), pk=referral_id,
                                 incident=incident)  # fmt: skip
    if not may_record_outcome(request.user, referral):
        raise PermissionDenied
    form = OutcomeForm(form_data(request))
    done, _ = submit(
        request, form,
        lambda: services_referrals.referral_outcome(
            actor=request.user, referral=referral, outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"], version=request.POST.get("version") or None,
        ),
        success="The outcome has been recorded in the customer's contact notes", redirect_to=follow_up_url(incident),
    )  # fmt: skip
    return done or _form_page(
        request, incident, form, f"Outcome of the {referral.get_kind_display()} referral", "Record the outcome",
        version=referral.version,
    )  # fmt: skip


@access(INCIDENT_READERS)
def offer_decline(request, incident_id: int, action_id: int):
    """A referral the plan offered is not needed: say why."""
    incident = open_incident(request, incident_id, audit=request.method == "GET")
    offer = get_object_or_404(IncidentAction, pk=action_id, incident=incident, kind="offer_referral")
    if not may_refer(request.user, incident):
        raise PermissionDenied
    form = DeclineForm(form_data(request))
    done, _ = submit(
        request, form,
        lambda: services_referrals.offer_decline(
            actor=request.user, incident=incident, action=offer, note=form.cleaned_data["note"]
        ),
        success="Recorded as not needed", redirect_to=follow_up_url(incident),
    )  # fmt: skip
    return done or _form_page(request, incident, form, "The referral is not needed", "Record why")
