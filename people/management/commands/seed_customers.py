"""`python manage.py seed_customers N`: create N realistic synthetic customers in the demo
organisation, for demos, scale tests and benchmarks (see people/bulk.py and
people/synthetic.py)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.personas import ORGANISATION, load_demo
from core.system import system_actor
from people.bulk import BATCH, customers_append_many
from people.models import Customer
from people.permissions import EDITOR_ROLES
from people.synthetic import synthetic_customers


class Command(BaseCommand):
    help = (
        "Create N synthetic customers (made-up people with UK-like names, addresses, previous names, "
        "references, markers, safe-contact and privacy needs) in the demo organisation, loading the demo "
        "first if needed. Written in batches through the bulk path: the rows are what the services would "
        "write, and each batch records one 'customer.bulk_created' audit event instead of one event per "
        "customer (no person made these changes; a million events would swamp the trail). For demos and "
        "benchmarks only; refused in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("customers", type=int)
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed makes the same people.")
        parser.add_argument("--batch-size", type=int, default=BATCH)

    def handle(self, *args, customers: int, seed: int, batch_size: int, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError("Synthetic customers are for demos and benchmarks: this is refused in production.")
        if customers < 1 or batch_size < 1:
            raise CommandError("Give a number of customers and a batch size of 1 or more.")
        made = seed_customers(customers, seed=seed, batch_size=batch_size, progress=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Created {made:,} synthetic customers."))


def seed_customers(count: int, *, seed: int = 1, batch_size: int = BATCH, progress=None) -> int:
    """Seeds `count` customers into the demo organisation; returns how many. Benchmarks
    call this directly."""
    organisation = Organisation.objects.filter(name=ORGANISATION).first()
    if organisation is None:
        load_demo()
        organisation = Organisation.objects.get(name=ORGANISATION)
    staff_ids = list(
        User.objects.filter(
            team__office__region__organisation=organisation, role__in=EDITOR_ROLES, is_active=True
        ).values_list("pk", flat=True)
    )
    if not staff_ids:
        raise CommandError("The demo organisation has no caseworkers to set markers: run load_demo.")
    taken = set(Customer.objects.filter(organisation=organisation).values_list("case_number", flat=True))
    started = time.perf_counter()

    def on_batch(done: int) -> None:
        if progress is not None and (done % (batch_size * 20) == 0 or done == count):
            progress(f"{done:,} customers created ({time.perf_counter() - started:.1f} s)")

    made = synthetic_customers(
        count, staff_ids=staff_ids, seed=seed, taken_case_numbers=taken, today=timezone.localdate()
    )
    return customers_append_many(
        made,
        actor=system_actor(),
        organisation_id=organisation.pk,
        batch_size=batch_size,
        on_batch=on_batch,
        note=f"seed_customers {count} --seed {seed}",
    )
