"""Organisations, regions, offices, teams and support groups: list, create and change."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from accounts import forms, selectors, services
from accounts.permissions import ADMINISTRATORS
from accounts.views.common import form_data, form_page, submit
from core.access import access
from core.pagination import page_context


def _list_page(request, template: str, items):
    # A national organisation has hundreds of offices and thousands of teams: a page at a time.
    context = page_context(request, items)
    return render(request, f"accounts/{template}", {"items": context["page"], **context})


# --- Organisations ---------------------------------------------------------------------


@access(ADMINISTRATORS)
def organisation_list(request):
    return _list_page(request, "organisation_list.html", selectors.organisation_list(user=request.user))


@access(ADMINISTRATORS)
def organisation_create(request):
    form = forms.OrganisationForm(form_data(request))
    done = submit(
        request,
        form,
        lambda data: services.organisation_create(actor=request.user, **data),
        success=lambda org: f"{org.name} has been added",
        redirect_to=reverse("accounts:organisation_list"),
    )
    back = reverse("accounts:organisation_list")
    return done or form_page(request, form, title="Add an organisation", back_url=back, submit_label="Add organisation")


@access(ADMINISTRATORS)
def organisation_edit(request, pk: int):
    organisation = get_object_or_404(selectors.organisation_list(user=request.user), pk=pk)
    # Worked out before the service runs: a refused change must not show in the caption.
    caption = organisation.name
    form = forms.OrganisationForm(form_data(request), initial={"name": organisation.name})
    done = submit(
        request,
        form,
        lambda data: services.organisation_update(actor=request.user, organisation=organisation, **data),
        success=lambda org: f"{org.name} has been saved",
        redirect_to=reverse("accounts:organisation_list"),
    )
    back = reverse("accounts:organisation_list")
    return done or form_page(request, form, title="Change the organisation", caption=caption, back_url=back)


# --- Regions ---------------------------------------------------------------------------


@access(ADMINISTRATORS)
def region_list(request):
    return _list_page(request, "region_list.html", selectors.region_list(user=request.user))


@access(ADMINISTRATORS)
def region_create(request):
    form = forms.RegionCreateForm(form_data(request), initial={"organisation": request.GET.get("organisation")})
    done = submit(
        request,
        form,
        lambda data: services.region_create(actor=request.user, **data),
        success=lambda region: f"{region.name} has been added to {region.organisation.name}",
        redirect_to=reverse("accounts:region_list"),
    )
    back = reverse("accounts:region_list")
    return done or form_page(request, form, title="Add a region", back_url=back, submit_label="Add region")


@access(ADMINISTRATORS)
def region_edit(request, pk: int):
    region = get_object_or_404(selectors.region_list(user=request.user), pk=pk)
    caption = f"{region.name}, {region.organisation.name}"
    form = forms.RegionEditForm(form_data(request), initial={"name": region.name})
    done = submit(
        request,
        form,
        lambda data: services.region_update(actor=request.user, region=region, **data),
        success=lambda region: f"{region.name} has been saved",
        redirect_to=reverse("accounts:region_list"),
    )
    back = reverse("accounts:region_list")
    return done or form_page(request, form, title="Change the region", caption=caption, back_url=back)


# --- Offices ---------------------------------------------------------------------------


@access(ADMINISTRATORS)
def office_list(request):
    return _list_page(request, "office_list.html", selectors.office_list(user=request.user))


@access(ADMINISTRATORS)
def office_create(request):
    form = forms.OfficeForm(form_data(request), initial={"region": request.GET.get("region")})
    done = submit(
        request,
        form,
        lambda data: services.office_create(actor=request.user, **data),
        success=lambda office: f"{office.name} has been added",
        redirect_to=reverse("accounts:office_list"),
    )
    back = reverse("accounts:office_list")
    return done or form_page(request, form, title="Add an office", back_url=back, submit_label="Add office")


@access(ADMINISTRATORS)
def office_edit(request, pk: int):
    office = get_object_or_404(selectors.office_list(user=request.user), pk=pk)
    caption = office.name
    form = forms.OfficeForm(
        form_data(request), initial={"region": office.region_id, "name": office.name, "nation": office.nation}
    )
    done = submit(
        request,
        form,
        lambda data: services.office_update(actor=request.user, office=office, **data),
        success=lambda office: f"{office.name} has been saved",
        redirect_to=reverse("accounts:office_list"),
    )
    back = reverse("accounts:office_list")
    return done or form_page(request, form, title="Change the office", caption=caption, back_url=back)


# --- Teams -----------------------------------------------------------------------------


@access(ADMINISTRATORS)
def team_list(request):
    return _list_page(request, "team_list.html", selectors.team_list(user=request.user))


@access(ADMINISTRATORS)
def team_create(request):
    form = forms.TeamForm(form_data(request), initial={"office": request.GET.get("office")})
    done = submit(
        request,
        form,
        lambda data: services.team_create(actor=request.user, **data),
        success=lambda team: f"{team.name} has been added to {team.office.name}",
        redirect_to=reverse("accounts:team_list"),
    )
    back = reverse("accounts:team_list")
    return done or form_page(request, form, title="Add a team", back_url=back, submit_label="Add team")


@access(ADMINISTRATORS)
def team_edit(request, pk: int):
    team = get_object_or_404(selectors.team_list(user=request.user), pk=pk)
    caption = str(team)
    form = forms.TeamForm(form_data(request), initial={"office": team.office_id, "name": team.name})
    done = submit(
        request,
        form,
        lambda data: services.team_update(actor=request.user, team=team, **data),
        success=lambda team: f"{team.name} has been saved",
        redirect_to=reverse("accounts:team_list"),
    )
    back = reverse("accounts:team_list")
    return done or form_page(request, form, title="Change the team", caption=caption, back_url=back)


# --- Support groups --------------------------------------------------------------------


@access(ADMINISTRATORS)
def support_group_list(request):
    return _list_page(request, "support_group_list.html", selectors.support_group_list(user=request.user))


@access(ADMINISTRATORS)
def support_group_create(request):
    form = forms.SupportGroupCreateForm(form_data(request), initial={"organisation": request.GET.get("organisation")})
    done = submit(
        request,
        form,
        lambda data: services.support_group_create(actor=request.user, **data),
        success=lambda group: f"{group.name} has been added",
        redirect_to=reverse("accounts:support_group_list"),
    )
    back = reverse("accounts:support_group_list")
    return done or form_page(
        request, form, title="Add a support group", back_url=back, submit_label="Add support group"
    )


@access(ADMINISTRATORS)
def support_group_edit(request, pk: int):
    group = get_object_or_404(selectors.support_group_list(user=request.user), pk=pk)
    caption = f"{group.name}, {group.organisation.name}"
    form = forms.SupportGroupEditForm(
        form_data(request), initial={"name": group.name, "description": group.description}
    )
    done = submit(
        request,
        form,
        lambda data: services.support_group_update(actor=request.user, group=group, **data),
        success=lambda group: f"{group.name} has been saved",
        redirect_to=reverse("accounts:support_group_list"),
    )
    back = reverse("accounts:support_group_list")
    return done or form_page(request, form, title="Change the support group", caption=caption, back_url=back)
