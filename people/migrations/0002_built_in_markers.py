from django.db import migrations

from people import migrations_ops


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(migrations_ops.create_built_in_markers, migrations.RunPython.noop)]
