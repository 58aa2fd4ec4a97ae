"""DATABASES from a URL (config/databases.py): PostgreSQL through a pool of connections
per process, returned when a request ends; SQLite as before."""

from config.databases import from_url


def test_postgresql_connections_come_from_a_pool_of_the_size_asked():
    database = from_url("postgres://haven@db.internal:5432/haven", pool_size=12)
    assert database["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 12, "timeout": 10}
    # Django refuses a pool beside persistent connections; the pool checks each one it hands out.
    assert database["CONN_MAX_AGE"] == 0
    assert database["CONN_HEALTH_CHECKS"] is True


def test_a_pool_size_of_nought_opens_a_connection_per_request_as_behind_pgbouncer():
    database = from_url("postgres://haven@pgbouncer.internal:6432/haven", pool_size=0)
    assert "pool" not in database.get("OPTIONS", {})
    assert database["CONN_MAX_AGE"] == 0


def test_sqlite_never_pools():
    database = from_url("sqlite:////tmp/haven.sqlite3", pool_size=10)
    assert "pool" not in database.get("OPTIONS", {})
    assert database["CONN_MAX_AGE"] == 0
