"""Benchmarks' web server: the local settings without debug, so what is timed is what
production runs (no query log, no debug templates). Same development keys as local, so
the benchmark process and the server it drives read each other's encrypted fields."""

from .local import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
