import audit.fields
from django.db import migrations

from audit import migrations_ops


class Migration(migrations.Migration):
    """`context` and `changes` become text holding their canonical JSON (audit/fields.py),
    so verification digests them as stored. On SQLite the column change remakes the table,
    which drops the append-only triggers: the last step puts them back."""

    dependencies = [("audit", "0002_chain_head_and_sqlite_triggers")]

    operations = [
        # Undoing this migration remakes the table again: the triggers go back after it.
        migrations.RunPython(migrations.RunPython.noop, migrations_ops.install_sqlite_triggers),
        migrations.AlterField(
            model_name="auditevent",
            name="changes",
            field=audit.fields.CanonicalJSONField(default=dict, null=True),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="context",
            field=audit.fields.CanonicalJSONField(default=dict, null=True),
        ),
        migrations.RunPython(migrations_ops.canonicalise_content, migrations.RunPython.noop),
    ]
