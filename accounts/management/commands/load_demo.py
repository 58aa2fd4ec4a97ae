from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.personas import DEMO_PASSWORD, PERSONAS, load_demo
from core.demo import demo_caseload_load


class Command(BaseCommand):
    help = "Creates the demo organisations and personas (already enrolled in MFA). Safe to run twice."

    def handle(self, *args, **options):
        load_demo()
        # The signposting directory, seeded for every organisation (issue 6).
        call_command("load_directory", stdout=self.stdout)
        # A few customers with MRs, an authority, a disclosure and tasks to open.
        self.stdout.write(demo_caseload_load())
        self.stdout.write("")
        self.stdout.write(f"Demo personas (password for all: {DEMO_PASSWORD})")
        for persona in PERSONAS:
            self.stdout.write(
                f"  {persona.username:<8} {persona.first_name} {persona.last_name}: {persona.description}"
            )
        self.stdout.write("")
        self.stdout.write("Each persona's authenticator code: .venv/bin/python manage.py demo_code USERNAME")
