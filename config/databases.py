"""The DATABASES entries built from a database URL (config/settings/base.py).

PostgreSQL connections come from a pool in each process (psycopg_pool), not from
persistent connections (CONN_MAX_AGE). Haven is served over ASGI, where every request
runs in a thread of its own: a persistent connection stays with the thread that opened
it, so each request opened a new one and the old ones stayed open until garbage
collected, which ran PostgreSQL out of connections ("too many clients already") and
cost every request a new connection. A pooled connection goes back to the pool when the
request ends (core/pooled_connections.py for streams and forked processes).
"""

import dj_database_url

POSTGRESQL = "django.db.backends.postgresql"


def from_url(url: str, *, pool_size: int) -> dict:
    """One DATABASES entry. `pool_size`: the most connections one process holds on
    PostgreSQL; 0 for no pool (each request opens and closes its own, behind PgBouncer
    say). SQLite never pools: its connections are files opened in-process."""
    database = dj_database_url.parse(url, conn_max_age=0, conn_health_checks=True)
    if database["ENGINE"] == POSTGRESQL and pool_size > 0:
        pool = {"min_size": min(2, pool_size), "max_size": pool_size, "timeout": 10}
        database["OPTIONS"] = {**database.get("OPTIONS", {}), "pool": pool}
    return database
