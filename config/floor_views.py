"""The floor of issue 9 (benchmarks/floor.py): views that do as little as Haven's stack
allows, to time a page against. Served only with config.settings.floor.

`empty` answers without touching the database; `sql` runs the statements a Haven page ran
(captured by the benchmark) straight through the DB-API cursor and answers with a row
count. Both are behind sign-in, as every Haven page is, so the middleware stack (session,
user, MFA check, session limits) is the same as the page's."""

import pickle
import re
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse

from core.access import SIGNED_IN, access

_loaded: dict[str, list] = {}


@access(SIGNED_IN)
def empty(request):
    return HttpResponse("ok", content_type="text/plain")


@access(SIGNED_IN)
def sql(request, operation: str):
    statements = _statements(operation)
    connection.ensure_connection()
    rows = replay(connection.connection, connection.vendor, statements)
    return HttpResponse(str(rows), content_type="text/plain")


def _statements(operation: str) -> list:
    if operation not in _loaded:
        if not settings.FLOOR_STATEMENTS_DIR or not re.fullmatch(r"[a-z_]+", operation):
            raise Http404
        source = Path(settings.FLOOR_STATEMENTS_DIR) / f"{operation}.pickle"
        if not source.exists():
            raise Http404
        # The benchmark's own file, in a directory it made: not input from a request.
        _loaded[operation] = pickle.loads(source.read_bytes())  # noqa: S301
    return _loaded[operation]


def prepared(statements: list, vendor: str) -> list:
    """Captured (sql, params, many) as the DB-API driver takes them: Django's SQLite
    wrapper turns its %s placeholders into ?, so that is done here, once, ahead of timing."""
    if vendor != "sqlite":
        return statements
    from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

    return [
        (sql if params is None else FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%"), params, many)
        for sql, params, many in statements
    ]


def writes(statements: list) -> bool:
    return any(not sql.lstrip().upper().startswith("SELECT") for sql, _, _ in statements)


def replay(raw, vendor: str, statements: list) -> int:
    """Runs prepared statements on a DB-API connection, reading every row, as the page's
    queries are read. A list that writes runs in a transaction rolled back at the end, so
    it can run again (the audit event it appends takes the same place in the chain each
    time); one that only reads runs in autocommit, as the page's reads do. Returns the rows read."""
    rows = 0
    cursor = raw.cursor()
    transactional = writes(statements)
    try:
        if transactional:
            cursor.execute("BEGIN IMMEDIATE" if vendor == "sqlite" else "BEGIN")
        for sql, params, many in statements:
            if many:
                cursor.executemany(sql, params)
            elif params is None:
                cursor.execute(sql)
            else:
                cursor.execute(sql, params)
            if cursor.description:
                rows += len(cursor.fetchall())
    finally:
        if transactional:
            cursor.execute("ROLLBACK")
        cursor.close()
    return rows
