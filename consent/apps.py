from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "consent"
    verbose_name = "Forms of authority and representatives' access"

    def ready(self) -> None:
        from consent import navigation  # noqa: F401  the "Authorities" header link
