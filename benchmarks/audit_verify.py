"""How long `verify_audit` takes over a long audit trail: seeds N events (default a
million) into a fresh scratch database through the bulk path, then times the whole-chain
verification (`audit.verification.verify_chain`). Target: a million events in under ten
seconds on the 2-core machine, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/audit_verify.py [--engine sqlite|postgresql] [--events 1000000]

The engine defaults to PostgreSQL when DATABASE_URL names one, SQLite otherwise. The
scratch database is removed afterwards, whatever happens; with `--keep NAME` the database
of that name is kept instead, seeded only the first time, and later runs (after a
migration, for instance) verify the same events again.
"""

import argparse
import os
import time

from common import bench_database, migrate, python_cpu_seconds, report, server_cpu_seconds, setup_django


def main() -> None:
    default_engine = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default=default_engine)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=None, help="Verification processes (default: up to 2).")
    parser.add_argument("--keep", metavar="NAME", help="Keep the database of this name; seed it only if new.")
    args = parser.parse_args()

    url, drop, new = bench_database(args.engine, args.keep)
    try:
        setup_django(url)
        migrate()
        from audit.bulk import audit_append_many
        from audit.management.commands.seed_audit_events import synthetic_events
        from audit.models import AuditEvent
        from audit.verification import verify_chain

        started = time.perf_counter()
        if new or not AuditEvent.objects.exists():
            audit_append_many(synthetic_events(args.events))
            seeded = time.perf_counter() - started
            print(f"{args.engine}: seeded {args.events:,} events in {seeded:.1f} s", flush=True)
        else:
            seeded = None
            args.events = AuditEvent.objects.count()
            print(f"{args.engine}: reusing {args.keep} with {args.events:,} events", flush=True)

        load_before = os.getloadavg()[0]
        cpu_started = python_cpu_seconds()
        # With one worker the walk runs on this process's own connection, so its backend's
        # CPU is the server's whole share (two workers each open their own).
        server_before = server_cpu_seconds() if args.workers == 1 else None
        started = time.perf_counter()
        verdict = verify_chain(workers=args.workers)
        seconds = time.perf_counter() - started
        python_cpu = python_cpu_seconds() - cpu_started
        server_after = server_cpu_seconds() if server_before is not None else None
        assert verdict.ok, verdict
        assert verdict.checked == args.events, verdict
        per_million = seconds / args.events * 1_000_000
        print("events, seconds, seconds per million")
        print(f"{args.events}, {seconds:.2f}, {per_million:.2f}")
        report(
            "audit_verify",
            engine=args.engine,
            events=args.events,
            seconds=round(seconds, 3),
            seconds_per_million=round(per_million, 3),
            # Python CPU of this process and its verification workers (not the database
            # server's). Other work on the machine slows the wall time, not this.
            python_cpu_seconds=round(python_cpu, 2),
            server_cpu_seconds=round(server_after - server_before, 2) if server_after is not None else None,
            load_average_before=round(load_before, 2),
            seed_seconds=round(seeded, 1) if seeded is not None else None,
        )
    finally:
        from django.db import connections

        connections.close_all()
        drop()


if __name__ == "__main__":
    main()
