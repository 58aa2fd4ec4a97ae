"""`python manage.py seed_audit_events N`: append N synthetic audit events, for benchmarks.

The events are made like real ones (staff actors, known action codes, a target, a person,
a web request's context, old and new values) and spread over the past year, oldest first,
and they are chained exactly as `audit_record` chains, so `verify_audit` passes on them.
"""

import random
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from audit import codes
from audit.bulk import BATCH, NewEvent, audit_append_many
from core.system import system_actor

AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "haven-api-client/1.0",
)


class Command(BaseCommand):
    help = "Append N synthetic audit events (benchmarks and scale tests only; refused in production)."

    def add_arguments(self, parser):
        parser.add_argument("events", type=int)
        parser.add_argument("--batch-size", type=int, default=BATCH)
        parser.add_argument("--days", type=int, default=365, help="Spread the events over this many past days.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed, so two runs make the same data.")

    def handle(self, *args, events: int, batch_size: int, days: int, seed: int, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError("Synthetic audit events are for benchmarks: this is refused in production.")
        if events < 1 or batch_size < 1:
            raise CommandError("Give a number of events and a batch size of 1 or more.")
        started = time.perf_counter()

        def progress(done: int) -> None:
            if done % (batch_size * 10) == 0 or done == events:
                self.stdout.write(f"{done:,} events appended ({time.perf_counter() - started:.1f} s)")

        made = synthetic_events(events, days=days, seed=seed)
        added = audit_append_many(made, batch_size=batch_size, on_batch=progress)
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Appended {added:,} synthetic audit events in {seconds:.1f} s."))


def synthetic_events(count: int, *, days: int = 365, seed: int = 1):
    """`count` plausible events, oldest first, ending now. A generator: a million events
    are never all in memory at once."""
    rng = random.Random(seed)  # noqa: S311  made-up data, not secrets: repeatable by seed
    users = list(get_user_model().objects.filter(is_active=True).values_list("pk", "username")) or [
        (system_actor().pk, system_actor().username)
    ]
    actions = sorted(codes.ACTIONS)
    now = timezone.now()
    step = timedelta(days=days) / count
    start = now - step * count
    for number in range(count):
        actor_id, username = rng.choice(users)
        subject = rng.randrange(1, 50_000)
        yield NewEvent(
            action=rng.choice(actions),
            actor_id=actor_id,
            actor_label=username,
            target_type="accounts.user",
            target_id=str(rng.randrange(1, 2_000)),
            person_ref=f"C{subject:07d}",
            summary="Synthetic event for benchmarks",
            changes={"status": {"old": "open", "new": rng.choice(("open", "closed", "review"))}, "n": number},
            context={
                "request_id": uuid.UUID(int=rng.getrandbits(128)).hex,
                "ip_address": f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
                "user_agent": rng.choice(AGENTS),
                "method": "POST",
                "path": f"/people/{subject}/",
                "channel": "web",
            },
            occurred_at=start + step * number,
        )
