"""Tasks: the deadlines Haven chases (issue 5). Every module that needs a deadline makes
a task through `work.services.task_create`; the sweep (work/sweep.py) sends reminders and
escalates overdue tasks."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.models import Organisation, Team
from core.models import TimeStampedModel


class TaskState(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class Task(TimeStampedModel):
    """One thing someone must do by a time, and the rule that says so.

    `assignee` (a person) or `team` (the team's queue): exactly one. `holder_team` is the
    team answerable for the task either way (the queue's team, or the assignee's team when
    it was assigned), so team pages and leaders' permissions read one indexed column.
    """

    PERSONAL_DATA_FIELDS = ("title", "description", "outcome", "cancel_reason")

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # The policy rule that created the task: a stable code and where it comes from,
    # e.g. "da-plan.review" / "DA Plan, review within a day or two".
    rule_code = models.CharField(max_length=80)
    rule_source = models.CharField(max_length=300, blank=True)

    # No index of their own for organisation, assignee, holder_team and customer: the
    # queue indexes below lead with each, and serve every lookup by it (a deletion's
    # PROTECT check too). A one-column copy would be one more index for every write of a
    # task to update: the sweep's escalations write 10,000 rows of a million at a time.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="tasks", db_index=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks", db_index=False
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="queued_tasks")
    holder_team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="held_tasks", db_index=False
    )

    # What it is about: any record ("incidents.incident", "42"), and the customer when
    # there is one, so the customer's page can list their open deadlines.
    subject_type = models.CharField(max_length=60, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    customer = models.ForeignKey(
        "people.Customer", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )

    due_at = models.DateTimeField()  # UTC
    due_on = models.DateField()  # the date in Europe/London, as people say it

    state = models.CharField(max_length=20, choices=TaskState.choices, default=TaskState.OPEN)
    outcome = models.TextField(blank=True)
    cancel_reason = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Optimistic locking: two people acting on one task never silently overwrite each other.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(assignee__isnull=False) & Q(team__isnull=True))
                | (Q(assignee__isnull=True) & Q(team__isnull=False)),
                name="task_for_a_person_or_a_queue",
            ),
            models.CheckConstraint(
                condition=~Q(state=TaskState.DONE) | ~Q(outcome=""), name="task_done_has_an_outcome"
            ),
            models.CheckConstraint(
                condition=~Q(state=TaskState.CANCELLED) | ~Q(cancel_reason=""), name="task_cancelled_has_a_reason"
            ),
        ]
        indexes = [
            # My work and the header count: a person's open tasks, soonest first.
            models.Index(fields=["assignee", "state", "due_at"], name="task_assignee_queue"),
            # Team work: a team's tasks (the queue and its members'), soonest first.
            models.Index(fields=["holder_team", "state", "due_at"], name="task_team_queue"),
            models.Index(fields=["organisation", "state", "due_at"], name="task_org_queue"),
            models.Index(fields=["customer", "state"], name="task_customer"),
            models.Index(fields=["subject_type", "subject_id"], name="task_subject"),
            # The sweep: open tasks past due that have not been escalated. Partial, so it
            # stays as small as the backlog rather than growing with history. With the id,
            # in the sweep's order (due_at, id), so a batch reads 2,000 entries and stops,
            # even when thousands of tasks fall due at the same moment (a deadline at the
            # end of a working day): on due_at alone it had to sort every one of them.
            models.Index(
                fields=["due_at", "id"],
                name="task_sweep_overdue",
                condition=Q(state=TaskState.OPEN, escalated_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == TaskState.OPEN


class TaskReminder(models.Model):
    """When to remind the task's holder. `sent_at` is set by the sweep's conditional
    update, once; `cancelled_at` when the task closes before the reminder was due."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    remind_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["remind_at", "id"]
        indexes = [
            # The sweep: reminders still to send, by time. Partial, so sent ones drop out.
            # With the id, in the sweep's order, as task_sweep_overdue.
            models.Index(
                fields=["remind_at", "id"],
                name="reminder_sweep_due",
                condition=Q(sent_at__isnull=True, cancelled_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"reminder for task {self.task_id} at {self.remind_at:%Y-%m-%d %H:%M}"


class Notification(models.Model):
    """A message shown in Haven (My work), and sent by email, to one member of staff."""

    PERSONAL_DATA_FIELDS = ("text",)

    class Kind(models.TextChoices):
        REMINDER = "reminder", "Reminder"
        ESCALATION = "escalation", "Escalation"
        COPY = "copy", "Copy for your records"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    task = models.ForeignKey(Task, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications")
    text = models.CharField(max_length=300)
    link = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "created_at"], name="notification_unread", condition=Q(read_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return self.text


# MR and appeal tracking lives in its own module; importing it here registers its models.
from work.models_appeals import MandatoryReconsideration  # noqa: E402, F401
