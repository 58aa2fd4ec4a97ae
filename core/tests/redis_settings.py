"""Settings for the processes the Redis path tests start (core/tests/test_redis_paths.py).

The test suite's own settings run django-q2 tasks in the caller (`sync`), which is right
for every other test and wrong here: these processes must go through the Redis broker as
production does. Everything else (database rules, keys, hashing) is the test suite's.
base.py already points Q_CLUSTER and EVENTSTREAM_REDIS at REDIS_URL; the test sets
REDIS_URL to a Redis database of its own and HAVEN_TEST_Q_NAME to a queue name of its own,
so parallel test runs and a developer's `make run` never take each other's tasks.
"""

import os

from config.settings.test import *  # noqa: F403
from config.settings.test import Q_CLUSTER

Q_CLUSTER = {
    **Q_CLUSTER,
    "name": os.environ["HAVEN_TEST_Q_NAME"],
    "sync": False,
    "workers": 1,
    "timeout": 30,
    "retry": 60,
}
