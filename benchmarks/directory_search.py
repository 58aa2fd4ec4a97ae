"""How fast the signposting directory answers during a call: fills a fresh scratch
database with N directory entries (default 20,000: national lines and local entries for
real postcode districts, across the twelve needs and four nations), then times
`directory.selectors.entry_search` as a caseworker over the searches the side panel
makes: need and nation, need and postcode (local entries ranked first), free text, and
all three together. Also times postcode-to-nation lookups (ONSPD list shipped offline),
cold (first postcode in a district loads its module) and warm. Target: search p95 under
50 ms over 20,000 entries.

    .venv/bin/python benchmarks/directory_search.py [--engine sqlite|postgresql] [--entries 20000]
        [--queries 400] [--seed 1]
"""

import argparse
import os
import random
import time
from collections import defaultdict
from datetime import date, timedelta

from common import migrate, report, scratch_database, setup_django, summary_ms

WORDS = [
    "advice",
    "support",
    "women",
    "men",
    "young",
    "family",
    "crisis",
    "line",
    "helpline",
    "trust",
    "care",
    "aid",
    "safe",
    "city",
    "council",
    "rights",
]
PLACES = [
    "Cardiff",
    "Swansea",
    "Glasgow",
    "Edinburgh",
    "Belfast",
    "Derry",
    "Leeds",
    "Bristol",
    "Newcastle",
    "Stockport",
    "Salford",
    "Oxford",
]
POSTCODES = ["CF10 1EP", "SA1 1DP", "G2 1DY", "EH1 1YZ", "BT1 5GS", "BT48 6DQ", "LS1 1UR", "BS1 5TR", "NE1 4XF",
             "SK1 1AL", "M3 5FS", "OX1 1BX", "LL57 2DG", "AB10 1AQ"]  # fmt: skip
KINDS = ("need and nation", "need and postcode", "words", "need, postcode and words")


def build(entries: int, seed: int) -> None:
    from accounts.models import User
    from directory.models import NATION_FIELDS, Entry, EntryNeed, EntryWord, Need
    from directory.words import words_of

    rng = random.Random(seed)  # noqa: S311  synthetic data, not secrets
    owner = User.objects.get(username="sam")
    districts = [code.split()[0] for code in POSTCODES]
    rows, needs_of = [], []
    for number in range(entries):
        local = rng.random() < 0.3
        nations = rng.sample(list(NATION_FIELDS), rng.choice([1, 1, 2, 4]))
        place = rng.choice(PLACES)
        rows.append(
            Entry(
                organisation=owner.organisation, owner=owner, name=f"{place} {' '.join(rng.sample(WORDS, 2))} {number}",
                description=f"{' '.join(rng.sample(WORDS, 5))} for people in {place}",
                phone=f"0800 {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}", phone_is_free=rng.random() < 0.7,
                open_24_7=rng.random() < 0.1, is_local=local, local_area=place if local else "",
                local_postcodes=f" {' '.join(rng.sample(districts, 2))} " if local else "",
                review_due_on=date.today() + timedelta(days=rng.randrange(-30, 365)), source="benchmark",
                **{field: nation in nations for nation, field in NATION_FIELDS.items()},
            )
        )  # fmt: skip
        needs_of.append(rng.sample(Need.values, rng.choice([1, 2, 3])))
    for entry in rows:  # as directory.services.write_words does
        entry.search_words = " ".join(sorted(words_of(entry.name, entry.description, entry.local_area)))
    Entry.objects.bulk_create(rows, batch_size=2000)
    links = [EntryNeed(entry=entry, need=need) for entry, needs in zip(rows, needs_of, strict=True) for need in needs]
    EntryNeed.objects.bulk_create(links, batch_size=5000)
    found = [EntryWord(entry=e, word=w) for e in rows for w in sorted(words_of(e.name, e.description, e.local_area))]
    EntryWord.objects.bulk_create(found, batch_size=5000)


def queries(count: int, seed: int):
    from core.nations import Nation
    from directory import postcodes
    from directory.models import Need
    from directory.selectors import Search

    rng = random.Random(seed + 1)  # noqa: S311
    out = []
    for index in range(count):
        kind = KINDS[index % len(KINDS)]
        need = rng.choice(Need.values)
        place = postcodes.lookup(rng.choice(POSTCODES))
        if kind == "need and nation":
            out.append((kind, Search(need=need, nation=rng.choice(Nation.values))))
        elif kind == "need and postcode":
            out.append((kind, Search(need=need, place=place)))
        elif kind == "words":
            out.append((kind, Search(text=" ".join(rng.sample(WORDS, 2)))))
        else:
            out.append((kind, Search(need=need, place=place, text=rng.choice(WORDS))))
    return out


