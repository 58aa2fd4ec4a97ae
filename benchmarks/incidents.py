"""Live incidents at 50 concurrent simulated users (issue 8): each a caseworker with an
incident of their own, in a thread of their own, submitting steps of the DA Plan and
autosaving notes through the real pages (Django's whole middleware stack, in-process so
the network is not measured). Prints p50 and p95 server time of each. Target: p95 under
100 ms on SQLite and PostgreSQL on this 2-core machine.

    .venv/bin/python benchmarks/incidents.py [--engine sqlite|postgresql] [--users 50] [--rounds 20] [--think 3]
"""

import argparse
import json
import random
import threading
import time
import uuid

from common import migrate, report, scratch_database, setup_django, summary_ms

FRAGMENT = {"HTTP_X_HAVEN_FRAGMENT": "1"}


def _answer_for(step) -> dict:
    """A valid answer for any step of any plan, as the page's form would post it."""
    kind = step.answer.type if step.kind == "question" else step.kind
    if kind in ("choice", "yes_no"):
        return {"answer": step.options()[0].value}
    if kind == "decision":
        return {"answer": step.outcomes[0].value, "role": step.roles[0], "note": "Risk to life"}
    if kind == "number":
        return {"answer": "1"}
    if kind == "time":
        return {"answer": "14:30"}
    if kind == "location":
        return {"answer": "At home", "postcode": "NE1 4XF"}
    if kind == "text":
        return {"answer": "He said he would come round tonight"}
    return {}


def _workers(count: int):
    import dataclasses

    from accounts import personas
    from core.system import system_actor

    actor = system_actor()
    teams = personas._build_structure(actor)
    cara = next(persona for persona in personas.PERSONAS if persona.username == "cara")
    return [
        personas.create_persona(
            dataclasses.replace(cara, username=f"bench-worker-{number}", last_name=f"Worker {number}"),
            teams=teams,
            actor=actor,
        )
        for number in range(count)
    ]


def _simulate(worker, rounds: int, think: float, steps: list, notes: list, errors: list, start) -> None:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from incidents import runs, services

    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(worker)
    incident = services.incident_start(
        actor=worker, channel="telephone", protocol_id="domestic-abuse", caller_description="Bench caller"
    )
    entry, revision, text = str(uuid.uuid4()), 1, "Customer"
    start.wait()
    try:
        for _ in range(rounds):
            run = runs.run_of(incident)
            if run.finished:
                incident = services.incident_start(
                    actor=worker, channel="telephone", protocol_id="domestic-abuse", caller_description="Bench caller"
                )
                run = runs.run_of(incident)
            data = {"step": run.current, "version": incident.version, **_answer_for(run.step)}
            began = time.perf_counter()
            response = client.post(reverse("incidents:answer", args=[incident.pk]), data, **FRAGMENT)
            steps.append(time.perf_counter() - began)
            if response.status_code != 200:
                errors.append(f"step {response.status_code}")
            incident.refresh_from_db()
            time.sleep(random.uniform(0.5, 1.5) * think)  # the worker talks, then types

            text += " says he is outside and has been drinking."
            body = json.dumps({"entry": entry, "revision": revision, "text": text})
            began = time.perf_counter()
            response = client.post(
                reverse("incidents:notes", args=[incident.pk]), body, content_type="application/json"
            )
            notes.append(time.perf_counter() - began)
            if response.status_code != 200:
                errors.append(f"note {response.status_code}")
            else:
                revision = response.json()["revision"] + 1
            time.sleep(random.uniform(0.5, 1.5) * think)  # notes.js saves every 3 s
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=20)
    # Each user pauses this long (±50%) between actions, as a person does: notes.js
    # autosaves every 3 s while typing. 0 makes it a stress test with no pauses at all.
    parser.add_argument("--think", type=float, default=3.0)
    args = parser.parse_args()

    url, drop = scratch_database(args.engine)
    try:
        setup_django(url)
        migrate()
        from django.db import connections

        workers = _workers(args.users)
        connections.close_all()
        steps, notes, errors = [], [], []
        barrier = threading.Barrier(args.users)
        threads = [
            threading.Thread(target=_simulate, args=(worker, args.rounds, args.think, steps, notes, errors, barrier))
            for worker in workers
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        for name, samples in (("step_submission", steps), ("note_autosave", notes)):
            figures = summary_ms(samples)
            print(
                f"{args.engine:<10} {name:<16} {args.users} users  p50 {figures['p50_ms']:.1f} ms  "
                f"p95 {figures['p95_ms']:.1f} ms  max {figures['max_ms']:.1f} ms  (n={figures['n']})"
            )
            report(f"incident_{name}", engine=args.engine, users=args.users, **figures)
        print(f"{len(errors)} errors in {elapsed:.1f} s{': ' + ', '.join(sorted(set(errors))) if errors else ''}")
    finally:
        from django.db import connections

        connections.close_all()
        drop()


if __name__ == "__main__":
    main()
