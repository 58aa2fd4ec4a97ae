"""Where one step submission's time goes (issue 8): cProfile over N step submissions and
note saves by one user through the guided screen's endpoints, printing the top functions.

    .venv/bin/python benchmarks/incidents_profile.py [--engine sqlite|postgresql] [--steps 40]
"""

import argparse
import cProfile
import json
import pstats
import uuid

from common import migrate, scratch_database, setup_django
from incident_steps import _workers, answer_for

FRAGMENT = {"HTTP_X_HAVEN_FRAGMENT": "1"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--queries", action="store_true", help="print the SQL of the last step and note save")
    args = parser.parse_args()
    url, drop = scratch_database(args.engine)
    try:
        setup_django(url)
        migrate()
        from django.test import Client
        from django.urls import reverse

        from incidents import runs, services

        (worker,) = _workers(1)
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(worker)

        def new_incident():
            return services.incident_start(
                actor=worker, channel="telephone", protocol_id="domestic-abuse", caller_description="Bench caller"
            )

        incident = new_incident()
        profile = cProfile.Profile()
        entry, text = str(uuid.uuid4()), "Customer"
        for number in range(args.steps):
            run = runs.run_of(incident)
            if run.finished:
                incident, entry = new_incident(), str(uuid.uuid4())
                run = runs.run_of(incident)
            data = {"step": run.current, "version": incident.version, **answer_for(run.step)}
            text += " says he is outside."
            body = json.dumps({"entry": entry, "revision": number + 1, "text": text})
            if number >= 3:  # the first requests load the URLconf and templates: not what is measured
                profile.enable()
            client.post(reverse("incidents:answer", args=[incident.pk]), data, **FRAGMENT)
            client.post(reverse("incidents:notes", args=[incident.pk]), body, content_type="application/json")
            profile.disable()
            incident.refresh_from_db()
        pstats.Stats(profile).sort_stats(args.sort).print_stats(45)
        if args.queries:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            run = runs.run_of(incident)
            data = {"step": run.current, "version": incident.version, **answer_for(run.step)}
            for name, send in (
                ("step", lambda: client.post(reverse("incidents:answer", args=[incident.pk]), data, **FRAGMENT)),
                (
                    "note",
                    lambda: client.post(
                        reverse("incidents:notes", args=[incident.pk]),
                        json.dumps({"entry": entry, "revision": 999, "text": text + "!"}),
                        content_type="application/json",
                    ),
                ),
            ):
                with CaptureQueriesContext(connection) as queries:
                    send()
                print(f"--- {name}: {len(queries)} queries")
                for query in queries:
                    print(f"{query['time']}  {query['sql'][:200]}")
    finally:
        from django.db import connections

        connections.close_all()
        drop()


if __name__ == "__main__":
    main()
