"""`make bench`: runs every benchmark on SQLite and PostgreSQL, prints a table and writes
benchmarks/results/latest.json. Each benchmark also runs alone with one command (see
its docstring)."""

import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from common import PG_ADMIN_URL, TEMPLATE_VARIABLE

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable

FULL = os.environ.get("HAVEN_BENCH_SIZE") == "full"

# (script, arguments, needs a database: True for both engines, or the engines it runs on).
# `make bench` runs sizes that end in minutes; `make bench-full` (HAVEN_BENCH_SIZE=full)
# the sizes the issues set their targets at.
BENCHMARKS = [
    ("audit_verify.py", ["--events", "1000000" if FULL else "50000"], True),
    (
        "audit_append.py",
        ["--processes", "1,2,4,8,16,32" if FULL else "1,4", "--seconds", "5" if FULL else "2"],
        True,
    ),
    ("page_request.py", ["--requests", "500" if FULL else "300"], True),
    ("form_render.py", ["--requests", "300" if FULL else "100"], True),
    (
        "work_queue.py",
        [
            "--tasks",
            "1000000" if FULL else "5000",
            "--team-tasks",
            "10000" if FULL else "2500",
            "--requests",
            "200" if FULL else "100",
        ],
        True,
    ),
    ("customer_search.py", ["--customers", "1000000" if FULL else "20000"], True),
    (
        "mr_tracker.py",
        ["--mrs", "200" if FULL else "100", "--on-page", "20", "--requests", "200" if FULL else "60"],
        True,
    ),
    ("directory_search.py", ["--entries", "20000" if FULL else "2500"], True),
    ("incident_steps.py", ["--users", "50" if FULL else "10", "--rounds", "20" if FULL else "3"], True),
    ("incident_events.py", ["--saves", "200", "--pairs", "25"], True),
    # A working day under Locust, on PostgreSQL only (the issue runs it there; SQLite takes
    # one writer at a time). The full size is seeded once and kept (--keep).
    (
        "day_load.py",
        ["--customers", "1000000", "--keep", "haven_day_full", "--stages", "25,50,100,150,200,300"]
        if FULL
        else ["--customers", "500", "--stages", "10,30", "--stage-seconds", "15"],
        ("postgresql",),
    ),
    # The floor in `make bench` on PostgreSQL only, the production stack (it seeds and serves
    # twice; the SQLite floor is in `make bench-full`).
    (
        "floor.py",
        ["--customers", "20000" if FULL else "500", "--requests", "300" if FULL else "20"],
        True if FULL else ("postgresql",),
    ),
    ("protocol_engine.py", [], False),
    ("working_days.py", ["--calls", "200000"], False),
    ("credential_guard.py", ["--repeats", "2000"], False),
    ("lawful_basis.py", ["--calls", "100000"], False),
]


def postgres_available() -> bool:
    probe = subprocess.run(["psql", PG_ADMIN_URL, "-qc", "select 1"], capture_output=True)
    return probe.returncode == 0


def migrated_templates(engines: list[str]) -> tuple[dict[str, str], callable]:
    """Migrates one database per engine for every benchmark's database to copy
    (benchmarks/common.py). Returns the environment naming them and how to remove them."""
    name = f"haven_bench_template_{os.getpid()}"
    sqlite_path = HERE.parent / f"{name}.sqlite3"
    urls = {"sqlite": f"sqlite:///{sqlite_path}", "postgresql": f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"}
    env: dict[str, str] = {}
    for engine in engines:
        if engine == "postgresql":
            subprocess.run(["psql", PG_ADMIN_URL, "-qc", f"CREATE DATABASE {name}"], check=True)
        began = time.perf_counter()
        migrate_env = {**os.environ, "DATABASE_URL": urls[engine]}
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--no-input", "-v0"], cwd=HERE.parent, env=migrate_env, check=True
        )
        print(f"Migrated the {engine} template once for every benchmark ({time.perf_counter() - began:.0f} s)")
        env[TEMPLATE_VARIABLE.format(engine=engine.upper())] = str(sqlite_path) if engine == "sqlite" else name

    def remove() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        if "postgresql" in engines:
            subprocess.run(["psql", PG_ADMIN_URL, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=False)

    return env, remove


def run(script: str, args: list[str], engine: str, template_env: dict[str, str]) -> list[dict]:
    command = [PYTHON, str(HERE / script), "--engine", engine, *args]
    print(f"$ {' '.join(command[1:])}", flush=True)
    env = {**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, **template_env}
    began = time.perf_counter()
    completed = subprocess.run(command, cwd=HERE, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - began
    results = []
    for line in completed.stdout.splitlines():
        if line.startswith("RESULT "):
            results.append(json.loads(line.removeprefix("RESULT ")))
        else:
            print(f"  {line}")
    print(f"  ({seconds:.0f} s)", flush=True)
    if completed.returncode != 0:
        print(completed.stderr[-3000:])
        results.append({"benchmark": script, "engine": engine, "error": completed.stderr.strip().splitlines()[-1:]})
    return results


def main() -> int:
    began = time.perf_counter()
    engines = ["sqlite"] + (["postgresql"] if postgres_available() else [])
    results: list[dict] = []
    template_env, remove_templates = migrated_templates(engines)
    try:
        for script, args, needs_database in BENCHMARKS:
            if not (HERE / script).exists():
                continue
            wanted = engines if needs_database is True else list(needs_database or ["sqlite"])
            for engine in [engine for engine in wanted if engine in engines or not needs_database]:
                results.extend(run(script, args, engine, template_env))
    finally:
        remove_templates()

    print("\n| benchmark | engine | detail | figures |\n| --- | --- | --- | --- |")
    for result in results:
        detail = result.get("path") or result.get("events") or ""
        figures = {k: v for k, v in result.items() if k not in {"benchmark", "engine", "path"}}
        print(f"| {result['benchmark']} | {result['engine']} | {detail} | {figures} |")

    machine = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }
    out = HERE / "results" / "latest.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({**machine, "results": results}, indent=2))
    print(f"\nWrote {out.relative_to(HERE.parent)} ({(time.perf_counter() - began) / 60:.1f} minutes in all)")
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
