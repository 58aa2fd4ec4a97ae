"""`python manage.py seed_scale --customers N [--incidents M] [--audit-events K] [--years 6]
[--seed S]`: the scale data set of issue 9 (see core/scale.py), with how long it took and
the database's size on disk at the end."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.scale import seed_scale
from core.sizes import database_size, table_sizes


class Command(BaseCommand):
    help = (
        "Build a realistic synthetic data set in the demo organisation: customers with markers and "
        "safe-contact needs, six years of incidents on every protocol (real protocol runs, notes, "
        "actions, the tasks, reviews, Report Threats and markers their effects make), and the audit "
        "trail all of it leaves, topped up with record openings to --audit-events. Incidents default "
        "to 2x and audit events to 20x the customers. Running it again adds another set. Refused in "
        "production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--customers", type=int, default=1_000_000)
        parser.add_argument("--incidents", type=int, help="Default: twice the customers.")
        parser.add_argument("--audit-events", type=int, help="Default: twenty times the customers.")
        parser.add_argument("--years", type=int, default=6, help="How many years of history (default 6).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed makes the same data.")
        parser.add_argument(
            "--real-effects",
            action="store_true",
            help="Carry out the automatic effects through the real handler (about 15 ms an effect) instead of the "
            "bulk rows that match it.",
        )

    def handle(self, *args, customers, incidents, audit_events, years, seed, real_effects, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError("Synthetic data is for scale tests and benchmarks: this is refused in production.")
        incidents = 2 * customers if incidents is None else incidents
        audit_events = 20 * customers if audit_events is None else audit_events
        if customers < 1 or incidents < 0 or audit_events < 0 or years < 1:
            raise CommandError("Give 1 or more customers, 0 or more incidents and audit events, and 1 or more years.")
        if incidents and years * 365 < 15:
            raise CommandError("Give at least one year of history.")
        write = self.stdout.write
        totals = seed_scale(
            customers=customers,
            incidents=incidents,
            audit_events=audit_events,
            years=years,
            seed=seed,
            progress=write,
            real_effects=real_effects,
        )
        seconds = totals.seconds
        write(
            self.style.SUCCESS(
                f"Created {totals.customers:,} customers, {totals.incidents:,} incidents ({totals.notes:,} note "
                f"revisions, {totals.actions:,} actions) and {totals.audit_events:,} audit events in "
                f"{seconds['total']:.1f} s (customers {seconds['customers']:.1f} s, incidents and their events "
                f"{seconds['incidents']:.1f} s)."
            )
        )
        write(
            f"Through the services: {totals.serviced_incidents:,} incidents, {totals.disclosures:,} disclosures, "
            f"{totals.authorities:,} authorities with {totals.access_records:,} access records."
        )
        write(f"Database size on disk: {database_size() / 2**20:,.1f} MiB")
        write(f"{'table':<40} {'rows':>12} {'MiB':>10}")
        for table, rows, size in table_sizes():
            write(f"{table:<40} {rows:>12,} {size / 2**20:>10.1f}")
