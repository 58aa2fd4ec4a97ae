"""What every page about a customer's needs shares: finding the customer the way the
selectors allow, handing a form to a service, and the page around it."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from core.errors import EditConflict, HavenError, NotAllowed, NotFound
from people.selectors import RestrictedRecord, customer_get_for_change, customer_open


def customer_page(*, audited: bool = False):
    """Resolves the URL's `pk` into the customer the user may see, through people.selectors.

    Another organisation's customer is a 404 (its existence is sensitive); a restricted
    record the user is not named on sends them to break glass. `audited=True` is for pages
    that show the record's sensitive history: opening them writes customer.viewed.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, pk: int, **kwargs):
            find = customer_open if audited else customer_get_for_change
            try:
                customer = find(user=request.user, customer_id=pk)
            except NotFound as exc:
                raise Http404 from exc
            except RestrictedRecord:
                return redirect("people:break_glass", pk=pk)
            return view(request, customer, **kwargs)

        return wrapped

    return decorator


def form_data(request):
    """A bound form on POST (even an empty one, so blank answers are checked), unbound on GET."""
    return request.POST if request.method == "POST" else None


def record_url(customer) -> str:
    return reverse("people:record", kwargs={"pk": customer.pk})


def run_service(form, action: Callable[[], object]):
    """Runs a service for a valid form. Returns (done, result): a refusal by role is a 403,
    never a form message; any other broken rule goes beside its field, keeping what was typed."""
    try:
        return True, action()
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except EditConflict:
        # The page shows the other person's version beside the worker's typed values.
        raise
    except HavenError as error:
        form.add_haven_error(error)
        return False, None


def submit(request, form, action: Callable[[dict], object], *, success: str, redirect_to: str) -> HttpResponse | None:
    """The redirect after a successful save (with a success banner), or None when the page
    should be shown again: on GET, or with the errors beside their fields."""
    if request.method != "POST" or not form.is_valid():
        return None
    done, _ = run_service(form, lambda: action(form.cleaned_data))
    if not done:
        return None
    messages.success(request, success)
    return redirect(redirect_to)


def customer_render(request, template: str, customer, **context) -> HttpResponse:
    """Every page about a customer has the customer in its context, for the banner of
    markers and safe-contact needs at its top."""
    return render(
        request, f"people/needs/{template}", {"customer": customer, "record_url": record_url(customer), **context}
    )
