"""The system actor: the identity Haven's own jobs and commands act as, so every audit
event names an actor (style.md: jobs pass the system actor)."""

from django.contrib.auth import get_user_model

SYSTEM_USERNAME = "haven-system"


def system_actor():
    user_model = get_user_model()
    actor, _ = user_model.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Haven", "last_name": "(system)", "is_active": False, "is_system": True},
    )
    return actor
