"""What the follow-up pages share: opening the incident the way the selectors allow, and
handing a form to a service with its errors put beside the fields."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from core.errors import EditConflict, HavenError, NotAllowed, NotFound
from incidents import selectors


def open_incident(request, incident_id: int, *, audit: bool = True):
    """The incident if the person may open it (audited), else 404: its existence is sensitive."""
    try:
        return selectors.incident_open(user=request.user, incident_id=incident_id, audit=audit)
    except NotFound as exc:
        raise Http404 from exc


def follow_up_url(incident) -> str:
    return reverse("incidents:follow_up", kwargs={"incident_id": incident.pk})


def run_service(form, action: Callable[[], object]):
    """(done, result, conflict). A refusal by role is a 403; an edit conflict keeps what was
    typed and returns the other person's version; any other broken rule goes by its field."""
    try:
        return True, action(), None
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except EditConflict as exc:
        form.add_error(None, exc.message)
        return False, None, exc.current
    except HavenError as error:
        form.add_haven_error(error)
        return False, None, None


def submit(request, form, action, *, success: str, redirect_to: str):
    """POSTs a valid form to `action`; a redirect on success, else None and the conflict."""
    if request.method != "POST" or not form.is_valid():
        return None, None
    done, _, conflict = run_service(form, action)
    if not done:
        return None, conflict
    messages.success(request, success)
    return redirect(redirect_to), None


def form_data(request):
    return request.POST if request.method == "POST" else None
