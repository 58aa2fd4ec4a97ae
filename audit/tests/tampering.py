"""Lifting the append-only rule for a tamper test, on either database."""

from contextlib import contextmanager

import pgtrigger
from django.db import connection

from audit import sqlite_triggers


@contextmanager
def tampering():
    """What an attacker with the database's password could do: change or delete events."""
    if connection.vendor == "sqlite":
        sqlite_triggers.uninstall(connection)
        try:
            yield
        finally:
            sqlite_triggers.install(connection)
    else:
        with pgtrigger.ignore("audit.AuditEvent:audit_event_append_only"):
            yield
