"""A developer's laptop: `make run`. Debug pages on, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403

DEBUG = True

# `make run` serves Haven with uvicorn (ASGI, so live incident views stream), which has no
# static-file handler of its own: whitenoise serves them straight from the app folders and
# node_modules, with no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
