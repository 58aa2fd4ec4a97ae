"""ASGI entry point: gunicorn with uvicorn workers serves this, because live incident
views stream server-sent events (architecture.md)."""

import os

from django.conf import settings
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_asgi_application()

if settings.HAVEN_WARM_POSTCODES:
    # Before the first request, not inside it: on a national caseload a new worker would
    # otherwise load an area's postcodes in the page of the first customer who lives there.
    from directory import postcodes

    postcodes.warm()
