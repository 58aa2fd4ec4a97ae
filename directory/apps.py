from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Signposting directory"

    def ready(self) -> None:
        from directory import navigation  # noqa: F401  header link for Find help
