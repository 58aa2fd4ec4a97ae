"""What every benchmark shares: a scratch database of its own, Django set-up, and one
way to report a figure so `benchmarks/run.py` can collect it into a table."""

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("HAVEN_BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")


# `make bench` migrates one database per engine before it starts and names it here
# (benchmarks/run.py): every benchmark's new database is a copy of it, so the suite pays for
# migrating once per engine instead of about 11 s a benchmark.
TEMPLATE_VARIABLE = "HAVEN_BENCH_TEMPLATE_{engine}"
# URLs of databases made from that template, which migrate() leaves alone.
_MIGRATED: set[str] = set()


def _template(engine: str) -> str | None:
    return os.environ.get(TEMPLATE_VARIABLE.format(engine=engine.upper()))


def _create(engine: str, name: str) -> str:
    """Makes the database `name`, a copy of the migrated template when there is one."""
    template = _template(engine)
    if engine == "sqlite":
        path = ROOT / f"{name}.sqlite3"
        url = f"sqlite:///{path}"
        if template:
            import sqlite3

            source, copy = sqlite3.connect(template), sqlite3.connect(path)
            try:
                source.backup(copy)
            finally:
                source.close()
                copy.close()
            _MIGRATED.add(url)
        return url
    clause = f" TEMPLATE {template}" if template else ""
    subprocess.run(["psql", PG_ADMIN_URL, "-qc", f"CREATE DATABASE {name}{clause}"], check=True)
    url = f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    if template:
        _MIGRATED.add(url)
    return url


def scratch_database(engine: str) -> tuple[str, callable]:
    """Returns a DATABASE_URL for a new database and a function that removes it."""
    name = f"haven_bench_{uuid.uuid4().hex[:8]}"
    url = _create(engine, name)
    if engine == "sqlite":
        path = ROOT / f"{name}.sqlite3"

        def drop() -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)

        return url, drop

    def drop() -> None:
        # FORCE: the benchmark's own pool (config/settings/base.py) still holds connections.
        subprocess.run(["psql", PG_ADMIN_URL, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)

    return url, drop


def kept_database(engine: str, name: str) -> tuple[str, bool]:
    """A named database the benchmark keeps (`--keep NAME`), so a slow seeding is done once
    and later runs measure on it again. Returns its URL and whether it was just made (and
    so needs seeding). Drop it by hand when done (`DROP DATABASE`, or delete the file)."""
    if engine == "sqlite":
        path = ROOT / f"{name}.sqlite3"
        return (f"sqlite:///{path}", False) if path.exists() else (_create(engine, name), True)
    probe = subprocess.run(
        ["psql", PG_ADMIN_URL, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        check=True,
        capture_output=True,
        text=True,
    )
    if probe.stdout.strip() == "1":
        return f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}", False
    return _create(engine, name), True


def bench_database(engine: str, keep: str | None) -> tuple[str, callable, bool]:
    """The database a benchmark runs in: a scratch one, removed afterwards, or with
    `keep` a named one left in place. Returns its URL, how to clean up, and whether it is
    new (and so needs seeding)."""
    if keep:
        url, made = kept_database(engine, keep)
        return url, lambda: None, made
    url, drop = scratch_database(engine)
    return url, drop, True


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def migrate() -> None:
    if os.environ.get("DATABASE_URL") in _MIGRATED:
        return
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary_ms(samples: list[float]) -> dict:
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples) * 1000, 3),
        "p95_ms": round(percentile(samples, 95) * 1000, 3),
        "max_ms": round(max(samples) * 1000, 3),
    }


def report(name: str, **figures) -> None:
    """One line a figure set: readable, and machine-collectable by run.py."""
    print(f"RESULT {json.dumps({'benchmark': name, **figures})}", flush=True)


def server_cpu_seconds() -> float | None:
    """CPU seconds the PostgreSQL backend serving this process's connection has used, read
    from /proc (the server runs on this machine). With `python_cpu_seconds` it gives the
    work a figure costs, which a machine shared with other work does not inflate as it
    does the wall time. None on SQLite (in process: counted as Python) or elsewhere."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # utime and stime are the 14th and 15th fields; the split starts at the 3rd.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def python_cpu_seconds() -> float:
    """CPU seconds of this process and of its finished child processes."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(database_url: str, workers: int, settings_module: str = "config.settings.bench", env: dict | None = None):
    """gunicorn with uvicorn workers on the benchmark's database, as production serves Haven,
    in processes of their own. Returns the server process and its port once /health answers;
    the caller terminates it. `env` adds variables for the server only."""
    port = free_port()
    server_env = {**os.environ, **(env or {}), "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": settings_module}
    command = [sys.executable, "-m", "gunicorn", "config.asgi:application", "-k", "uvicorn.workers.UvicornWorker"]
    command += ["-w", str(workers), "-b", f"127.0.0.1:{port}", "--keep-alive", "75", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=server_env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/health")
            if probe.getresponse().status == 200:
                return server, port
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the benchmark's server did not start within 60 s")
