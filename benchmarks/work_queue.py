"""The deadline sweep and the team queue page at scale (issue 5).

Seeds N open tasks (default a million) with bulk_create into a scratch database, each with
one reminder; `--due-percent` of them (default 1%) are overdue and have a reminder due.
Then times one sweep (every due reminder sent, every overdue task escalated, with their
notifications and audit events; emails go to a recording gateway, so the email provider's
speed is not measured), and a second sweep that must find nothing to do. Targets: the
sweep under 5 s on PostgreSQL for a million tasks with 1% due.

Then times the Team work page for a team leader whose team has `--team-tasks` open tasks
(default 10,000), through the whole middleware stack, in-process. Target: p95 under 150 ms.

    .venv/bin/python benchmarks/work_queue.py [--engine sqlite|postgresql] [--tasks 1000000]
        [--due-percent 1] [--team-tasks 10000] [--requests 200] [--keep NAME] [--sweeps 1]

With `--keep NAME` the database of that name is kept and seeded only the first time; a
later run first puts back what the last sweep did (reminders unsent, escalations undone,
its notifications removed; its audit events stay, as they must) and times the sweep again.
`--requests 0` skips the page. `--sweeps N` times the sweep N times, putting back what
each did before the next (so three figures on a shared machine are one command).
"""

import argparse
import os
import time
from datetime import timedelta

from common import bench_database, migrate, python_cpu_seconds, report, server_cpu_seconds, setup_django, summary_ms

SEED_BATCH = 10_000


def _seed(*, total: int, due_percent: float, team_tasks: int) -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    from accounts import services as accounts_services
    from accounts.models import Team
    from accounts.personas import DEMO_PASSWORD, load_demo
    from core.system import system_actor
    from work.models import Task, TaskReminder

    users = {user.username: user for user in load_demo()}
    team_a = users["tom"].team
    # Everyone else's work lives in another team of the same office, with its own leader.
    other = Team.objects.filter(name="Benchmark team B").first() or accounts_services.team_create(
        actor=system_actor(), office=team_a.office, name="Benchmark team B"
    )
    bulk_worker = accounts_services.staff_create(
        actor=system_actor(),
        username="bench-worker",
        password=DEMO_PASSWORD,
        first_name="Bench",
        last_name="Worker",
        role="caseworker",
        team=other,
        email="bench-worker@haven.invalid",
    )
    accounts_services.staff_create(
        actor=system_actor(),
        username="bench-leader",
        password=DEMO_PASSWORD,
        first_name="Bench",
        last_name="Leader",
        role="team-leader",
        team=other,
        email="bench-leader@haven.invalid",
    )
    organisation_id = team_a.office.region.organisation_id
    now = timezone.now()
    every = max(1, round(100 / due_percent)) if due_percent else 0
    holders_a = [(users["cara"], None), (users["hana"], None), (None, team_a)]
    actor = system_actor()
    started = time.perf_counter()
    for start in range(0, total, SEED_BATCH):
        tasks = []
        for n in range(start, min(total, start + SEED_BATCH)):
            due = bool(every) and n % every == 0
            assignee, team = holders_a[n % 3] if n < team_tasks else (bulk_worker, None)
            due_at = now - timedelta(minutes=5) if due else now + timedelta(days=2 + n % 20)
            tasks.append(
                Task(
                    title=f"Benchmark task {n}",
                    rule_code="da-plan.review",
                    rule_source="DA Plan, review within a day or two",
                    organisation_id=organisation_id,
                    assignee=assignee,
                    team=team,
                    holder_team=assignee.team if assignee else team,
                    due_at=due_at,
                    due_on=timezone.localdate(due_at),
                    created_by=actor,
                )
            )
        with transaction.atomic():
            Task.objects.bulk_create(tasks, batch_size=2000)
            TaskReminder.objects.bulk_create(
                [TaskReminder(task=task, remind_at=task.due_at - timedelta(hours=1)) for task in tasks], batch_size=2000
            )
        if start and start % 200_000 == 0:
            print(f"  seeded {start:,} tasks in {time.perf_counter() - started:.0f} s", flush=True)
    if connection.vendor == "postgresql":
        # What autovacuum would have done by the time a real sweep runs: statistics for the
        # planner, the visibility map for index-only counts, and the seeding's WAL flushed,
        # so the sweep is not timed against the aftermath of loading two million rows.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE work_task")
            cursor.execute("VACUUM ANALYZE work_taskreminder")
            cursor.execute("CHECKPOINT")
    return users


