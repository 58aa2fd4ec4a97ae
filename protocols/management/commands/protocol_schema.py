"""`python manage.py protocol_schema [--output FILE]`: writes the JSON Schema of protocol
definitions (from the engine's pydantic models), for editors' completion and checking."""

from pathlib import Path

from django.core.management.base import BaseCommand

from protocols.engine.cli import write_schema


class Command(BaseCommand):
    help = "Write the JSON Schema of protocol definitions (stdout, or --output FILE)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Write to this file instead of standard output.")

    def handle(self, *args, output: str | None, **options):
        if not output:
            write_schema(self.stdout)
            return
        with Path(output).open("w", encoding="utf-8") as out:
            write_schema(out)
        self.stdout.write(f"Wrote {output}")
