"""The side panel: search and send in one self-contained block that any page about a
customer can include (the customer's record now, the guided incident screen of issue 8),
and the full directory page reuses. Builds the template context; reads only."""

from django.urls import reverse

from directory import councils, postcodes, selectors
from directory.forms import SearchForm, SendForm, entry_choice
from directory.permissions import SIGNPOST_SENDERS


def _place_from_record(customer):
    if customer is None or not customer.postcode:
        return None
    try:
        return postcodes.lookup(customer.postcode)
    except postcodes.PostcodeProblem:
        return None


def search_from_form(form: SearchForm, customer=None) -> tuple[selectors.Search | None, str]:
    """The search a bound form asks for, or None with the form's errors added. The nation
    comes from the form, else the postcode typed, else the customer's record."""
    if not form.is_valid():
        return None, ""
    data = form.cleaned_data
    place = None
    if data["postcode"]:
        try:
            place = postcodes.lookup(data["postcode"])
        except postcodes.PostcodeProblem as problem:
            form.add_error("postcode", str(problem))
            return None, ""
    else:
        place = _place_from_record(customer)
    nation = data["nation"] or ("" if place else (customer.nation if customer else ""))
    return selectors.Search(need=data["need"], nation=nation, text=data["q"], place=place), ""


def context(
    *,
    user,
    customer=None,
    params=None,
    need: str = "",
    send_form: SendForm | None = None,
    sent=None,
    incident_id: int | None = None,
) -> dict:
    """Everything the panel template needs. `params` is the search as asked (GET), or None
    for the first view: the customer's nation and postcode, and the `need` the page gives.
    `incident_id` (the guided screen's incident) goes with every search and send, so a
    list given during an incident is linked to it."""
    initial = {"need": need, "nation": customer.nation if customer else ""}
    if params is not None:
        form = SearchForm(params, prefix_ids="signpost")
    else:
        form = SearchForm({**initial, "postcode": "", "q": ""}, prefix_ids="signpost")
    search, _ = search_from_form(form, customer)
    entries = selectors.entry_search(user=user, search=search) if search else []
    results = [
        {
            "entry": entry,
            "line": selectors.one_line(entry),
            "unverified": selectors.is_unverified(entry),
            "here": getattr(entry, "rank", 1) == selectors.LOCAL_HERE,
        }
        for entry in entries
    ]
    can_send = bool(customer is not None and SIGNPOST_SENDERS.allows(user))
    choices = [entry_choice(result) for result in results]
    if send_form is None and can_send:
        send_form = SendForm(entry_choices=choices)
    elif send_form is not None:
        # After a refused send: the results again, and anything chosen from an earlier search.
        shown = {choice[0] for choice in choices}
        extra = [choice for choice in send_form.fields["entries"].choices if str(choice[0]) not in shown]
        send_form.fields["entries"].choices = choices + extra
    return {
        "panel_form": form,
        "panel_search": search,
        "panel_results": results,
        "panel_customer": customer,
        "panel_can_send": can_send,
        "panel_send_form": send_form,
        "panel_sent": sent,
        "panel_incident_id": incident_id,
        "panel_sends": selectors.sends_for_customer(customer) if customer is not None else [],
        "panel_url": reverse("directory:panel"),
        "panel_send_url": reverse("directory:send"),
        "panel_search_url": reverse("directory:search"),
        "postcode_source": councils.SOURCE,
    }


def incident_id_from(data) -> int | None:
    """The incident a panel's request names (its hidden `incident` field), if any."""
    value = (data.get("incident") or "").strip()
    return int(value) if value.isdigit() else None
