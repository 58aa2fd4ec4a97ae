"""A home-based worker's support group for today (DA Plan, Section A: the real-time
support group is joined at the start of the day)."""

from zoneinfo import ZoneInfo

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from accounts import forms, selectors, services
from accounts.permissions import HOME_BASED_WORKERS
from accounts.views.common import form_data, submit
from core.access import access

# A working day is a day in the UK, whatever the server's clock says.
UK = ZoneInfo("Europe/London")


def today():
    return timezone.localdate(timezone=UK)


@access(HOME_BASED_WORKERS)
def support_group_today(request):
    day = today()
    groups = selectors.support_groups_for(user=request.user)
    current = selectors.support_group_membership_on(user=request.user, day=day)
    form = forms.SupportGroupJoinForm(
        form_data(request), groups=groups, initial={"group": current.group_id if current else None}
    )
    done = submit(
        request,
        form,
        lambda data: services.support_group_join(actor=request.user, group=data["group"], day=day),
        success=lambda membership: f"You have joined {membership.group.name} for today",
        redirect_to=reverse("accounts:support_group_today"),
    )
    return done or render(
        request,
        "accounts/support_group_today.html",
        {"form": form, "current": current, "day": day, "has_groups": groups.exists()},
    )
