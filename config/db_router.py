"""Reports read from a PostgreSQL read replica when one is configured (docs/scaling.md).

Only code that asks for it reads from the replica: a report selector wraps its reads in
`reading_from_replica()`. Everything else, and every write, stays on the primary,
because a replica lags by a moment and a caseworker must see what they saved. Without
DATABASE_REPLICA_URL there is no "replica" database and everything reads the primary,
so the same code runs on a laptop, in tests and in production.

    with reading_from_replica():
        rows = list(selectors.register(user=user, filters=filters))
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_on_replica: ContextVar[bool] = ContextVar("haven_reads_on_replica", default=False)


@contextmanager
def reading_from_replica():
    """Reads inside the block go to the replica (if there is one). A context variable, so
    it holds for this request or task only, threads and async tasks included."""
    token = _on_replica.set(True)
    try:
        yield
    finally:
        _on_replica.reset(token)


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


class ReportReplicaRouter:
    def db_for_read(self, model, **hints):
        if _on_replica.get() and has_replica():
            return REPLICA
        return None  # the primary

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: rows from either belong together.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
