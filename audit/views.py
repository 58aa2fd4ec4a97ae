from django.shortcuts import render

from audit.permissions import AUDIT_READERS
from core.access import access


@access(AUDIT_READERS)
def search(request):
    return render(request, "audit/search.html")