def _undo_last_sweep() -> dict:
    """A kept database again as seeded: what a sweep changed is put back, then vacuumed,
    so the next sweep does the same work on the same tables."""
    from django.db import connection

    from accounts.models import User

    with connection.cursor() as cursor:
        cursor.execute("UPDATE work_taskreminder SET sent_at = NULL WHERE sent_at IS NOT NULL")
        cursor.execute(
            "UPDATE work_task SET escalated_at = NULL, escalated_to_id = NULL WHERE escalated_at IS NOT NULL"
        )
        cursor.execute("DELETE FROM work_notification")
        if connection.vendor == "postgresql":
            for table in ("work_task", "work_taskreminder", "work_notification", "audit_auditevent"):
                cursor.execute(f"VACUUM ANALYZE {table}")
            cursor.execute("CHECKPOINT")
    return {user.username: user for user in User.objects.all()}


def _time_sweep(engine: str, total: int) -> None:
    from work import notify
    from work.sweep import run_sweep

    fake = notify.FakeGateway()
    notify.use_gateway(fake)
    # A worker process has its URLconf loaded after its first job; the sweep's first
    # reverse() would otherwise time importing every app's views.
    from django.urls import reverse

    reverse("work:mine")
    load_before = os.getloadavg()[0]
    server_before, python_before = server_cpu_seconds(), python_cpu_seconds()
    started = time.perf_counter()
    result = run_sweep()
    seconds = time.perf_counter() - started
    python_cpu = python_cpu_seconds() - python_before
    server_after = server_cpu_seconds()
    server_cpu = None if server_before is None or server_after is None else server_after - server_before
    again_started = time.perf_counter()
    again = run_sweep()
    again_seconds = time.perf_counter() - again_started
    notify.use_gateway(None)
    assert (again.reminders_sent, again.escalated) == (0, 0), again
    print(
        f"{engine:<10} sweep over {total:,} open tasks: {result.reminders_sent:,} reminders, "
        f"{result.escalated:,} escalations, {len(fake.sent):,} emails in {seconds:.2f} s; "
        f"second sweep {again_seconds * 1000:.1f} ms",
        flush=True,
    )
    report(
        "work_sweep",
        engine=engine,
        events=total,
        reminders=result.reminders_sent,
        escalated=result.escalated,
        seconds=round(seconds, 3),
        second_sweep_ms=round(again_seconds * 1000, 1),
        # CPU the sweep cost, in this process and in its database backend: on a machine
        # shared with other work these hold still where the wall time does not.
        python_cpu_seconds=round(python_cpu, 2),
        server_cpu_seconds=round(server_cpu, 2) if server_cpu is not None else None,
        load_average_before=round(load_before, 2),
    )


def _time_queue_page(engine: str, users: dict, team_tasks: int, requests: int) -> None:
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(users["tom"])
    for path in ("/work/team", "/work/team?overdue=on", "/work/team?page=100"):
        client.get(path)  # warm up: templates, first queries
        samples = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(path)
            samples.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        figures = summary_ms(samples)
        print(f"{engine:<10} GET {path:<24} p50 {figures['p50_ms']:.2f} ms  p95 {figures['p95_ms']:.2f} ms")
        report("work_queue_page", engine=engine, path=path, team_tasks=team_tasks, **figures)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--tasks", type=int, default=1_000_000)
    parser.add_argument("--due-percent", type=float, default=1.0)
    parser.add_argument("--team-tasks", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep", metavar="NAME", help="Keep the database of this name; seed it only if new.")
    parser.add_argument("--sweeps", type=int, default=1, help="Time the sweep this many times, undoing each.")
    args = parser.parse_args()

    url, drop, new = bench_database(args.engine, args.keep)
    try:
        setup_django(url)
        migrate()
        started = time.perf_counter()
        if new:
            users = _seed(total=args.tasks, due_percent=args.due_percent, team_tasks=args.team_tasks)
            print(f"{args.engine:<10} seeded {args.tasks:,} tasks in {time.perf_counter() - started:.0f} s", flush=True)
        else:
            users = _undo_last_sweep()
            print(f"{args.engine:<10} reusing {args.keep}, last sweep undone", flush=True)
        # The page first: the sweep escalates the team's overdue tasks, which does not
        # change what the page reads, but measuring it before keeps the two apart.
        if args.requests:
            _time_queue_page(args.engine, users, args.team_tasks, args.requests)
        for run in range(args.sweeps):
            if run:
                _undo_last_sweep()
            _time_sweep(args.engine, args.tasks)
    finally:
        from django.db import connections

        connections.close_all()
        drop()


if __name__ == "__main__":
    main()
