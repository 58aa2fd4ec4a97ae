from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "work"
    verbose_name = "Work and deadlines"

    def ready(self) -> None:
        from work import navigation  # noqa: F401  header links for My work and Team work
