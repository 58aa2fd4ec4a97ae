"""SQLite has no pgtrigger: these triggers make the embedded database refuse UPDATE and
DELETE on the audit table too."""

NO_UPDATE = "audit_event_no_update"
NO_DELETE = "audit_event_no_delete"

CREATE = [
    f"""CREATE TRIGGER IF NOT EXISTS {NO_UPDATE} BEFORE UPDATE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: events cannot be changed.'); END;""",
    f"""CREATE TRIGGER IF NOT EXISTS {NO_DELETE} BEFORE DELETE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: events cannot be deleted.'); END;""",
]
DROP = [f"DROP TRIGGER IF EXISTS {NO_UPDATE};", f"DROP TRIGGER IF EXISTS {NO_DELETE};"]


def install(schema_editor_or_connection) -> None:
    connection = _connection(schema_editor_or_connection)
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for statement in CREATE:
            cursor.execute(statement)


def uninstall(schema_editor_or_connection) -> None:
    connection = _connection(schema_editor_or_connection)
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for statement in DROP:
            cursor.execute(statement)


def _connection(schema_editor_or_connection):
    if hasattr(schema_editor_or_connection, "vendor"):
        return schema_editor_or_connection
    return schema_editor_or_connection.connection
