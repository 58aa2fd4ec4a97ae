from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from core.access import PUBLIC, SIGNED_IN, access


@access(SIGNED_IN)
def home(request):
    return render(request, "core/home.html")


@access(PUBLIC)
def health(request):
    """For load balancers: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def forbidden(request, exception=None):
    return render(request, "core/forbidden.html", status=403)


def not_found(request, exception=None):
    return render(request, "core/not_found.html", status=404)
