"""The one way an administration page hands a form to a service."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from core.errors import HavenError, NotAllowed


def form_data(request):
    """A bound form on POST (even an empty one, so blank answers are checked), unbound on GET."""
    return request.POST if request.method == "POST" else None


def submit(request, form, action: Callable[[dict], object], *, success: Callable[[object], str], redirect_to):
    """Runs `action` with the form's values when a valid form was posted.

    Returns the redirect after success (with a success banner), or None when the page
    should be shown again: on GET, or with the errors beside their fields. A service's
    refusal (NotAllowed) is a 403, never a form error.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except HavenError as error:
        form.add_haven_error(error)
        return None
    messages.success(request, success(result))
    return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)


def form_page(request, form, *, title: str, back_url: str, caption: str = "", submit_label: str = "") -> HttpResponse:
    return render(
        request,
        "accounts/admin_form.html",
        {"form": form, "title": title, "back_url": back_url, "caption": caption, "submit_label": submit_label},
    )
