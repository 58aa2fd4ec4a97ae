"""The audit chain head's ceiling (docs/scaling.md, "what would break first"): every audited
transaction locks the one chain-head row from its append to its commit, so audited
transactions go one at a time however many web machines there are. This measures how
many a second that one row lets through: P processes (each its own connection, as web
workers on several machines would be) append through the real `audit.services.
audit_record`, each in its own transaction, for a few seconds, at rising P.

    .venv/bin/python benchmarks/audit_append.py --engine postgresql [--processes 1,2,4,8,16] [--seconds 5]

Reports appends a second and the p50/p95 of one audited transaction (lock wait, append
and commit) at each P. If appends a second stop rising while p95 climbs, the head is the
limit and that rate is the service's ceiling for audited requests.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from common import bench_database, migrate, percentile, report, setup_django


def child(seconds: float, start_at: float) -> None:
    """One appender: waits for the common start, appends until the time is up, prints
    each transaction's duration in ms as one JSON line."""
    from django.db import transaction

    from audit.services import audit_record

    durations = []
    while time.time() < start_at:
        time.sleep(0.001)
    end = start_at + seconds
    while time.time() < end:
        began = time.perf_counter()
        with transaction.atomic():
            audit_record(actor=None, action="customer.viewed", target=None, summary="chain-head benchmark")
        durations.append((time.perf_counter() - began) * 1000)
    print(json.dumps(durations))


def level(url: str, processes: int, seconds: float) -> dict:
    start_at = time.time() + 2.0 + 0.6 * processes  # every child started (Django imported) before the clock starts
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, __file__, "--child", str(seconds), str(start_at)]
    children = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) for _ in range(processes)]
    durations = []
    for process in children:
        out, _ = process.communicate(timeout=seconds + 60)
        if process.returncode != 0:
            raise SystemExit(f"an appender failed (exit {process.returncode})")
        durations += json.loads(out.strip().splitlines()[-1])
    return {
        "processes": processes,
        "appends_per_s": round(len(durations) / seconds, 1),
        "p50_ms": round(statistics.median(durations), 2),
        "p95_ms": round(percentile(durations, 95), 2),
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        setup_django(os.environ["DATABASE_URL"])
        child(float(sys.argv[2]), float(sys.argv[3]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--processes", default="1,2,4,8,16", help="appenders at once in each level")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--keep", metavar="NAME", help="Use (and keep) the database of this name.")
    args = parser.parse_args()
    url, drop, _new = bench_database(args.engine, args.keep)
    try:
        setup_django(url)
        migrate()
        from django.db import connections

        from audit.services import audit_record_now
        from audit.verification import verify_chain

        # The first append makes the chain head, so the appenders only ever take its lock.
        audit_record_now(actor=None, action="customer.viewed", summary="chain-head benchmark")
        connections.close_all()
        for processes in (int(value) for value in args.processes.split(",")):
            figures = level(url, processes, args.seconds)
            print(
                f"{args.engine:<10} {processes:>3} appenders  {figures['appends_per_s']:>8.1f} appends/s  "
                f"p50 {figures['p50_ms']} ms  p95 {figures['p95_ms']} ms"
            )
            report("audit_append", engine=args.engine, path=f"{processes} appenders", **figures)
        result = verify_chain()
        print(f"verify_chain afterwards: {'intact' if result.ok else 'BROKEN'} ({result.checked:,} events)")
        if not result.ok:
            raise SystemExit("the chain is broken after concurrent appends")
    finally:
        from django.db import connections

        connections.close_all()
        drop()


if __name__ == "__main__":
    main()
