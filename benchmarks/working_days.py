"""How fast the working-day calendar is: time per `add_working_days` call (the call every
deadline and reminder makes), per `working_days_between` call, and the one-off cost of
loading the bank holidays. Target: under 10 microseconds a call once warm, so a sweep
that computes a million deadlines spends seconds, not minutes, in the calendar. No
database, so `--engine` is accepted (for `benchmarks/run.py`) and ignored.

Not named calendar.py: benchmarks run with this folder first on sys.path, where a
calendar.py would stand in for the standard library's `calendar` in every benchmark.

    .venv/bin/python benchmarks/working_days.py [--engine sqlite|postgresql] [--calls 200000]
"""

import argparse
import datetime as dt
import random
import statistics
import sys
import time

from common import ROOT, report

sys.path.insert(0, str(ROOT))

from work import calendar  # noqa: E402
from work.calendar import Jurisdiction, add_working_days, working_days_between  # noqa: E402

TARGET_US = 10
BATCH = 1000


def cases(calls: int, seed: int = 5) -> list[tuple[dt.date, int, Jurisdiction]]:
    """Starts from 2020 to 2035 (both holiday sources), counts like Haven's rules use."""
    chooser = random.Random(seed)
    first = dt.date(2020, 1, 1).toordinal()
    jurisdictions = list(Jurisdiction)
    return [
        (
            dt.date.fromordinal(first + chooser.randrange(16 * 365)),
            chooser.choice((-10, -5, -2, 2, 5, 10, 20, 60)),
            chooser.choice(jurisdictions),
        )
        for _ in range(calls)
    ]


def time_first_call() -> float:
    """Loading GOV.UK's list and building one year's working days, from cold caches."""
    for cached in (calendar._govuk_holidays, calendar._bank_holidays, calendar._working_days):
        cached.cache_clear()
    started = time.perf_counter()
    add_working_days(dt.date(2026, 11, 27), 5, Jurisdiction.SCOTLAND)
    return time.perf_counter() - started


def per_call_us(function, arguments: list[tuple]) -> list[float]:
    """Microseconds a call, measured in batches so the clock's own cost does not dominate."""
    for args in arguments:  # warm the per-year caches for every year the cases touch
        function(*args)
    samples = []
    for start in range(0, len(arguments), BATCH):
        batch = arguments[start : start + BATCH]
        began = time.perf_counter()
        for args in batch:
            function(*args)
        samples.append((time.perf_counter() - began) / len(batch) * 1_000_000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite", help="Ignored: no database.")
    parser.add_argument("--calls", type=int, default=200_000, help="Calls timed for each function.")
    args = parser.parse_args()

    first_ms = time_first_call() * 1000
    add_cases = cases(args.calls)
    add_samples = per_call_us(add_working_days, add_cases)
    between_cases = [(start, start + dt.timedelta(days=abs(n) * 2), j) for start, n, j in add_cases]
    between_samples = per_call_us(working_days_between, between_cases)

    add_us, between_us = statistics.median(add_samples), statistics.median(between_samples)
    print(f"first call (load GOV.UK list, build a year): {first_ms:.1f} ms")
    print(f"add_working_days: {add_us:.2f} µs a call, median of {len(add_samples)} batches of {BATCH}")
    print(f"working_days_between: {between_us:.2f} µs a call")
    print(f"target under {TARGET_US} µs a call: {'met' if add_us < TARGET_US else 'NOT MET'}")
    report(
        "working_days",
        engine=args.engine,
        calls=args.calls,
        first_call_ms=round(first_ms, 2),
        add_working_days_p50_us=round(add_us, 3),
        add_working_days_max_us=round(max(add_samples), 3),
        working_days_between_p50_us=round(between_us, 3),
        target_us=TARGET_US,
        target_met=add_us < TARGET_US,
    )


if __name__ == "__main__":
    main()
