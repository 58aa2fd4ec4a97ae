"""How fast the credential guard judges free text: every free-text input in Haven asks it
on every save, so it must cost nothing a person could notice, and no input may make its
patterns backtrack for long (a 4,000-character note of nothing but credential words is
the worst case it is timed on). Target: under 5 ms for a 4,000-character note, a
small part of a save's own time. No
database, so `--engine` is accepted (for `benchmarks/run.py`) and ignored.

    .venv/bin/python benchmarks/credential_guard.py [--engine sqlite|postgresql] [--repeats 2000]
"""

import argparse
import statistics
import sys
import time

from common import ROOT, report

sys.path.insert(0, str(ROOT))

from consent.credential_guard import find_credential  # noqa: E402
from consent.tests.credential_corpus import MUST_CATCH, MUST_PASS  # noqa: E402

TARGET_MS = 5.0
LIMIT = 4000


def notes() -> dict[str, str]:
    ordinary = " ".join(MUST_PASS)
    return {
        "ordinary note": (ordinary * 2)[:LIMIT],
        "credential words only": ("password pin memorable word security answer is " * 100)[:LIMIT],
        "connectors only": ("password is is is : : = " * 200)[:LIMIT],
        "secret at the end": (ordinary * 2)[: LIMIT - 30] + " her PIN is 4821",
    }


def time_one(text: str, repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        find_credential(text)
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite", help="Ignored: no database.")
    parser.add_argument("--repeats", type=int, default=2000)
    args = parser.parse_args()

    figures = {}
    for name, text in notes().items():
        samples = time_one(text, args.repeats)
        figures[name] = (statistics.median(samples) * 1000, max(samples) * 1000)
        print(f"{name} ({len(text)} characters): {figures[name][0]:.3f} ms median, {figures[name][1]:.3f} ms worst")
    corpus = [*MUST_CATCH, *MUST_PASS]
    started = time.perf_counter()
    for _ in range(20):
        for text in corpus:
            find_credential(text)
    per_line_us = (time.perf_counter() - started) / (20 * len(corpus)) * 1_000_000
    worst_median = max(median for median, _ in figures.values())
    verdict = "met" if worst_median < TARGET_MS else "NOT MET"
    print(f"corpus lines: {per_line_us:.1f} µs each; target under {TARGET_MS} ms a 4,000-character note: {verdict}")
    report(
        "credential_guard",
        engine=args.engine,
        note_characters=LIMIT,
        worst_case_p50_ms=round(worst_median, 3),
        ordinary_note_p50_ms=round(figures["ordinary note"][0], 3),
        corpus_line_us=round(per_line_us, 1),
        target_ms=TARGET_MS,
        target_met=worst_median < TARGET_MS,
    )


if __name__ == "__main__":
    main()
