"""Key rotation for sensitive free text.

django-fernet-encrypted-fields decrypts with any key in SALT_KEY and encrypts with the
first. To rotate: set HAVEN_FIELD_KEY to the new key and HAVEN_FIELD_KEYS_OLD to the old
one, run this command, then drop the old key. It rewrites every encrypted value under
the new key, table by table, in batches."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from encrypted_fields.fields import EncryptedFieldMixin

from audit.services import audit_record
from core.system import system_actor

BATCH = 500


def encrypted_fields_by_model() -> dict:
    found = {}
    for model in apps.get_models():
        names = [field.name for field in model._meta.concrete_fields if isinstance(field, EncryptedFieldMixin)]
        if names:
            found[model] = names
    return found


class Command(BaseCommand):
    help = "Re-encrypts every encrypted field with the first key in SALT_KEY (key rotation)."

    def handle(self, *args, **options):
        total = 0
        for model, names in encrypted_fields_by_model().items():
            rewritten = 0
            queryset = model._base_manager.order_by("pk")
            last_pk = None
            while True:
                page = queryset.filter(pk__gt=last_pk) if last_pk is not None else queryset
                rows = list(page[:BATCH])
                if not rows:
                    break
                with transaction.atomic():
                    # Reading decrypted the values with whichever key fits; saving them
                    # encrypts with the first key.
                    model._base_manager.bulk_update(rows, names)
                rewritten += len(rows)
                last_pk = rows[-1].pk
            total += rewritten
            self.stdout.write(f"{model._meta.label}: {rewritten} rows re-encrypted ({', '.join(names)})")
        with transaction.atomic():
            audit_record(actor=system_actor(), action="data.reencrypted", changes={"rows": total})
        self.stdout.write(f"Done: {total} rows.")
