"""Where one of the floor benchmark's pages spends its time (issue 9): cProfile over N
requests to it through the test client, in process, printing the top functions.

    .venv/bin/python benchmarks/floor_profile.py [--engine sqlite|postgresql] [--operation incident_guided]
        [--requests 50] [--customers 2000] [--keep NAME] [--sort cumulative] [--queries]

`--queries` prints the SQL one request runs instead, the same statement counted once
with how many times it ran, so a page reading the same rows twice shows.
"""

import argparse
import cProfile
import os
import pstats
import time

from common import bench_database, migrate, setup_django
from floor import _operations, _seed


def _print_queries(client, path: str) -> None:
    from collections import Counter

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    counts, seconds = Counter(), Counter()
    for query in captured.captured_queries:
        counts[query["sql"]] += 1
        seconds[query["sql"]] += float(query["time"])
    print(f"{path}: {len(captured.captured_queries)} queries, {len(counts)} different")
    for sql, count in counts.items():
        print(f"{count:>3}x {seconds[sql] * 1000:>8.1f} ms  {sql[:400]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--operation", default="incident_guided")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--keep", metavar="NAME", help="seed a database of this name once and reuse it")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--lines", type=int, default=50)
    parser.add_argument("--queries", action="store_true", help="print one request's SQL instead of profiling")
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.floor"
    url, drop, new = bench_database(args.engine, args.keep)
    try:
        setup_django(url)
        if new:
            migrate()
            _seed(args.customers)
        from django.test import Client

        from accounts.models import User

        _, username, path = next(op for op in _operations() if op[0] == args.operation)
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(User.objects.get(username=username))
        for _ in range(5):  # the first requests load templates and caches: not what is profiled
            client.get(path)
        if args.queries:
            _print_queries(client, path)
            return
        profile = cProfile.Profile()
        began = time.perf_counter()
        profile.enable()
        for _ in range(args.requests):
            assert client.get(path).status_code == 200
        profile.disable()
        elapsed = time.perf_counter() - began
        print(f"{args.operation} {path}: {elapsed / args.requests * 1000:.1f} ms a request under the profiler")
        pstats.Stats(profile).sort_stats(args.sort).print_stats(args.lines)
    finally:
        from django.db import connections

        connections.close_all()
        drop()


if __name__ == "__main__":
    main()
