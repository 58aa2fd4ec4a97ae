"""How fast the lawful-basis rules are: time per `disclosures.lawful_basis.check` call over
a mix of valid and invalid combinations (every draft, change and confirmation of a
disclosure calls it, as does every form submission). Target: under 50 microseconds a call,
so the rules never show in a page's time. No database, so `--engine` is accepted (for
`benchmarks/run.py`) and ignored.

    .venv/bin/python benchmarks/lawful_basis.py [--engine sqlite|postgresql] [--calls 100000]
"""

import argparse
import dataclasses
import random
import statistics
import sys
import time

from common import ROOT, report

sys.path.insert(0, str(ROOT))

from disclosures import lawful_basis as lb  # noqa: E402

TARGET_US = 50
BATCH = 1000
BOOLS = [f.name for f in dataclasses.fields(lb.Facts) if f.type in ("bool", bool)]


def cases(calls: int, seed: int = 7) -> list[lb.Facts]:
    chooser = random.Random(seed)
    return [
        lb.Facts(
            consent=chooser.choice(list(lb.Consent)),
            article_6=chooser.choice(list(lb.Article6)),
            article_9=chooser.choice(list(lb.Article9)),
            schedule_1=chooser.choice(list(lb.Schedule1)),
            exemption=chooser.choice(list(lb.Exemption)),
            protection=chooser.choice(list(lb.Protection)),
            para_18_reason=chooser.choice(list(lb.Para18Reason)),
            **{name: chooser.random() < 0.5 for name in BOOLS},
        )
        for _ in range(calls)
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite", help="Ignored: no database.")
    parser.add_argument("--calls", type=int, default=100_000)
    args = parser.parse_args()
    facts = cases(args.calls)
    accepted = sum(lb.check(f).accepted for f in facts[:BATCH])  # warm, and a sanity figure
    samples = []
    for start in range(0, len(facts), BATCH):
        batch = facts[start : start + BATCH]
        began = time.perf_counter()
        for f in batch:
            lb.check(f)
        samples.append((time.perf_counter() - began) / len(batch) * 1_000_000)
    p50 = statistics.median(samples)
    print(f"lawful_basis.check: {p50:.2f} µs a call, median of {len(samples)} batches of {BATCH}")
    print(f"{accepted} of the first {BATCH} random combinations were valid")
    print(f"target under {TARGET_US} µs a call: {'met' if p50 < TARGET_US else 'NOT MET'}")
    report(
        "lawful_basis",
        engine=args.engine,
        calls=args.calls,
        check_p50_us=round(p50, 3),
        check_max_us=round(max(samples), 3),
        target_us=TARGET_US,
        target_met=p50 < TARGET_US,
    )


if __name__ == "__main__":
    main()
