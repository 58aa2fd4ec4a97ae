"""The MR's "under which authority" becomes a link to consent.Authority; the old text
field stays, renamed, for an adviser outside Haven whose authority is only described."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("consent", "0001_initial"),
        ("work", "0002_mandatory_reconsiderations"),
    ]

    operations = [
        migrations.RenameField(
            model_name="mandatoryreconsideration", old_name="authority", new_name="outside_authority"
        ),
        migrations.AddField(
            model_name="mandatoryreconsideration",
            name="authority",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="mandatory_reconsiderations",
                to="consent.authority",
            ),
        ),
        migrations.AddConstraint(
            model_name="mandatoryreconsideration",
            constraint=models.CheckConstraint(
                condition=models.Q(("authority__isnull", True))
                | models.Q(("lodged_by", "representative"), ("outside_authority", "")),
                name="mr_linked_authority_is_a_representatives",
            ),
        ),
    ]
