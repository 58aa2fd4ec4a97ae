"""The floor (issue 9): where a page's time goes. In one run, on one seeded database, each
operation is timed at four levels:

- **haven**: the real page over HTTP, signed in, from gunicorn with uvicorn workers as
  production serves Haven (config.settings.floor: the bench settings plus /floor/ views);
- **empty**: a view on the same server and middleware stack that answers "ok" without a
  query of its own (the stack's floor: HTTP, session, user, MFA check, session limits);
- **sql view**: a view on the same stack that runs the page's own SQL (what the page ran
  beyond what the empty view runs) straight through the DB-API cursor;
- **raw**: every statement the page ran, in process through the DB-API cursor, no HTTP.

The SQL is what the page really ran, captured in process through the test client (in a
transaction rolled back, so a write such as the audit event of opening a record can be
run again in its place). Prints p50 and p95 per operation and level, and the ratios.

    .venv/bin/python benchmarks/floor.py --engine sqlite|postgresql [--customers 5000] [--requests 300] [--keep NAME]
"""

import argparse
import io
import os
import pickle
import tempfile
import time
from collections import Counter

from common import bench_database, migrate, report, serve, setup_django, summary_ms
from floor_http import SignedIn

LEVELS = ("haven", "empty", "sql_view", "raw")
WARM_UP = 5


def _seed(customers: int) -> None:
    from django.core.management import call_command

    call_command("seed_scale", customers=customers, stdout=io.StringIO())


def _operations() -> list[tuple[str, str, str]]:
    """(name, username, path): what a caseworker and a team leader open most."""
    from django.urls import reverse

    from accounts.personas import load_demo
    from incidents import services
    from incidents.models import Incident
    from people.models import Customer

    people = {user.username: user for user in load_demo()}
    cara = people["cara"]
    customer = (
        Customer.objects.filter(organisation=cara.organisation, is_restricted=False, markers__isnull=False)
        .order_by("pk")
        .first()
    )
    # The guided screen twice: while the plan asks for an emergency call its panel holds the
    # call's form (sixteen fields), otherwise a link; about half the seeded open incidents ask.
    mine = Incident.objects.filter(worker=cara, state="open").order_by("-started_at")
    calling = mine.filter(actions__kind="record_emergency_call", actions__state="pending")
    incident_calling = calling.first()
    incident = mine.exclude(pk__in=calling.values("pk")).first()
    if incident is None:  # a small data set may leave Cara nothing open
        incident = services.incident_start(
            actor=cara, channel="telephone", protocol_id="domestic-abuse", caller_description="Bench caller"
        )
    operations = [
        ("customer_search", "cara", f"{reverse('people:search')}?q={customer.family_name}"),
        ("customer_record", "cara", reverse("people:record", args=[customer.pk])),
        ("my_work", "cara", reverse("work:mine")),
        ("team_work", "tom", reverse("work:team")),
        ("incident_guided", "cara", reverse("incidents:guided", args=[incident.pk])),
    ]
    if incident_calling:
        operations.append(("incident_calling", "cara", reverse("incidents:guided", args=[incident_calling.pk])))
    return operations


def _capture(client, path: str) -> list:
    """Every statement one request to `path` runs, as (sql, params, many), with the
    request's writes rolled back."""
    from django.db import connection, transaction

    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params, many))
        return execute(sql, params, many, context)

    # The transaction first: on SQLite its BEGIN goes through a cursor, and is not the page's.
    with transaction.atomic(), connection.execute_wrapper(record):
        response = client.get(path)
        transaction.set_rollback(True)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code} in process")
    return statements


def _own(page: list, stack: list) -> list:
    """The page's statements less those the empty view's stack runs too (by SQL text)."""
    left = Counter(sql for sql, _, _ in stack)
    own = []
    for statement in page:
        if left[statement[0]]:
            left[statement[0]] -= 1
        else:
            own.append(statement)
    return own


def _time_raw(statements: list, requests: int) -> list[float]:
    from django.db import connection

    from config.floor_views import replay

    connection.ensure_connection()
    raw, vendor, samples = connection.connection, connection.vendor, []
    for number in range(WARM_UP + requests):
        began = time.perf_counter()
        replay(raw, vendor, statements)
        if number >= WARM_UP:
            samples.append(time.perf_counter() - began)
    return samples


def _measure(name, username, path, *, clients, browsers, statements_dir, requests) -> dict:
    from django.db import connection

    from config.floor_views import prepared

    client = clients[username]
    for _ in range(WARM_UP):  # the first requests load templates and caches: not what is timed
        client.get(path)
        client.get("/floor/empty")
    page = _capture(client, path)
    stack = _capture(client, "/floor/empty")
    own = _own(page, stack)
    (statements_dir / f"{name}.pickle").write_bytes(pickle.dumps(prepared(own, connection.vendor)))
    samples = {"raw": _time_raw(prepared(page, connection.vendor), requests)}
    connection.close()  # the benchmark holds no connection while the server is timed
    browser = browsers[username]
    # The SQL view runs a write (the audit event of an opening) in its captured place in the
    # chain, so it goes before the page that moves the chain on.
    for level, target in (("empty", "/floor/empty"), ("sql_view", f"/floor/sql/{name}"), ("haven", path)):
        samples[level] = browser.timed(target, WARM_UP, requests)
    return {"queries": len(page), "own_queries": len(own), **{level: summary_ms(samples[level]) for level in LEVELS}}


