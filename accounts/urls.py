from django.urls import path

from accounts import views
from accounts.views import staff, structure, support_group

app_name = "accounts"

urlpatterns = [
    path("account", views.my_account, name="my_account"),
    path("support-group", support_group.support_group_today, name="support_group_today"),
    path("admin", views.admin_home, name="admin_home"),
    # Staff
    path("admin/staff", staff.staff_list, name="staff_list"),
    path("admin/staff/new", staff.staff_create, name="staff_create"),
    path("admin/staff/<int:pk>", staff.staff_detail, name="staff_detail"),
    path("admin/staff/<int:pk>/edit", staff.staff_edit, name="staff_edit"),
    path("admin/staff/<int:pk>/deactivate", staff.staff_deactivate, name="staff_deactivate"),
    path("admin/staff/<int:pk>/reactivate", staff.staff_reactivate, name="staff_reactivate"),
    path("admin/staff/<int:pk>/reset-mfa", staff.staff_reset_mfa, name="staff_reset_mfa"),
    # Organisation structure
    path("admin/organisations", structure.organisation_list, name="organisation_list"),
    path("admin/organisations/new", structure.organisation_create, name="organisation_create"),
    path("admin/organisations/<int:pk>/edit", structure.organisation_edit, name="organisation_edit"),
    path("admin/regions", structure.region_list, name="region_list"),
    path("admin/regions/new", structure.region_create, name="region_create"),
    path("admin/regions/<int:pk>/edit", structure.region_edit, name="region_edit"),
    path("admin/offices", structure.office_list, name="office_list"),
    path("admin/offices/new", structure.office_create, name="office_create"),
    path("admin/offices/<int:pk>/edit", structure.office_edit, name="office_edit"),
    path("admin/teams", structure.team_list, name="team_list"),
    path("admin/teams/new", structure.team_create, name="team_create"),
    path("admin/teams/<int:pk>/edit", structure.team_edit, name="team_edit"),
    path("admin/support-groups", structure.support_group_list, name="support_group_list"),
    path("admin/support-groups/new", structure.support_group_create, name="support_group_create"),
    path("admin/support-groups/<int:pk>/edit", structure.support_group_edit, name="support_group_edit"),
]
