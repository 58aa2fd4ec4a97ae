"""Server time of a signed-in page request: the home page and the account page, as a
signed-in caseworker, through Django's whole middleware stack (sessions, MFA check,
timeouts, CSP, audit context), in-process so the network is not measured.

    .venv/bin/python benchmarks/page_request.py [--engine sqlite|postgresql] [--requests 500]
"""

import argparse
import time

from common import migrate, report, scratch_database, setup_django, summary_ms


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()

    url, drop = scratch_database(args.engine)
    try:
        setup_django(url)
        migrate()
        from django.test import Client

        from accounts.personas import load_demo

        users = {user.username: user for user in load_demo()}
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(users["cara"])
        for path in ("/", "/staff/account"):
            client.get(path)  # warm up: template loading, first queries
            samples = []
            for _ in range(args.requests):
                started = time.perf_counter()
                response = client.get(path)
                samples.append(time.perf_counter() - started)
                assert response.status_code == 200, response.status_code
            figures = summary_ms(samples)
            print(f"{args.engine:<10} GET {path:<16} p50 {figures['p50_ms']:.2f} ms  p95 {figures['p95_ms']:.2f} ms")
            report("signed_in_page", engine=args.engine, path=path, **figures)
    finally:
        from django.db import connections

        connections.close_all()
        drop()


if __name__ == "__main__":
    main()
