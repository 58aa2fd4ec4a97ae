"""Live incidents at 50 concurrent simulated users (issue 8): each a caseworker with an
incident of their own, in a thread of their own, submitting steps of the DA Plan and
autosaving notes through the guided screen's endpoints, over HTTP to Haven served as in
production: gunicorn with uvicorn workers (one per core) in processes of their own, so the
simulated users do not share the server's interpreter. Prints p50 and p95 of each
request's time as the server's client sees it on loopback. Target: p95 under 100 ms on
SQLite and PostgreSQL on this 2-core machine.

    .venv/bin/python benchmarks/incident_steps.py [--engine sqlite|postgresql] [--users 50] [--rounds 20] [--think 3]
"""

import argparse
import http.client
import json
import os
import random
import threading
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from common import migrate, report, scratch_database, serve, setup_django, summary_ms


def answer_for(step) -> dict:
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


class Browser:
    """One signed-in person's keep-alive connection, with their session and CSRF cookies."""

    def __init__(self, port: int, worker) -> None:
        from django.test import Client

        client = Client()
        client.force_login(worker)
        self.cookies = {"sessionid": client.cookies["sessionid"].value}
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        headers = {"Cookie": cookie, "X-CSRFToken": self.cookies.get("csrftoken", ""), **(headers or {})}
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            # The server closed an idle keep-alive connection: open a new one, as a browser does.
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response


def _simulate(port, worker, rounds: int, think: float, steps: list, notes: list, errors: list, start) -> None:
    from django.db import connection
    from django.urls import reverse

    from incidents import runs, services

    def new_incident():
        return services.incident_start(
            actor=worker, channel="telephone", protocol_id="domestic-abuse", caller_description="Bench caller"
        )

    try:
        browser = Browser(port, worker)
        incident = new_incident()
        # Give the connection back before the page and the wait for the others: on
        # PostgreSQL this process has a pool of its own, smaller than fifty, and a thread
        # holding one meanwhile would keep the rest from getting ready.
        connection.close()
        browser.request("GET", reverse("incidents:guided", args=[incident.pk]))  # the page, and its CSRF cookie
    except BaseException:
        start.abort()  # the others stop waiting for a person who will never be ready
        raise
    entry, revision, text = str(uuid.uuid4()), 1, "Customer"
    start.wait()
    # People on fifty calls do not press a button in the same millisecond: each starts at
    # a random moment within one pause, as in a working day, then keeps its own rhythm.
    time.sleep(random.uniform(0, think))
    try:
        for _ in range(rounds):
            run = runs.run_of(incident)
            if run.finished:
                incident = new_incident()
                run = runs.run_of(incident)
                entry, revision, text = str(uuid.uuid4()), 1, "Customer"  # a new incident, a new note
            data = {"step": run.current, "version": incident.version, **answer_for(run.step)}
            # Fifty simulated people must not hold fifty idle database connections beside
            # the server's own (PostgreSQL allows 100): the client reads, then lets go.
            connection.close()
            began = time.perf_counter()
            response = browser.request(
                "POST",
                reverse("incidents:answer", args=[incident.pk]),
                urlencode(data).encode(),
                {"Content-Type": "application/x-www-form-urlencoded", "X-Haven-Fragment": "1"},
            )
            steps.append(time.perf_counter() - began)
            if response.status != 200:
                errors.append(f"step {response.status}")
            incident.refresh_from_db()
            connection.close()
            time.sleep(random.uniform(0.5, 1.5) * think)  # the worker talks, then types

            text += " says he is outside and has been drinking."
            body = json.dumps({"entry": entry, "revision": revision, "text": text}).encode()
            began = time.perf_counter()
            response = browser.request(
                "POST", reverse("incidents:notes", args=[incident.pk]), body, {"Content-Type": "application/json"}
            )
            notes.append(time.perf_counter() - began)
            if response.status != 200:
                errors.append(f"note {response.status}")
            else:
                revision += 1
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
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="server processes (one per core)")
    args = parser.parse_args()

    url, drop = scratch_database(args.engine)
    try:
        setup_django(url)
        migrate()
        from django.db import connections

        workers = _workers(args.users)
        connections.close_all()
        server, port = serve(url, args.workers)
        steps, notes, errors = [], [], []
        barrier = threading.Barrier(args.users)
        threads = [
            threading.Thread(
                target=_simulate, args=(port, worker, args.rounds, args.think, steps, notes, errors, barrier)
            )
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
        server.terminate()
        server.wait(30)
    finally:
        from django.db import connections

        connections.close_all()
        drop()


if __name__ == "__main__":
    main()
