from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.personas import current_code


class Command(BaseCommand):
    help = "Prints the authenticator code a demo persona's app would show now."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username.lower()).first()
        if user is None:
            raise CommandError(f"No member of staff has the username {username!r}. Run `make run` to load the demo.")
        try:
            code = current_code(user)
        except Exception as exc:  # noqa: BLE001 - any failure means the same thing to the reader
            raise CommandError(f"{username} has no authenticator app set up.") from exc
        self.stdout.write(code)
