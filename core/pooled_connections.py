"""Living with PostgreSQL's connection pool (config/settings/base.py, one pool a process).

- Django gives a request's connection back when the response ends; something that runs
  for long without the database (an event stream) gives it back early: `release_connections`.
- A process forked from one holding a pool (the audit check's workers, django-q2's
  cluster) inherits the pool with the parent's open connections in it: their sockets are
  the parent's sessions, and two processes talking on one socket corrupt both. The child
  forgets the inherited pools and opens its own on first use.
"""

import os

from django.conf import settings
from django.db import connections


def release_connections() -> None:
    """Hands this thread's database connections back (to the pool on PostgreSQL) unless
    a transaction is open, as a test's is; the next query takes one again."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


# The inherited pools are kept, never closed: closing them in the child would end the
# parent's sessions (psycopg already skips closing a connection made in another process
# when it is garbage collected, but the pool's own clean-up would wait on its threads,
# which did not survive the fork).
_inherited_pools = []


def forget_inherited_pools() -> None:
    from django.db.backends.postgresql.base import DatabaseWrapper

    _inherited_pools.extend(DatabaseWrapper._connection_pools.values())
    DatabaseWrapper._connection_pools.clear()


def uses_pool() -> bool:
    return any(database.get("OPTIONS", {}).get("pool") for database in settings.DATABASES.values())


def protect_pools_across_fork() -> None:
    if uses_pool():
        os.register_at_fork(after_in_child=forget_inherited_pools)
