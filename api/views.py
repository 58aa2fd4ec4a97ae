"""Pages for managing your personal API tokens. Thin: the services decide and record."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import sessions
from api import selectors, services
from api.forms import TokenCreateForm
from api.permissions import TOKEN_HOLDERS
from core.access import access
from core.errors import HavenError, NotAllowed
from core.pagination import page_context

# The service names the expiry date "expires_on"; the form's date input is "expires".
FORM_FIELD_FOR = {"expires_on": "expires"}


@access(TOKEN_HOLDERS)
def token_list(request):
    context = page_context(request, selectors.api_tokens_for_owner(user=request.user))
    return render(request, "api/token_list.html", {"tokens": context["page"], **context})


@access(TOKEN_HOLDERS)
@require_http_methods(["GET", "POST"])
def token_create(request):
    # A token acts without a second factor, so only a session that has passed MFA may
    # make one. RequireMFAMiddleware already ensures this; checking again here keeps it
    # true if the middleware ever changes.
    if not request.session.get(sessions.MFA_CONFIRMED):
        raise PermissionDenied
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, plain = services.api_token_create(
                actor=request.user, name=form.cleaned_data["name"], expires_on=form.cleaned_data["expires_on"]
            )
        except NotAllowed as exc:
            raise PermissionDenied from exc
        except HavenError as exc:
            form.add_error(FORM_FIELD_FOR.get(exc.field, exc.field), exc.message)
        else:
            # Shown in this response only, never stored or redirected with: a reload
            # cannot show it again (NoStoreMiddleware keeps it out of caches).
            return render(request, "api/token_created.html", {"token": token, "plain": plain})
    return render(request, "api/token_form.html", {"form": form})


@access(TOKEN_HOLDERS)
@require_http_methods(["GET", "POST"])
def token_revoke(request, token_id: int):
    token = selectors.api_token_for_revoking(user=request.user, token_id=token_id)
    if token is None:
        raise Http404
    if request.method == "POST":
        try:
            services.api_token_revoke(actor=request.user, token=token)
        except NotAllowed as exc:
            raise PermissionDenied from exc
        except HavenError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Token ‘{token.name}’ has been revoked. It no longer works.")
        return redirect("api_tokens:list")
    return render(request, "api/token_revoke.html", {"token": token})
