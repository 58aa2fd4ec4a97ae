from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "Customers"

    def ready(self) -> None:
        from people import navigation  # noqa: F401  the "Customers" header link
