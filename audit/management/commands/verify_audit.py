"""`python manage.py verify_audit`: check the whole audit chain, from the first event to
the head. Exits non-zero, naming the first broken event, if anything was changed,
removed or forged.

When the chain is whole it records an `audit.verified` event, in its own transaction
after the check, as the system actor. Why, although it moves the head: the trail then
shows that verification ran and what it covered (checked count and the last event and
hash it vouched for), which is the evidence an auditor asks for; it is appended only to
a chain just shown whole, so it never blesses a broken one; and an anchored head taken
after it still covers everything before it. `--no-record` verifies read-only (a read
replica, a benchmark, or checking an anchored head you have just taken).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from audit.services import audit_record
from audit.verification import verify_chain
from core.system import system_actor


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain and head; exit non-zero on any tampering."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-record", action="store_true", help="Do not append an audit.verified event (read-only)."
        )
        parser.add_argument("--workers", type=int, default=None, help="Processes to read with (default: up to 2).")

    def handle(self, *args, no_record: bool, workers: int | None, **options):
        started = time.perf_counter()
        verdict = verify_chain(workers=workers)
        seconds = time.perf_counter() - started
        if not verdict.ok:
            raise CommandError(
                f"The audit chain is broken. First broken event: {verdict.first_broken_seq}: {verdict.problem}. "
                f"Events 1 to {verdict.last_seq} verified ({seconds:.2f} s)."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"The audit chain is whole: {verdict.checked:,} events checked in {seconds:.2f} s "
                f"(last event {verdict.last_seq}, hash {verdict.last_hash})."
            )
        )
        if not no_record:
            with transaction.atomic(durable=True):
                audit_record(
                    actor=system_actor(),
                    action="audit.verified",
                    summary=f"Verified {verdict.checked} events",
                    changes={
                        "checked": verdict.checked,
                        "last_seq": verdict.last_seq,
                        "last_hash": verdict.last_hash,
                        "seconds": round(seconds, 3),
                    },
                )
