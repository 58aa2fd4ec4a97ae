"""A working day of load (issue 9): Locust (benchmarks/locustfile.py) drives caseworkers,
support partners and team leaders, in a team's proportions, against Haven served as in
production (gunicorn with uvicorn workers, 2 x cores + 1) on a seed_scale data set, in
stages of more and more people. For each stage: requests a second sustained, p50 and p95
over the steady part (after everyone has signed in), errors, and each server process's
memory. Then the highest rate held at p95 under 200 ms with no errors, and the knee: the
last stage before p95 more than doubles from the first stage's.

    .venv/bin/python benchmarks/day_load.py --engine postgresql --customers 5000 --stages 20,50,100 --stage-seconds 60

`--keep NAME` keeps the seeded database (and the accounts) for later runs, so a large
data set is seeded once: `--keep haven_day --customers 100000`.
"""

import argparse
import contextlib
import io
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, bench_database, migrate, percentile, report, serve, setup_django
from pg_watch import PostgresWatch

TARGET_P95_MS = 200
TEAM = {"caseworker": 7, "partner": 2, "team_leader": 1}  # the locustfile's weights
DETAIL = ("slowest", "errors_by_request")  # printed, not in the results file
LOCUST = str(Path(sys.executable).with_name("locust"))


def _accounts(users: int, first_team: int = 0) -> dict[str, list[dict]]:
    """Enough people, in teams of ten in the demo contact centre (from team `first_team` on),
    each with a password and an authenticator; made once and read back on later runs of a
    kept database."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import decrypt

    from accounts import services
    from accounts.models import Office, Team, User
    from accounts.personas import DEMO_PASSWORD
    from accounts.roles import Role
    from core.system import system_actor

    actor = system_actor()
    office = Office.objects.get(name="Newcastle Contact Centre")
    accounts: dict[str, list[dict]] = {role: [] for role in TEAM}
    for number in range(first_team, first_team + _teams(users)):
        team = Team.objects.filter(office=office, name=f"Day team {number}").first() or services.team_create(
            actor=actor, office=office, name=f"Day team {number}"
        )
        for role, count in TEAM.items():
            for index in range(count):
                username = f"day-{number}-{role.replace('_', '-')}-{index}"
                user = User.objects.filter(username=username).first() or services.staff_create(
                    actor=actor,
                    username=username,
                    password=DEMO_PASSWORD,
                    first_name=role.replace("_", " ").title(),
                    last_name=f"{number}-{index}",
                    role=Role.TEAM_LEADER if role == "team_leader" else Role.CASEWORKER,
                    team=team,
                    email=f"{username}@haven.invalid",
                )
                authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
                if authenticator is None:
                    authenticator = TOTP.activate(user, generate_totp_secret()).instance
                secret = decrypt(authenticator.data["secret"])
                accounts[role].append({"username": username, "password": DEMO_PASSWORD, "secret": secret})
    # Interleave the teams so the first people to start are spread across them.
    for role in accounts:
        accounts[role].sort(key=lambda account: (int(account["username"].rsplit("-", 1)[1]), account["username"]))
    return accounts


def _teams(users: int) -> int:
    return math.ceil(users / sum(TEAM.values()))


def _plan(users: int, steps_per_call: int) -> dict:
    from incident_steps import answer_for

    from accounts.personas import ORGANISATION
    from disclosures.tests.helpers import form_post
    from incidents import definitions
    from people.models import Customer

    customers = list(
        Customer.objects.filter(organisation__name=ORGANISATION, is_restricted=False)
        .order_by("?")
        .values("id", "family_name")[:500]
    )
    return {
        "root": str(ROOT),
        # Two sets of people, taking turns by stage: each stage is a new Locust run whose
        # people sign in again, and a person signing in twice within one 30 s authenticator
        # window would be refused the code they had just used (allauth's replay check).
        # Stages alternating between the sets are a whole stage apart.
        "accounts": [_accounts(users), _accounts(users, first_team=_teams(users))],
        "customers": customers,
        "steps_per_call": steps_per_call,
        "answers": {
            protocol: {step_id: answer_for(step) for step_id, step in definitions.active(protocol).step_map.items()}
            for protocol in definitions.PROTOCOLS
        },
        # The decision the call needs recorded: the disclosures page tests' own answers,
        # sharing the name alone (what else Haven holds differs from customer to customer).
        "disclosure": form_post(items=["name"]),
    }


def _memory_mib(server) -> list[float]:
    import psutil

    return [child.memory_info().rss / 2**20 for child in psutil.Process(server.pid).children()]


def _cpu_seconds(server) -> tuple[float, float]:
    """CPU time used so far by the web worker processes and by PostgreSQL's processes:
    over a stage, which of them is using the machine's cores."""
    import psutil

    def used(process) -> float:
        try:
            times = process.cpu_times()
        except psutil.Error:  # a process that ended in between
            return 0.0
        return times.user + times.system

    web = sum(used(child) for child in psutil.Process(server.pid).children())
    database = sum(used(process) for process in psutil.process_iter(["name"]) if process.info["name"] == "postgres")
    return web, database


