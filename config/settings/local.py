"""A developer's laptop: `make run`. Debug pages on, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403

DEBUG = True
