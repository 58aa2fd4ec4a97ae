"""Creates (or corrects) the django-q2 schedules Haven's background work runs on.
Idempotent: running it again leaves one row per job. `make run` calls it before the worker
starts; deployments call it after `migrate`."""

from django.core.management.base import BaseCommand
from django_q.models import Schedule

# name -> (function, how often in minutes). The deadline sweep every minute (issue 5).
SCHEDULES = {
    "work.deadline-sweep": ("work.sweep.run_sweep", 1),
    # Support-partner alerts nobody accepted in time go to the team leader and deputy
    # (issue 8). The worker's page also triggers this at the exact time; this is the net.
    "incidents.alert-escalation": ("incidents.services_partner.escalate_due_job", 1),
    # Daily: owners of directory entries past their review date get a review task (issue 6).
    "directory.review-tasks": ("directory.reviews.create_review_tasks", 24 * 60),
}


class Command(BaseCommand):
    help = "Create or correct the schedules of Haven's background jobs (idempotent)."

    def handle(self, *args, **options):
        for name, (func, minutes) in SCHEDULES.items():
            _, created = Schedule.objects.update_or_create(
                name=name,
                defaults={"func": func, "schedule_type": Schedule.MINUTES, "minutes": minutes, "repeats": -1},
            )
            self.stdout.write(f"{'Created' if created else 'Checked'} schedule {name}: {func} every {minutes} min")
