from django.core.management.base import BaseCommand

from directory.reviews import create_review_tasks


class Command(BaseCommand):
    help = "Gives the owner of each directory entry past its review date a review task (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write(f"{create_review_tasks()} review tasks created")
