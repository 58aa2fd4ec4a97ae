"""What PostgreSQL is doing while a load runs (benchmarks/day_load.py): connections held,
backends waiting on a lock (and how many of those wait for the audit chain head, the one
row every audited transaction locks: docs/scaling.md), and transactions, rows written and
audit events appended a second (reads count as transactions too). Sampled from a
connection of its own, so it answers the scaling guide's "confirm with" questions from
the same run as the latency figures."""

import threading
import time

import psycopg

SAMPLE = """
SELECT count(*),
       count(*) FILTER (WHERE state = 'active'),
       count(*) FILTER (WHERE wait_event_type = 'Lock'),
       count(*) FILTER (WHERE wait_event_type = 'Lock' AND query ILIKE '%audit_auditchainhead%')
  FROM pg_stat_activity
 WHERE datname = current_database() AND pid <> pg_backend_pid()
"""
TOTALS = """
SELECT xact_commit, tup_inserted + tup_updated + tup_deleted,
       (SELECT seq FROM audit_auditchainhead WHERE id = 1)
  FROM pg_stat_database WHERE datname = current_database()
"""


class PostgresWatch:
    """Use as a context manager around a stage; `figures()` afterwards."""

    def __init__(self, database_url: str, every: float = 0.5):
        self.url, self.every = database_url, every
        self.samples: list[tuple[int, int, int, int]] = []
        self._stop = threading.Event()

    def __enter__(self):
        self._connection = psycopg.connect(self.url, autocommit=True)
        self._began, self._totals = time.perf_counter(), self._read_totals()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._seconds = time.perf_counter() - self._began
        deltas = (after - before for after, before in zip(self._read_totals(), self._totals, strict=True))
        self._rates = tuple(delta / self._seconds for delta in deltas)
        self._connection.close()

    def _read_totals(self) -> tuple[int, int, int]:
        # The statistics collector reports what committed transactions did, a moment late.
        self._connection.execute("SELECT pg_stat_clear_snapshot()")
        return self._connection.execute(TOTALS).fetchone()

    def _sample(self) -> None:
        while not self._stop.wait(self.every):
            self.samples.append(self._connection.execute(SAMPLE).fetchone())

    def figures(self) -> dict:
        if not self.samples:
            return {}
        waiting = [sample[2] for sample in self.samples]
        on_head = [sample[3] for sample in self.samples]
        return {
            "pg_connections_peak": max(sample[0] for sample in self.samples),
            "pg_active_peak": max(sample[1] for sample in self.samples),
            "pg_lock_waits_mean": round(sum(waiting) / len(waiting), 2),
            "pg_chain_head_waits_peak": max(on_head),
            "pg_samples_waiting_on_chain_head_pct": round(100 * sum(1 for n in on_head if n) / len(on_head), 1),
            "pg_transactions_per_s": round(self._rates[0], 1),
            "pg_rows_written_per_s": round(self._rates[1], 1),
            # Set against audit_append.py's ceiling, this says how far the chain head is.
            "audit_events_per_s": round(self._rates[2], 1),
        }
