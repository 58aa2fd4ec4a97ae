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
