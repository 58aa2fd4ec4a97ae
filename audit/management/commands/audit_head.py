"""`python manage.py audit_head`: print the audit chain's signed head as JSON, to keep
outside the database (an anchor). A later head must extend it: if the events up to an
anchored head no longer verify to that hash, the trail was rewritten, even by someone
who could also rewrite the head table."""

import json

from django.core.management.base import BaseCommand

from audit.verification import signed_head


class Command(BaseCommand):
    help = "Print the audit chain's current head (sequence, hash, time, signature) as JSON."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(signed_head(), sort_keys=True))
