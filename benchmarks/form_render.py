"""Server time of the biggest form page rendered through crispy-forms-gds: the "Add a new
customer" page (thirteen fields, radios and a date input) as a caseworker, empty and
posted back with errors (error summary, every message beside its field, values kept).
In-process through the whole middleware stack, so the network is not measured.

    .venv/bin/python benchmarks/form_render.py [--engine sqlite|postgresql] [--requests 300]
"""

import argparse
import time

from common import migrate, report, scratch_database, setup_django, summary_ms

BAD = {
    "given_names": "",
    "family_name": "Okafor",
    "date_of_birth_day": "31",
    "date_of_birth_month": "2",
    "date_of_birth_year": "1980",
    "ni_number": "12345",
    "postcode": "NOT A CODE",
    "nation": "england",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    url, drop = scratch_database(args.engine)
    try:
        setup_django(url)
        migrate()
        from django.test import Client
        from django.urls import reverse

        from accounts.personas import load_demo

        users = {user.username: user for user in load_demo()}
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(users["cara"])
        path = reverse("people:create")
        for label, send, status in (
            ("GET", lambda: client.get(path), 200),
            ("POST with errors", lambda: client.post(path, BAD), 200),
        ):
            send()  # warm up: template loading, first queries
            samples = []
            for _ in range(args.requests):
                started = time.perf_counter()
                response = send()
                samples.append(time.perf_counter() - started)
                assert response.status_code == status, response.status_code
                assert b"govuk-form-group" in response.content
            figures = summary_ms(samples)
            print(
                f"{args.engine:<10} {label:<17} {path} p50 {figures['p50_ms']:.2f} ms  p95 {figures['p95_ms']:.2f} ms"
            )
            report("form_page", engine=args.engine, path=f"{label} {path}", **figures)
    finally:
        from django.db import connections

        connections.close_all()
        drop()


if __name__ == "__main__":
    main()
