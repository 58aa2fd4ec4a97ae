from django.db import migrations

from audit import migrations_ops


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(migrations_ops.create_chain_head, migrations.RunPython.noop),
        migrations.RunPython(migrations_ops.install_sqlite_triggers, migrations_ops.uninstall_sqlite_triggers),
    ]
