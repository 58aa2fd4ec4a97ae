"""Two workers sweeping at the same moment send nothing twice (SKIP LOCKED and the
conditional updates on PostgreSQL; IMMEDIATE transactions on SQLite)."""

import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from work import notify
from work.models import Notification, Task
from work.sweep import run_sweep
from work.tests.helpers import make_task


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_reminder_and_escalation_once(cara, hana, tom):
    past = timezone.now() - timedelta(minutes=5)
    for n in range(30):
        make_task(actor=tom, assignee=cara if n % 2 else hana, title=f"Task {n}", due_at=past, reminders=[past])
    fake = notify.FakeGateway()
    notify.use_gateway(fake)
    results, errors = [], []
    start = threading.Barrier(2)

    def sweep():
        try:
            start.wait()
            results.append(run_sweep())
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    try:
        threads = [threading.Thread(target=sweep) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        notify.use_gateway(None)

    assert errors == []
    assert sum(r.reminders_sent for r in results) == 30
    assert sum(r.escalated for r in results) == 30
    assert Notification.objects.filter(kind="reminder").count() == 30
    assert Notification.objects.filter(kind="escalation", user=tom).count() == 30
    assert len(fake.sent) == 60
    assert Task.objects.filter(escalated_at__isnull=True).count() == 0
