"""How fast the customer search box answers over a large caseload: seeds N realistic
customers (default a million) into a fresh scratch database through the bulk path
(`seed_customers`), then times `people.selectors.customer_search` as a caseworker over a
realistic mix of what workers type: a full name, a surname alone, a misheard surname, a
previous name, a date of birth, an NI number, a postcode, a benefit reference, and a name
with a date of birth. Target: p95 under 100 ms on PostgreSQL with a million customers.

    .venv/bin/python benchmarks/customer_search.py [--engine sqlite|postgresql] [--customers 1000000]
        [--queries 500] [--seed 1]

The engine defaults to PostgreSQL when DATABASE_URL names one, SQLite otherwise. The
scratch database is removed afterwards, whatever happens. With `--keep NAME` the database
of that name is used and kept: seeded only if new, so the search can be timed over a
data set already there (a `seed_scale` one, with its incidents and audit trail).
"""

import argparse
import os
import random
import time
from collections import defaultdict

from common import bench_database, migrate, report, setup_django, summary_ms

KINDS = (
    "full name",
    "surname",
    "misheard surname",
    "previous name",
    "date of birth",
    "NI number",
    "postcode",
    "reference",
    "name and date of birth",
)
# Misheard or mistyped on a call: a vowel for a vowel keeps how the name sounds.
_VOWEL_SWAPS = {"a": "e", "e": "a", "i": "y", "y": "i", "o": "u", "u": "o"}


def misheard(name: str, rng: random.Random) -> str:
    positions = [i for i, ch in enumerate(name) if i > 0 and ch.lower() in _VOWEL_SWAPS]
    if not positions:
        return name + "e"
    i = rng.choice(positions)
    return name[:i] + _VOWEL_SWAPS[name[i].lower()] + name[i + 1 :]


def query_mix(count: int, seed: int) -> list[tuple[str, str, int]]:
    """(kind, text typed, id of the customer meant) for `count` queries about customers
    picked at random from the database, in a repeatable shuffled order."""
    from people.models import Customer, CustomerName, CustomerReference

    rng = random.Random(seed)  # noqa: S311  benchmark sampling, not secrets
    top = Customer.objects.order_by("-id").values_list("id", flat=True).first()
    per_kind = -(-count // len(KINDS))

    def sample(n: int) -> list:
        ids = rng.sample(range(1, top + 1), min(top, n * 3))
        return list(Customer.objects.filter(id__in=ids).order_by("?")[:n]) if ids else []

    queries = []
    for customer in sample(per_kind * 6):
        first, family, dob = customer.given_names.split()[0], customer.family_name, customer.date_of_birth
        queries += [
            ("full name", f"{first} {family}", customer.pk),
            ("surname", family, customer.pk),
            ("misheard surname", misheard(family, rng), customer.pk),
            ("date of birth", f"{dob:%d/%m/%Y}", customer.pk),
            ("postcode", customer.postcode.lower(), customer.pk),
            ("name and date of birth", f"{family} {dob:%d/%m/%Y}", customer.pk),
        ]
        if customer.ni_number:
            ni = customer.ni_number
            queries.append(("NI number", f"{ni[:2]} {ni[2:4]} {ni[4:6]} {ni[6:8]} {ni[8]}", customer.pk))
    previous = CustomerName.objects.filter(kind="previous").order_by("?")[:per_kind]
    queries += [("previous name", f"{n.given_names.split()[0]} {n.family_name}", n.customer_id) for n in previous]
    references = CustomerReference.objects.filter(kind="benefit").order_by("?")[:per_kind]
    queries += [("reference", r.value, r.customer_id) for r in references]
    by_kind = defaultdict(list)
    for query in queries:
        by_kind[query[0]].append(query)
    chosen = [query for kind in KINDS for query in by_kind[kind][:per_kind]]
    rng.shuffle(chosen)
    return chosen[:count]


def analyse(engine: str) -> None:
    """Fresh statistics after a bulk load, as autovacuum (or `PRAGMA optimize`) would
    gather them in production, so the planner sees the real sizes."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if engine == "postgresql":
            # Sets the visibility map so index-only scans need not visit the table.
            cursor.execute("VACUUM people_searchkey")


def _line(label: str, figures: dict, extra: str = "") -> str:
    return (
        f"{label:<24} {figures['n']:>4} {figures['p50_ms']:>8.2f} {figures['p95_ms']:>8.2f} "
        f"{figures['max_ms']:>8.2f}  {extra}"
    )


def main() -> None:
    default_engine = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default=default_engine)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", metavar="NAME", help="Use (and keep) the database of this name; seed it only if new.")
    args = parser.parse_args()

    url, drop, new = bench_database(args.engine, args.keep)
    try:
        setup_django(url)
        migrate()
        from accounts.models import User
        from people.management.commands.seed_customers import seed_customers
        from people.models import Customer
        from people.selectors import customer_search

        started = time.perf_counter()
        if new:
            seed_customers(args.customers, seed=args.seed, progress=lambda line: print(f"  {line}", flush=True))
        else:
            args.customers = Customer.objects.count()
        seeded = time.perf_counter() - started
        started = time.perf_counter()
        analyse(args.engine)
        analysed = time.perf_counter() - started
        made = f"seeded {args.customers:,} customers in {seeded:.1f} s" if new else f"{args.customers:,} customers"
        print(f"{args.engine}: {made} (ANALYZE {analysed:.1f} s)")

        cara = User.objects.get(username="cara")
        queries = query_mix(args.queries, args.seed)
        for _, text, _ in queries[:20]:
            customer_search(user=cara, text=text)  # warm up: connection, caches, first plans
        timings, found = defaultdict(list), defaultdict(int)
        for kind, text, customer_id in queries:
            began = time.perf_counter()
            results, problem = customer_search(user=cara, text=text)
            timings[kind].append(time.perf_counter() - began)
            assert not problem, (text, problem)
            found[kind] += customer_id in {result.id for result in results}

        every = [t for kind in KINDS for t in timings[kind]]
        overall = summary_ms(every)
        print(f"{'query':<24} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  meant person in top 20")
        for kind in KINDS:
            figures = summary_ms(timings[kind])
            print(_line(kind, figures, f"{found[kind] / max(1, figures['n']):.0%}"))
            report("customer_search", engine=args.engine, path=kind, customers=args.customers, **figures)
        print(_line("all", overall))
        report(
            "customer_search",
            engine=args.engine,
            path="all queries",
            customers=args.customers,
            seed_seconds=round(seeded, 1),
            **overall,
        )
    finally:
        from django.db import connections

        connections.close_all()
        drop()


if __name__ == "__main__":
    main()
