"""How fast the protocol engine is: loading and validating every definition (the tests'
fixtures and the real ones in protocols/definitions), and the engine's time per step of a
run (answer checked, transition chosen, effects raised). Target: under 100 microseconds a
step on the 2-core machine. The engine needs no database, so `--engine` is accepted (for
`benchmarks/run.py`) and ignored.

    .venv/bin/python benchmarks/protocol_engine.py [--engine sqlite|postgresql] [--repeats 20] [--runs 2000]
"""

import argparse
import statistics
import sys
import time

from common import ROOT, report

sys.path.insert(0, str(ROOT))

from protocols.engine import Registry, Run  # noqa: E402
from protocols.engine.validate import DEFINITIONS_ROOT, compile_file  # noqa: E402
from protocols.tests.helpers import VALID  # noqa: E402
from protocols.tests.walking import distances_to_end, step_towards_end  # noqa: E402

TARGET_US = 100


def registries() -> list[Registry]:
    return [Registry(VALID), Registry(DEFINITIONS_ROOT, VALID)]


def time_load_and_validate(repeats: int) -> tuple[int, list[float]]:
    files = [(path, registry.resolve) for registry in registries() for path in registry.paths()]
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        for path, resolve in files:
            definition, problems = compile_file(path, resolve)
            if definition is None or problems:
                raise SystemExit(f"{path} has problems: {problems}")
        samples.append(time.perf_counter() - started)
    return len(files), samples


def walks() -> list[tuple]:
    """One full walk (start to an end) of every definition, as the events to replay."""
    found = []
    for registry in registries():
        for protocol_id in registry.protocol_ids():
            for version in registry.versions(protocol_id):
                definition = registry.load(protocol_id, version)
                run, distance = Run.start(definition), distances_to_end(definition)
                while not run.finished:
                    step_towards_end(run, distance)
                found.append((definition, run.to_json()))
    return found


def time_steps(runs: int) -> tuple[int, list[float]]:
    """Replays each walk `runs` times; every replayed event goes through `Run.apply`."""
    per_step = []
    for definition, stored in walks():
        steps = len(stored["events"])
        for _ in range(runs):
            started = time.perf_counter()
            Run.replay(definition, stored)
            per_step.append((time.perf_counter() - started) / steps)
    return len(per_step), per_step


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite", help="Ignored: no database.")
    parser.add_argument("--repeats", type=int, default=20, help="Times to load and validate every definition.")
    parser.add_argument("--runs", type=int, default=2000, help="Replays of each definition's walk.")
    args = parser.parse_args()

    files, load_samples = time_load_and_validate(args.repeats)
    replays, step_samples = time_steps(args.runs)
    load_ms = statistics.median(load_samples) * 1000
    step_us = statistics.median(step_samples) * 1_000_000
    worst_us = max(step_samples) * 1_000_000
    print(f"load and validate {files} definition files: {load_ms:.1f} ms ({load_ms / files:.2f} ms a file)")
    print(f"engine time per step: {step_us:.1f} µs median over {replays:,} replays (worst {worst_us:.1f} µs); ")
    print(f"target under {TARGET_US} µs: {'met' if step_us < TARGET_US else 'NOT MET'}")
    report(
        "protocol_engine",
        engine=args.engine,
        definitions=files,
        load_validate_all_ms=round(load_ms, 2),
        load_validate_per_file_ms=round(load_ms / files, 3),
        step_p50_us=round(step_us, 2),
        step_max_us=round(worst_us, 2),
        target_us=TARGET_US,
        target_met=step_us < TARGET_US,
    )


if __name__ == "__main__":
    main()
