from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "incidents"
    verbose_name = "Live incidents"

    def ready(self) -> None:
        from incidents import navigation  # noqa: F401  registers header links
