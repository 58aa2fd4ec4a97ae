from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "disclosures"
    verbose_name = "Disclosure decisions"

    def ready(self) -> None:
        from disclosures import navigation  # noqa: F401  the "Disclosure register" header link
