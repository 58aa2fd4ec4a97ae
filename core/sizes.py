"""How big the database is on disk, in all and per table (with its indexes): SQLite's
file (and write-ahead log), PostgreSQL's pg_database_size and pg_total_relation_size."""

from pathlib import Path

from django.db import connection


def database_size() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    name = str(connection.settings_dict["NAME"])
    return sum(Path(f"{name}{suffix}").stat().st_size for suffix in ("", "-wal") if Path(f"{name}{suffix}").exists())


def table_sizes(limit: int = 20) -> list[tuple[str, int, int]]:
    """(table, rows, bytes with its indexes) for the largest tables, largest first."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public' "
                "ORDER BY 3 DESC LIMIT %s",
                [limit],
            )
            return [(name, max(rows, 0), size) for name, rows, size in cursor.fetchall()]
        try:
            # dbstat counts each table's pages and, under the same name, its indexes'.
            cursor.execute(
                "SELECT coalesce(m.tbl_name, s.name), sum(s.pgsize) FROM dbstat s "
                "LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY 1 ORDER BY 2 DESC LIMIT %s",
                [limit],
            )
        except Exception:  # noqa: BLE001  SQLite built without dbstat: sizes unknown
            return []
        sized = cursor.fetchall()
        tables = []
        for name, size in sized:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608
            tables.append((name, cursor.fetchone()[0], size))
        return tables