def _prewarm() -> None:
    """Reads the tables, then their indexes, into the operating system's page cache
    (pg_prewarm's "read" mode). The audit trail's rows (most of the data set, written and
    verified but hardly read by pages) and the TOAST of encrypted runs are left out, so
    what a day's work reads fits in the machine's memory, as it would on a service sized
    for its data."""
    from django.db import connection

    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        cursor.execute(
            """
            SELECT coalesce(sum(pg_prewarm(oid, 'read')), 0) * current_setting('block_size')::bigint
              FROM (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') AND c.relname <> 'audit_auditevent'
                     ORDER BY c.relkind DESC) AS tables_then_indexes
            """
        )
        (size,) = cursor.fetchone()
    print(f"prewarmed {size / 2**30:.1f} GiB in {time.perf_counter() - began:.0f} s", flush=True)


@contextlib.contextmanager
def _watch(database_url: str):
    """PostgreSQL's side of the stage (benchmarks/pg_watch.py); nothing on SQLite."""
    if not database_url.startswith("postgres"):
        yield None
        return
    with PostgresWatch(database_url) as watch:
        yield watch


def _stage(port: int, plan_path: str, database_url: str, users: int, seconds: int, server, number: int) -> dict:
    samples_path = tempfile.mktemp(suffix=".json", prefix="haven-day-")  # noqa: S306 - Locust writes it
    ramp = max(5, users // 10)
    env = {
        **os.environ,
        "HAVEN_DAY_PLAN": plan_path,
        "HAVEN_DAY_SAMPLES": samples_path,
        "HAVEN_DAY_ACCOUNTS": str(number % 2),
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
    }
    command = [LOCUST, "-f", str(Path(__file__).with_name("locustfile.py")), "--headless", "--only-summary"]
    command += ["-H", f"http://127.0.0.1:{port}", "-u", str(users), "-r", str(users / ramp)]
    command += ["--run-time", f"{ramp + seconds}s", "--stop-timeout", "10", "--loglevel", "WARNING"]
    began = time.time()
    locust = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(ramp)
    with _watch(database_url) as watch:  # the steady part only, as the latencies are
        cpu_before, cpu_from = _cpu_seconds(server), time.perf_counter()
        time.sleep(seconds * 0.9)
        memory = _memory_mib(server)  # near the stage's end, with everyone busy
        cpu_after, cpu_seconds = _cpu_seconds(server), time.perf_counter() - cpu_from
    web_cores, database_cores = (
        (after - before) / cpu_seconds for after, before in zip(cpu_after, cpu_before, strict=True)
    )
    locust.communicate(timeout=seconds + 120)
    with open(samples_path, encoding="utf-8") as file:
        samples = json.load(file)
    os.unlink(samples_path)
    # Steady: from the moment the last person finished signing in (argon2 and the code
    # check make sign-in the costliest request of the day) to the stage's end.
    signed_in = max((s[0] for s in samples if s[1] == "sign in: code"), default=began + ramp)
    steady_from, steady_to = max(signed_in, began + ramp) + 2, began + ramp + seconds
    steady = [s for s in samples if steady_from <= s[0] <= steady_to]
    times = [s[2] for s in steady]
    by_name: dict[str, list[float]] = {}
    for _, name, ms, _ok in steady:
        by_name.setdefault(name, []).append(ms)
    return {
        "users": users,
        "requests": len(steady),
        "rps": round(len(steady) / (steady_to - steady_from), 1),
        "p50_ms": round(statistics.median(times), 1) if times else None,
        "p95_ms": round(percentile(times, 95), 1) if times else None,
        "errors": sum(1 for s in samples if not s[3]),
        "errors_by_request": sorted(
            {
                name: sum(1 for s in samples if s[1] == name and not s[3])
                for name in {s[1] for s in samples if not s[3]}
            }.items()
        ),
        "all_requests": len(samples),
        **(watch.figures() if watch else {}),
        "worker_rss_mib": [round(value) for value in memory],
        "web_cores_busy": round(web_cores, 2),  # of os.cpu_count(); one worker can use one at most
        "database_cores_busy": round(database_cores, 2),
        "slowest": sorted(
            ((name, round(percentile(values, 95), 1), len(values)) for name, values in by_name.items()),
            key=lambda row: -row[1],
        )[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--customers", type=int, default=5000, help="the seed_scale size (a new database only)")
    parser.add_argument("--stages", default="20,50,100", help="people at once in each stage, comma-separated")
    parser.add_argument("--stage-seconds", type=int, default=60)
    parser.add_argument("--steps-per-call", type=int, default=6)
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1) + 1,
        help="server processes (default 2 x cores + 1, as docs/scaling.md advises for production)",
    )
    parser.add_argument("--keep", help="keep the seeded database under this name, and reuse it")
    parser.add_argument(
        "--prewarm",
        action="store_true",
        help="PostgreSQL: read every index and table (but the audit trail's rows) into the page cache first, as a "
        "service that has been running for a while has them; without it a database just loaded or restarted is "
        "measured cold",
    )
    args = parser.parse_args()
    stages = [int(value) for value in args.stages.split(",")]

    url, drop, made = bench_database(args.engine, args.keep)
    try:
        setup_django(url)
        migrate()
        from django.core.management import call_command
        from django.db import connections

        from accounts.personas import load_demo

        if made:
            load_demo()
            began = time.perf_counter()
            call_command("seed_scale", customers=args.customers, stdout=io.StringIO())
            print(f"{args.engine}: seed_scale --customers {args.customers:,} in {time.perf_counter() - began:.0f} s")
        if args.prewarm:
            _prewarm()
        plan = _plan(max(stages), args.steps_per_call)
        connections.close_all()
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
            json.dump(plan, file)
        server, port = serve(url, args.workers)
        results = []
        try:
            for number, users in enumerate(stages):
                stage = _stage(port, file.name, url, users, args.stage_seconds, server, number)
                results.append(stage)
                print(
                    f"{args.engine:<10} {users:>4} people  {stage['rps']:>6.1f} req/s  p50 {stage['p50_ms']} ms  "
                    f"p95 {stage['p95_ms']} ms  errors {stage['errors']} of {stage['all_requests']}  "
                    f"server processes {stage['worker_rss_mib']} MiB, cores busy: web {stage['web_cores_busy']}, "
                    f"database {stage['database_cores_busy']}"
                )
                print(f"           slowest p95: {', '.join(f'{n} {p} ms (n={c})' for n, p, c in stage['slowest'])}")
                if "pg_connections_peak" in stage:
                    print(
                        f"           PostgreSQL: {stage['pg_connections_peak']} connections at peak "
                        f"({stage['pg_active_peak']} active), {stage['pg_lock_waits_mean']} waiting on a lock on "
                        f"average, on the audit chain head in {stage['pg_samples_waiting_on_chain_head_pct']}% of "
                        f"samples (at most {stage['pg_chain_head_waits_peak']}), {stage['pg_transactions_per_s']} "
                        f"transactions, {stage['pg_rows_written_per_s']} rows written and "
                        f"{stage['audit_events_per_s']} audit events a second"
                    )
                if stage["errors_by_request"]:
                    print(f"           errors: {stage['errors_by_request']}")
                figures = {key: value for key, value in stage.items() if key not in DETAIL}
                report("day_load", engine=args.engine, path=f"{users} people", **figures)
        finally:
            server.terminate()
            server.wait(30)
            os.unlink(file.name)
        held = [s for s in results if s["p95_ms"] is not None and s["p95_ms"] < TARGET_P95_MS and not s["errors"]]
        first = results[0]["p95_ms"] or 0
        pairs = zip(results, results[1:], strict=False)
        knee = next((previous for previous, stage in pairs if (stage["p95_ms"] or 0) > 2 * first), None)
        sustained = max((s["rps"] for s in held), default=0)
        print(
            f"sustained at p95 under {TARGET_P95_MS} ms with no errors: {sustained} req/s; knee: "
            + (f"{knee['users']} people ({knee['rps']} req/s)" if knee else "not reached in these stages")
        )
        report(
            "day_load",
            engine=args.engine,
            path="sustained",
            rps=sustained,
            knee_users=knee["users"] if knee else None,
            customers=args.customers,
        )
    finally:
        from django.db import connections

        connections.close_all()
        drop()


if __name__ == "__main__":
    main()
