"""Finding help and giving it to the customer (issue 6): the directory page, the side
panel (a fragment the panel's script swaps in place, so the page around it never
changes), sending the list, and the printable list."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.access import access
from core.errors import HavenError, NotFound
from directory import panel, selectors, services
from directory.forms import SendForm
from directory.models import Entry, SendChannel, SignpostSend
from directory.permissions import DIRECTORY_EDITORS, DIRECTORY_READERS, SIGNPOST_SENDERS
from people.selectors import RestrictedRecord, customer_get_for_change


def _customer(request, value):
    """The customer named by ?customer= or the form, as the people selectors allow; None
    when none is named. Another organisation's (or a restricted) record is 'not found'."""
    if not value:
        return None
    try:
        return customer_get_for_change(user=request.user, customer_id=int(value))
    except (ValueError, NotFound, RestrictedRecord) as exc:
        raise Http404 from exc


def _next_url(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@access(DIRECTORY_READERS)
def search(request):
    """The directory on its own page: need, nation (or a postcode) and words. With
    ?customer= it is the customer's nation and postcode, and the list can be sent."""
    customer = _customer(request, request.GET.get("customer"))
    params = request.GET if {"need", "nation", "postcode", "q"} & set(request.GET) else None
    context = panel.context(user=request.user, customer=customer, params=params)
    context.update(
        {
            "form": context["panel_form"],
            "can_edit": DIRECTORY_EDITORS.allows(request.user),
            "next": request.get_full_path(),
        }
    )
    return render(request, "directory/search.html", context)


@access(DIRECTORY_READERS)
def panel_fragment(request):
    """The side panel alone, for the panel's script to put in place of the old one."""
    customer = _customer(request, request.GET.get("customer"))
    params = request.GET if {"need", "nation", "postcode", "q"} & set(request.GET) else None
    context = panel.context(
        user=request.user,
        customer=customer,
        params=params,
        need=request.GET.get("need", ""),
        incident_id=panel.incident_id_from(request.GET),
    )
    context["next"] = request.GET.get("next", "")
    return render(request, "directory/_panel.html", context)


def _send_form(request, customer) -> SendForm:
    chosen = [value for value in request.POST.getlist("entries") if value.isdigit()]
    choices = Entry.objects.filter(organisation_id=customer.organisation_id, pk__in=chosen).values_list("pk", "name")
    return SendForm(request.POST, entry_choices=[(str(pk), name) for pk, name in choices])


@require_POST
@access(SIGNPOST_SENDERS)
def send(request):
    """Sends (or prints) the chosen entries. From the panel's script it answers with the
    panel; without script it goes back to the page the panel was on."""
    customer = _customer(request, request.POST.get("customer"))
    if customer is None:
        raise Http404
    fragment = request.headers.get("X-Haven-Panel") == "1"
    form = _send_form(request, customer)
    incident_id = panel.incident_id_from(request.POST)
    sent = None
    if form.is_valid():
        try:
            sent = services.signposting_send(
                actor=request.user,
                customer_id=customer.pk,
                entry_ids=[int(pk) for pk in form.cleaned_data["entries"]],
                channel=form.cleaned_data["channel"],
                incident_id=incident_id,
            )
        except HavenError as error:
            form.add_haven_error(error)
    if sent is not None and not fragment:
        if sent.channel == SendChannel.PRINT:
            return redirect("directory:print", pk=sent.pk)
        messages.success(request, f"The list was sent by {sent.get_channel_display().lower()}.")
        return redirect(_next_url(request, reverse("people:record", args=[customer.pk])))
    params = request.POST if "need" in request.POST else None
    context = panel.context(
        user=request.user,
        customer=customer,
        params=params,
        send_form=None if sent else form,
        sent=sent,
        incident_id=incident_id,
    )
    context["next"] = request.POST.get("next", "")
    if fragment:
        # 200 either way: the panel itself says what went wrong, beside the field.
        return render(request, "directory/_panel.html", context)
    context.update({"form": form, "can_edit": DIRECTORY_EDITORS.allows(request.user)})
    return render(request, "directory/search.html", context, status=400)


@access(SIGNPOST_SENDERS)
def print_list(request, pk: int):
    """The list as given, for printing and handing over in person."""
    send_record = get_object_or_404(SignpostSend.objects.select_related("customer", "sent_by"), pk=pk)
    _customer(request, send_record.customer_id)
    entries = [{"entry": entry, "line": selectors.one_line(entry)} for entry in send_record.entries.order_by("name")]
    return render(request, "directory/print.html", {"send": send_record, "entries": entries})
