"""Helpers the audit migrations run."""


def create_chain_head(apps, schema_editor) -> None:
    from audit.chain import GENESIS

    head_model = apps.get_model("audit", "AuditChainHead")
    head_model.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS})


def install_sqlite_triggers(apps, schema_editor) -> None:
    from audit import sqlite_triggers

    sqlite_triggers.install(schema_editor)


def uninstall_sqlite_triggers(apps, schema_editor) -> None:
    from audit import sqlite_triggers

    sqlite_triggers.uninstall(schema_editor)


CANONICAL_BATCH = 10_000


def canonicalise_content(apps, schema_editor) -> None:
    """Rewrite every event's `context` and `changes`, now text columns, as the canonical
    JSON text the chain digests (audit/fields.py). Only the form changes, never the value:
    the digest over the new text is the one each event was chained with (an event whose
    content was tampered with before stays as it was, and still fails verification).
    JSON null becomes SQL NULL, as both were read before. The append-only triggers are
    lifted for this rewrite only, inside the migration's transaction on PostgreSQL."""
    connection = schema_editor.connection
    table = connection.ops.quote_name("audit_auditevent")
    postgres = connection.vendor == "postgresql"
    uninstall_sqlite_triggers(apps, schema_editor)
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            indexes = _drop_secondary_indexes(cursor, "audit_auditevent")
        last = 0
        while True:
            cursor.execute(
                f"SELECT id, context, changes FROM {table} WHERE id > %s ORDER BY id LIMIT %s",  # noqa: S608
                [last, CANONICAL_BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                break
            last = rows[-1][0]
            changed = [
                (pk, new_context, new_changes)
                for pk, context, changes in rows
                if (new_context := _canonical_text(context), new_changes := _canonical_text(changes))
                != (context, changes)
            ]
            if changed:
                _rewrite(cursor, table, changed, postgres=postgres)
        if postgres:
            # The rewrite queued the actor foreign key's deferred checks: run them now, as
            # an index cannot be built on a table with checks pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for definition in indexes:
                cursor.execute(definition)
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            cursor.execute(f"ANALYZE {table}")
    install_sqlite_triggers(apps, schema_editor)


def _drop_secondary_indexes(cursor, table: str) -> list[str]:
    """Rewriting every row would add an entry to every index for every row: drop the
    indexes that back no constraint for the rewrite and return how to build them again
    (one sorted build each is far cheaper). All inside the migration's transaction."""
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
        [table, table],
    )
    found = cursor.fetchall()
    for name, _ in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in found]


def _canonical_text(text: str | None) -> str | None:
    import orjson

    from audit.chain import canonical

    if text is None:
        return None
    value = orjson.loads(text)
    return None if value is None else canonical(value).decode()


def _rewrite(cursor, table: str, changed: list[tuple], *, postgres: bool) -> None:
    if postgres:
        # One statement a batch: the new values as three arrays, joined on id.
        ids, contexts, changes = (list(column) for column in zip(*changed, strict=True))
        cursor.execute(
            f"UPDATE {table} AS event SET context = new.context, changes = new.changes "  # noqa: S608
            "FROM (SELECT unnest(%s::bigint[]) AS id, unnest(%s::text[]) AS context, "
            "unnest(%s::text[]) AS changes) AS new WHERE event.id = new.id",
            [ids, contexts, changes],
        )
        return
    cursor.executemany(
        f"UPDATE {table} SET context = %s, changes = %s WHERE id = %s",  # noqa: S608
        [(context, changes, pk) for pk, context, changes in changed],
    )
