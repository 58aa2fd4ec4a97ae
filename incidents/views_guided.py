"""Starting an incident (from a customer's record, or for a caller not yet identified),
the incidents list, Haven's proposed plan as the worker types, and linking the customer
later. Thin: selectors read, services change."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from core.access import access
from core.errors import HavenError, NotAllowed, NotFound
from incidents import definitions, selectors, services
from incidents.forms_guided import CustomerChoiceForm, LinkForm, StartForm, default_channel
from incidents.models import IncidentState
from incidents.permissions import INCIDENT_READERS, INCIDENT_STARTERS
from incidents.selectors_guided import proposal_for
from people import selectors as people_selectors
from people.views.records import restricted_page


def _customer(request, customer_id: int):
    try:
        return people_selectors.customer_get_for_change(user=request.user, customer_id=customer_id), None
    except NotFound as exc:
        raise Http404 from exc
    except people_selectors.RestrictedRecord as restricted:
        return None, restricted_page(request, restricted.customer)


# What the plan buttons call each plan ("Start the DA Plan"); the full title is beside it.
SHORT_NAMES = {
    "domestic-abuse": "DA Plan",
    "suicide-self-harm": "Six Point Plan",
    "threat-to-others": "threat to others plan",
}


def plan_buttons(customer, said: str = "", channel: str = "") -> dict:
    """The proposed plan first (primary button, with the reason), then the others."""
    titles = definitions.titles()
    proposed = proposal_for(customer=customer, said=said, channel=channel)
    order = [proposed.protocol_id] if proposed.protocol_id else []
    order += [protocol_id for protocol_id in definitions.PROTOCOLS if protocol_id not in order]
    return {
        "proposed": proposed.protocol_id,
        "reason": proposed.reason,
        "plans": [
            {
                "id": protocol_id,
                "title": titles[protocol_id],
                "button": f"Start the {SHORT_NAMES.get(protocol_id, titles[protocol_id])}",
                "proposed": protocol_id == proposed.protocol_id,
            }
            for protocol_id in order
        ],
    }


def _start_page(request, form, *, customer=None, status=200):
    said = form.data.get("said", "") if form.is_bound else ""
    channel = form.data.get("channel", "") if form.is_bound else form.initial.get("channel", "")
    context = {"form": form, "customer": customer, **plan_buttons(customer, said, channel)}
    return render(request, "incidents/start.html", context, status=status)


def _start(request, *, customer=None):
    unidentified = customer is None
    if request.method != "POST":
        form = StartForm(initial={"channel": default_channel(request.user)}, unidentified=unidentified)
        return _start_page(request, form, customer=customer)
    form = StartForm(request.POST, unidentified=unidentified)
    if form.is_valid():
        try:
            incident = services.incident_start(
                actor=request.user,
                channel=form.cleaned_data["channel"],
                protocol_id=request.POST.get("protocol", ""),
                customer=customer,
                caller_description=form.cleaned_data.get("caller_description", ""),
                summary_text=form.cleaned_data.get("said", ""),
            )
        except NotAllowed as exc:
            raise PermissionDenied from exc
        except HavenError as exc:
            form.add_haven_error(exc)
        else:
            return redirect("incidents:guided", pk=incident.pk)
    return _start_page(request, form, customer=customer, status=400)


@access(INCIDENT_STARTERS)
def start_for_customer(request, customer_id: int):
    """Click 1 from the customer's record; click 2 is the plan."""
    customer, refused = _customer(request, customer_id)
    if refused:
        return refused
    return _start(request, customer=customer)


@access(INCIDENT_STARTERS)
def start_unidentified(request):
    """An incident for a caller not yet identified: linked to their record later."""
    return _start(request)


@access(INCIDENT_STARTERS)
@require_GET
def proposal(request):
    """Haven's proposal for what has been typed so far (the start page asks as the worker types)."""
    customer = None
    if request.GET.get("customer", "").isdigit():
        try:
            customer = people_selectors.customer_get_for_change(
                user=request.user, customer_id=int(request.GET["customer"])
            )
        except (NotFound, people_selectors.RestrictedRecord):
            customer = None
    said = request.GET.get("said", "")[:2000]
    return JsonResponse(plan_buttons(customer, said, request.GET.get("channel", "")))


@access(INCIDENT_READERS)
def incident_list(request):
    """The incidents a person works on or answers for: open ones, or closed ones."""
    state = IncidentState.CLOSED if request.GET.get("state") == "closed" else IncidentState.OPEN
    page = selectors.incidents_page(user=request.user, page_number=request.GET.get("page") or 1, state=state)
    return render(
        request,
        "incidents/list.html",
        {"page": page, "state": state, "can_start": INCIDENT_STARTERS.allows(request.user)},
    )


def _incident(request, pk: int):
    try:
        return selectors.incident_for_change(user=request.user, incident_id=pk)
    except NotFound as exc:
        raise Http404 from exc


@access(INCIDENT_STARTERS)
def link_customer(request, pk: int):
    """Finds the caller's record by case number or name, then links it to the incident."""
    incident = _incident(request, pk)
    if incident.customer_id is not None:
        return redirect("incidents:guided", pk=pk)
    if not services.can_link_customer(request.user, incident):
        raise PermissionDenied
    form, results, problem = LinkForm(request.GET or None), [], ""
    if request.method == "POST":
        try:
            customer = people_selectors.customer_get_for_change(
                user=request.user, customer_id=int(request.POST.get("customer", "0") or 0)
            )
            services.incident_link_customer(
                actor=request.user, incident=incident, customer=customer, version=request.POST.get("version")
            )
        except (NotFound, ValueError, people_selectors.RestrictedRecord):
            problem = "Choose the customer from the search results"
        except NotAllowed as exc:
            raise PermissionDenied from exc
        except HavenError as exc:
            problem = exc.message
        else:
            return redirect("incidents:guided", pk=pk)
    elif form.is_bound and form.is_valid() and form.cleaned_data["query"]:
        results, problem = people_selectors.customer_search(user=request.user, text=form.cleaned_data["query"])
    context = {
        "incident": incident,
        "form": form,
        "results": results,
        "choice_form": CustomerChoiceForm(results=results),
        "problem": problem,
    }
    return render(request, "incidents/link.html", context, status=400 if problem and request.method == "POST" else 200)
