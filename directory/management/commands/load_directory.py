from django.core.management.base import BaseCommand

from accounts.models import Organisation
from core.system import system_actor
from directory.seeding import default_owner, load_seeded_directory


class Command(BaseCommand):
    help = "Loads the seeded support organisations into every organisation's directory. Safe to run twice."

    def handle(self, *args, **options):
        actor = system_actor()
        for organisation in Organisation.objects.order_by("pk"):
            owner = default_owner(organisation)
            added = load_seeded_directory(actor=actor, organisation=organisation, owner=owner)
            who = owner.username if owner else "nobody yet (the organisation has no staff)"
            self.stdout.write(f"{organisation.name}: {added} directory entries added, maintained by {who}")
