"""How django-axes finds the username and address of a sign-in attempt, and what it shows
when a username is locked out from one address."""

from django.conf import settings
from django.shortcuts import render


def username_from(request, credentials: dict | None = None) -> str | None:
    # allauth authenticates with {"username": …}; its form posts the field as "login".
    if credentials:
        value = credentials.get("username") or credentials.get("login")
        if value:
            return str(value).strip().lower()
    data = getattr(request, "POST", {}) or {}
    value = data.get("login") or data.get("username")
    return str(value).strip().lower() if value else None


def client_ip(request) -> str | None:
    """The address the attempt came from. Behind N trusted proxies it is the Nth address
    from the right of X-Forwarded-For: anything further left was written by the client and
    could be forged to dodge the lockout or to lock someone else out. Without this, every
    attempt behind a load balancer would share its address, and locking "this username from
    this address" would lock the person out everywhere."""
    proxies = settings.HAVEN_TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")


def _minutes(cool_off) -> str:
    minutes = max(1, round(cool_off.total_seconds() / 60))
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def locked_out_response(request, original_response=None, credentials=None):
    """The page shown instead of the sign-in form once a username is locked out from this
    address, even when the right password is given."""
    return render(
        request,
        "accounts/locked_out.html",
        {"wait": _minutes(settings.AXES_COOLOFF_TIME)},
        status=429,
    )
