"""The MR tracker: server time to record an MR (the record, its chase task and reminder,
two audit events) and its MRN (closing the chase task, the appeal task with its
reminders, three audit events), and of the customer record page and the MR page for a
customer with many MRs, as a signed-in caseworker, in-process.

    .venv/bin/python benchmarks/mr_tracker.py [--engine sqlite|postgresql] [--mrs 200] [--on-page 20]
"""

import argparse
import datetime as dt
import time

from common import migrate, report, scratch_database, setup_django, summary_ms


def _record_pairs(users, customer, count: int) -> tuple[list[float], list[float], list]:
    from work import services_appeals as services

    cara = users["cara"]
    recorded, mrns, mrs = [], [], []
    for index in range(count):
        started = time.perf_counter()
        mr = services.mr_request_record(
            actor=cara,
            customer=customer,
            decision_challenged=f"Universal Credit decision {index}",
            lodged_on=dt.date.today() - dt.timedelta(days=20),
            lodged_how="journal",
            lodged_by="customer",
        )
        recorded.append(time.perf_counter() - started)
        started = time.perf_counter()
        services.mrn_record(
            actor=cara, mr=mr, mrn_sent_on=dt.date.today() - dt.timedelta(days=2), mrn_outcome="not-changed"
        )
        mrns.append(time.perf_counter() - started)
        mrs.append(mr)
    return recorded, mrns, mrs


def _page(client, path: str, requests: int) -> dict:
    client.get(path)  # warm up
    samples = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return summary_ms(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--mrs", type=int, default=200)
    parser.add_argument("--on-page", type=int, default=20, help="open MRs of the customer whose pages are timed")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    url, drop = scratch_database(args.engine)
    try:
        setup_django(url)
        migrate()
        from django.test import Client

        from accounts.personas import load_demo
        from people import services as people_services

        users = {user.username: user for user in load_demo()}

        def customer(name: str):
            return people_services.customer_create(
                actor=users["cara"], confirmed_new_person=True, given_names=name, family_name="Bench", nation="scotland"
            )

        recorded, mrns, _ = _record_pairs(users, customer("Writes"), args.mrs)
        for name, samples in (("mr_request_record", recorded), ("mrn_record", mrns)):
            figures = summary_ms(samples)
            print(f"{args.engine:<10} {name:<18} p50 {figures['p50_ms']:.2f} ms  p95 {figures['p95_ms']:.2f} ms")
            report("mr_tracker_write", engine=args.engine, service=name, count=args.mrs, **figures)

        busy = customer("Busy")
        _, _, mrs = _record_pairs(users, busy, args.on_page)
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(users["cara"])
        quiet = customer("Quiet")
        pages = (
            ("customer, no MRs", f"/customers/{quiet.pk}/", 0),
            ("customer, MRs", f"/customers/{busy.pk}/", args.on_page),
            ("MR page", f"/work/mrs/{mrs[0].pk}", args.on_page),
        )
        for label, path, open_mrs in pages:
            figures = _page(client, path, args.requests)
            print(f"{args.engine:<10} GET {label:<16} p50 {figures['p50_ms']:.2f} ms  p95 {figures['p95_ms']:.2f} ms")
            report("mr_tracker_page", engine=args.engine, page=label, open_mrs=open_mrs, **figures)
    finally:
        from django.db import connections

        connections.close_all()
        drop()


if __name__ == "__main__":
    main()
