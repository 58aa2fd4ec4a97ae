"""What every consent page shares: finding the customer or authority the way the
selectors allow, handing a form to a service, and rendering inside the customer's page."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from consent import selectors
from core.errors import HavenError, NotAllowed, NotFound


def authority_page(*, opened: bool = False, policy=None):
    """Resolves the URL's `authority_id` through consent.selectors: another organisation's
    authority is a 404. `opened=True` is an audited read of the authority."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, authority_id: int, **kwargs):
            try:
                if opened:
                    authority = selectors.authority_open(user=request.user, authority_id=authority_id)
                elif policy is not None:
                    authority = selectors.authority_get(user=request.user, authority_id=authority_id, policy=policy)
                else:
                    authority = selectors.authority_get(user=request.user, authority_id=authority_id)
            except NotFound as exc:
                raise Http404 from exc
            return view(request, authority, **kwargs)

        return wrapped

    return decorator


def run_service(form, action: Callable[[], object]):
    """(done, result). A refusal by role is a 403; any other broken rule goes beside its
    field, keeping everything typed."""
    try:
        return True, action()
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except HavenError as error:
        form.add_haven_error(error)
        return False, None


def submit(request, form, action: Callable[[], object], *, success: Callable[[object], str], redirect_to):
    if request.method != "POST" or not form.is_valid():
        return None
    done, result = run_service(form, action)
    if not done:
        return None
    messages.success(request, success(result))
    return redirect(redirect_to(result))


def authority_url(authority) -> str:
    return reverse("consent:authority", kwargs={"authority_id": authority.pk})


def customer_authorities_url(customer) -> str:
    return reverse("consent:customer", kwargs={"pk": customer.pk})


def consent_render(request, template: str, customer, **context):
    return render(
        request,
        f"consent/{template}",
        {"customer": customer, "record_url": reverse("people:record", kwargs={"pk": customer.pk}), **context},
    )