def time_postcodes(seed: int) -> tuple[dict, dict]:
    import importlib

    from directory import councils, postcodes

    package = importlib.import_module("uk_postcodes_parsing.outcodes")
    folder = os.path.dirname(package.__file__)
    districts = sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".py") and name != "__init__.py")
    rng = random.Random(seed)  # noqa: S311
    picked = rng.sample(districts, 300)
    samples = []
    for district in picked:
        module = importlib.import_module(f"uk_postcodes_parsing.outcodes.{district}")
        incodes = sorted(module.INCODES)
        if incodes and district[:2] not in ("gy", "je", "im"):
            samples.append(f"{district.upper()} {rng.choice(incodes)}")
    # Cold: a fresh interpreter has not imported these districts' modules yet. The council
    # columns of each letter are read first: time_council_letters times that on its own.
    for code in samples:
        councils.council_code(code)
    for district in picked:
        importlib.sys.modules.pop(f"uk_postcodes_parsing.outcodes.{district}", None)
    cold = []
    for code in samples:
        began = time.perf_counter()
        postcodes.lookup(code)
        cold.append(time.perf_counter() - began)
    warm = []
    for code in samples * 10:
        began = time.perf_counter()
        postcodes.lookup(code)
        warm.append(time.perf_counter() - began)
    return summary_ms(cold), summary_ms(warm)


# In a fresh interpreter: the first lookup of each postcode letter reads that letter's
# council columns (directory/councils.py); after every letter, the process's memory.
_LETTER_LOADS = """
import json, string, sys, time
sys.path.insert(0, sys.argv[1])
from directory import councils
def rss_mib():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024
before = rss_mib()
loads = {}
for letter in string.ascii_uppercase:
    began = time.perf_counter()
    councils.council_code(letter + "1 1AA")
    loads[letter] = time.perf_counter() - began
print(json.dumps({"loads": loads, "rss_before": before, "rss_after": rss_mib()}))
"""


def time_council_letters() -> dict:
    import json
    import subprocess
    import sys

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = subprocess.run(
        [sys.executable, "-c", _LETTER_LOADS, root], capture_output=True, text=True, check=True, timeout=300
    )
    return json.loads(done.stdout)


def main() -> None:
    default_engine = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default=default_engine)
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    url, drop = scratch_database(args.engine)
    try:
        setup_django(url)
        migrate()
        from django.db import connection

        from accounts.models import User
        from accounts.personas import load_demo
        from directory.selectors import entry_search, one_line

        load_demo()
        started = time.perf_counter()
        build(args.entries, args.seed)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"{args.engine}: {args.entries:,} directory entries in {time.perf_counter() - started:.1f} s")

        cara = User.objects.get(username="cara")
        mix = queries(args.queries, args.seed)
        for _, search in mix[:20]:
            entry_search(user=cara, search=search)  # warm up
        timings = defaultdict(list)
        for kind, search in mix:
            began = time.perf_counter()
            lines = [one_line(entry) for entry in entry_search(user=cara, search=search)]
            timings[kind].append(time.perf_counter() - began)
            assert isinstance(lines, list)
        for kind in KINDS:
            figures = summary_ms(timings[kind])
            print(f"  {kind:<26} p50 {figures['p50_ms']:.2f} ms  p95 {figures['p95_ms']:.2f} ms")
            report("directory_search", engine=args.engine, path=kind, entries=args.entries, **figures)
        overall = summary_ms([t for kind in KINDS for t in timings[kind]])
        print(f"  all searches               p50 {overall['p50_ms']:.2f} ms  p95 {overall['p95_ms']:.2f} ms")
        report("directory_search", engine=args.engine, path="all searches", entries=args.entries, **overall)

        cold, warm = time_postcodes(args.seed)
        print(f"  postcode lookup cold p95 {cold['p95_ms']:.2f} ms, warm p95 {warm['p95_ms']:.3f} ms")
        report("postcode_lookup", engine="none", path="first in its district (cold)", **cold)
        report("postcode_lookup", engine="none", path="district loaded (warm)", **warm)
        letters = time_council_letters()
        loads = summary_ms(list(letters["loads"].values()))
        grown = letters["rss_after"] - letters["rss_before"]
        print(
            f"  council columns, first lookup of a postcode letter p50 {loads['p50_ms']:.0f} ms, "
            f"max {loads['max_ms']:.0f} ms; all 26 letters {sum(letters['loads'].values()):.1f} s, "
            f"+{grown:.0f} MiB"
        )
        report("postcode_lookup", engine="none", path="council columns, first of a letter", **loads)
    finally:
        from django.db import connections

        connections.close_all()
        drop()


if __name__ == "__main__":
    main()
