"""Forms for the staff and organisation pages. Forms only turn what was typed into
values; the services own every rule, and a service's error goes back beside its field."""

from accounts.forms.base import HavenForm
from accounts.forms.staff import StaffCreateForm, StaffEditForm, StaffFilterForm
from accounts.forms.structure import (
    OfficeForm,
    OrganisationForm,
    RegionCreateForm,
    RegionEditForm,
    SupportGroupCreateForm,
    SupportGroupEditForm,
    TeamForm,
)
from accounts.forms.support_group import SupportGroupJoinForm

__all__ = [
    "HavenForm",
    "OfficeForm",
    "OrganisationForm",
    "RegionCreateForm",
    "RegionEditForm",
    "StaffCreateForm",
    "StaffEditForm",
    "StaffFilterForm",
    "SupportGroupCreateForm",
    "SupportGroupEditForm",
    "SupportGroupJoinForm",
    "TeamForm",
]
