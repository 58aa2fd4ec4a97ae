from django.shortcuts import render

from accounts import selectors
from accounts.permissions import ADMINISTRATORS, ANY_STAFF
from core.access import access


@access(ANY_STAFF)
def my_account(request):
    return render(request, "accounts/my_account.html")


@access(ADMINISTRATORS)
def admin_home(request):
    return render(
        request,
        "accounts/admin_home.html",
        {
            "counts": selectors.admin_counts(user=request.user),
            "tree": selectors.organisation_tree(user=request.user),
        },
    )