def _ratios(figures: dict) -> dict:
    p50 = {level: figures[level]["p50_ms"] for level in LEVELS}
    return {
        "haven_over_empty": round(p50["haven"] / p50["empty"], 2),
        "haven_over_sql_view": round(p50["haven"] / p50["sql_view"], 2),
        "haven_over_raw": round(p50["haven"] / p50["raw"], 2),
        # p50 shares of the page: the stack, its own SQL run bare, and what is left (the ORM
        # building objects, the view's Python and the templates).
        "stack_ms": p50["empty"],
        "own_sql_ms": round(p50["sql_view"] - p50["empty"], 3),
        "python_templates_ms": round(p50["haven"] - p50["sql_view"], 3),
    }


def _print_table(engine: str, results: dict) -> None:
    print(f"\n{engine}: p50 / p95 ms; queries: all (own, beyond the stack's)")
    header = f"{'operation':<16} {'queries':>8} " + " ".join(f"{level:>15}" for level in LEVELS)
    print(header + f" {'H/empty':>8} {'H/sqlv':>7} {'H/raw':>7} {'stack':>7} {'own SQL':>8} {'py+tmpl':>8}")
    for name, figures in results.items():
        cells = " ".join(f"{figures[level]['p50_ms']:>7.1f}/{figures[level]['p95_ms']:<7.1f}" for level in LEVELS)
        r = figures["ratios"]
        print(
            f"{name:<16} {figures['queries']:>3} ({figures['own_queries']:>2}) {cells} "
            f"{r['haven_over_empty']:>8.1f} {r['haven_over_sql_view']:>7.1f} {r['haven_over_raw']:>7.1f} "
            f"{r['stack_ms']:>7.1f} {r['own_sql_ms']:>8.1f} {r['python_templates_ms']:>8.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--customers", type=int, default=5000, help="seed_scale's size (incidents are twice this)")
    parser.add_argument("--requests", type=int, default=300, help="timed requests per operation and level")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="server processes (one per core)")
    parser.add_argument("--keep", metavar="NAME", help="seed a database of this name once and reuse it")
    parser.add_argument(
        "--no-pool", dest="pool", action="store_false",
        help="the server opens a PostgreSQL connection a request (HAVEN_DB_POOL_SIZE=0) instead of its pool",
    )  # fmt: skip
    args = parser.parse_args()

    # The benchmark's own Django runs the floor settings too, so the SQL it captures is the server's.
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.floor"
    url, drop, new = bench_database(args.engine, args.keep)
    statements_dir = tempfile.TemporaryDirectory(prefix="haven-floor-")
    try:
        setup_django(url)
        from pathlib import Path

        from django.db import connections
        from django.test import Client

        if new:
            migrate()
            began = time.perf_counter()
            _seed(args.customers)
            print(f"seeded {args.customers:,} customers in {time.perf_counter() - began:.0f} s")
        operations = _operations()
        users = {username for _, username, _ in operations}
        from accounts.models import User

        clients = {}
        for username in users:
            clients[username] = Client(SERVER_NAME="127.0.0.1")
            clients[username].force_login(User.objects.get(username=username))
        connections.close_all()
        server, port = serve(
            url,
            args.workers,
            "config.settings.floor",
            env={"HAVEN_FLOOR_STATEMENTS": statements_dir.name, **({} if args.pool else {"HAVEN_DB_POOL_SIZE": "0"})},
        )
        try:
            browsers = {username: SignedIn(port, User.objects.get(username=username)) for username in users}
            results = {}
            for name, username, path in operations:
                figures = _measure(
                    name, username, path, clients=clients, browsers=browsers,
                    statements_dir=Path(statements_dir.name), requests=args.requests,
                )  # fmt: skip
                figures["ratios"] = _ratios(figures)
                results[name] = figures
                flat = {f"{level}_{key}": figures[level][key] for level in LEVELS for key in ("p50_ms", "p95_ms")}
                report(
                    "floor", engine=args.engine, path=name, pool=args.pool, queries=figures["queries"],
                    own_queries=figures["own_queries"], **flat, **figures["ratios"],
                )  # fmt: skip
        finally:
            server.terminate()
            server.wait(30)
        _print_table(args.engine + ("" if args.pool else ", a connection a request"), results)
        print(f"load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    finally:
        from django.db import connections

        connections.close_all()
        statements_dir.cleanup()
        drop()


if __name__ == "__main__":
    main()
