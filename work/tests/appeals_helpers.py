"""MRs for tests, made through the real services, on a frozen clock."""

import datetime as dt

from audit.models import AuditEvent
from work import services_appeals as services
from work.models import Notification, Task, TaskReminder
from work.models_appeals import MandatoryReconsideration

# A Monday; tests freeze the clock here (noon in London, GMT) unless they say otherwise.
TODAY = dt.date(2026, 3, 2)
NOON_TODAY = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


def record_mr(actor, customer, **overrides):
    fields = {
        "decision_challenged": "Universal Credit: limited capability for work decision",
        "decision_date": dt.date(2026, 1, 20),
        "lodged_on": dt.date(2026, 2, 2),
        "lodged_how": "journal",
        "lodged_by": "representative",
        "representative_name": "Sasha Green",
        "representative_organisation": "Aldwyck Housing Group",
        "outside_authority": "FOA-2026-014: signed 30 January 2026, lodging an MR and checking its outcome",
    }
    fields.update(overrides)
    return services.mr_request_record(actor=actor, customer=customer, **fields)


def record_mrn(actor, mr, sent_on=dt.date(2026, 2, 20), **overrides):
    fields = {"mrn_sent_on": sent_on, "mrn_outcome": "not-changed"}
    fields.update(overrides)
    return services.mrn_record(actor=actor, mr=mr, **fields)


def reminder_days(task: Task) -> list[dt.date]:
    from work.calendar import london_date

    return [london_date(reminder.remind_at) for reminder in task.reminders.order_by("remind_at")]


def mr_state() -> tuple:
    """Everything an MR action could change, to prove a refused one changed nothing."""
    return (
        list(MandatoryReconsideration.objects.order_by("pk").values()),
        list(Task.objects.order_by("pk").values()),
        list(TaskReminder.objects.order_by("pk").values()),
        list(Notification.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )
