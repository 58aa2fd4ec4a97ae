"""The floor benchmark's server (issue 9, benchmarks/floor.py): the bench settings, with a
URLconf that adds the bare views under /floor/. Bench-only: the normal URLconf, and so
the access-policy walk of every URL, never sees them."""

import os

from .bench import *  # noqa: F403

ROOT_URLCONF = "config.urls_floor"
# Where the benchmark leaves the SQL each page ran, for the bare SQL view to run again.
FLOOR_STATEMENTS_DIR = os.environ.get("HAVEN_FLOOR_STATEMENTS", "")
