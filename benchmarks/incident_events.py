"""Worker-to-partner event delivery on live incidents (issue 8: "under 1 second from the
worker's save to the partner's screen"). Serves Haven over ASGI with uvicorn (in a thread
of this process, against a fresh scratch database), opens one partner's server-sent event
stream per incident over HTTP with a signed-in session, as a browser does, then has the
workers save notes from `--pairs` threads at once (a pair is a worker saving and a
partner listening: 25 pairs are 50 simulated users). Each figure is the time from the
note's commit (the moment incidents/live.py sends the event) to the partner's stream
reading that event. With Redis running (or REDIS_URL set), events go through Redis
publish/subscribe as they do across processes in production.

    .venv/bin/python benchmarks/incident_events.py [--engine sqlite|postgresql] [--saves 200]
        [--pairs 25] [--no-redis]
"""

import argparse
import http.client
import json
import os
import subprocess
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from common import PG_ADMIN_URL, migrate, report, scratch_database, setup_django, summary_ms


def redis_url(wanted: bool) -> str | None:
    if not wanted:
        return None
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    probe = subprocess.run(["redis-cli", "-u", url, "ping"], capture_output=True, text=True)
    return url if probe.stdout.strip() == "PONG" else None


class Listener(threading.Thread):
    """One partner's screen: reads the incident's stream and notes when each note arrives."""

    def __init__(self, port: int, path: str, cookie: str, received: dict):
        super().__init__(daemon=True)
        self.port, self.path, self.cookie, self.received = port, path, cookie, received
        self.open = threading.Event()

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        connection.request("GET", self.path, headers={"Cookie": self.cookie, "Accept": "text/event-stream"})
        response = connection.getresponse()
        assert response.status == 200, response.status
        kind = None
        while True:
            line = response.fp.readline()
            if not line:
                return
            line = line.decode().rstrip("\n")
            if line.startswith("event: "):
                kind = line[7:]
                if kind == "stream-open":
                    self.open.set()
            elif line.startswith("data: ") and kind == "change":
                data = json.loads(line[6:])
                if data.get("kind") == "note":
                    self.received[data["note"]] = time.perf_counter()


def main() -> None:
    default_engine = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default=default_engine)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--pairs", type=int, default=25)
    parser.add_argument("--no-redis", action="store_true")
    args = parser.parse_args()

    redis = redis_url(not args.no_redis)
    if redis:
        os.environ["REDIS_URL"] = redis
    url, drop = scratch_database(args.engine)
    try:
        setup_django(url)
        migrate()
        run(args, redis)
    finally:
        from django.db import connections

        connections.close_all()
        if args.engine == "postgresql":
            # The server's request threads may still hold connections of their own.
            name = url.rsplit("/", 1)[1]
            subprocess.run(
                [
                    "psql",
                    PG_ADMIN_URL,
                    "-qtAc",
                    f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    f"WHERE datname = '{name}' AND pid <> pg_backend_pid()",
                ],
                capture_output=True,
            )
        drop()


def run(args, redis: str | None) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from accounts.personas import load_demo
    from disclosures.tests.helpers import customer_at_risk
    from incidents import live, services_partner
    from incidents.services_notes import note_save
    from incidents.tests.helpers import start_da_plan, walk
    from incidents.tests.partner_asgi import AsgiServer

    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    load_demo()
    cara, nia = User.objects.get(username="cara"), User.objects.get(username="nia")
    incidents = []
    for _ in range(args.pairs):
        incident = walk(
            start_da_plan(cara, customer_at_risk(cara)), cara, {"safe-now": "not-safe-now"}, until="a-summon-partner"
        )
        alert, _ = services_partner.alert_raise(actor=cara, incident=incident)
        services_partner.alert_accept(actor=nia, alert=alert)
        incidents.append(incident)

    client = Client()
    client.force_login(nia)
    cookie = f"sessionid={client.cookies['sessionid'].value}"

    sent: dict[int, float] = {}
    received: dict[int, float] = {}
    original = live._send

    def timed_send(channel, kind, data):
        if data.get("kind") == "note":
            sent[data["note"]] = time.perf_counter()
        original(channel, kind, data)

    live._send = timed_send
    server = AsgiServer()
    server.start()
    try:
        listeners = [Listener(server.port, f"/incidents/events/incident/{i.pk}/", cookie, received) for i in incidents]
        for listener in listeners:
            listener.start()
        for listener in listeners:
            assert listener.open.wait(20), "a stream did not open"
        time.sleep(0.5)  # every stream has registered its listener

        def save(n: int) -> None:
            incident = incidents[n % len(incidents)]
            try:
                text = f"Note {n}: she is upstairs."
                note_save(actor=cara, incident=incident, entry=uuid.uuid4(), revision=1, text=text)
            finally:
                connection.close()  # back to the pool (PostgreSQL), as a request's is when it ends

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.pairs) as pool:
            list(pool.map(save, range(args.saves)))
        deadline = time.perf_counter() + 10
        while len(received) < len(sent) and time.perf_counter() < deadline:
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
    finally:
        import logging

        # Streams still open at shutdown are cancelled; uvicorn logs each: not a fault here.
        logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)
        server.stop()
        live._send = original

    delays = [received[note] - sent[note] for note in sent if note in received]
    lost = len(sent) - len(delays)
    print(
        f"{args.engine}{' + Redis' if redis else ''}: {len(sent)} note saves on {args.pairs} incidents "
        f"({args.pairs * 2} simulated users) in {elapsed:.1f} s; {lost} not delivered within 10 s"
    )
    report(
        "incident_events",
        engine=args.engine,
        path="note save commit -> partner's SSE stream",
        redis=bool(redis),
        pairs=args.pairs,
        lost=lost,
        **summary_ms(delays),
    )


if __name__ == "__main__":
    main()
