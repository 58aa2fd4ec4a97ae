"""`python manage.py validate_protocol [PATH...]`: checks protocol definitions and lists
every problem as file:line: message. With no PATH it checks every definition in
protocols/definitions and each protocol's ACTIVE version. Exits non-zero on any problem."""

from django.core.management.base import BaseCommand, CommandError

from protocols.engine.cli import validate


class Command(BaseCommand):
    help = "Validate protocol definition files; exit non-zero on any problem."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Definition files, or folders to search for *.yaml.")
        parser.add_argument(
            "--templates", action="append", default=[], help="Another folder where variants' templates are found."
        )

    def handle(self, *args, paths: list[str], templates: list[str], **options):
        problems = validate(paths, templates, self.stdout)
        if problems:
            raise CommandError("The protocol definitions have problems (listed above).", returncode=1)
