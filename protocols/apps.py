from django.apps import AppConfig


class ProtocolsConfig(AppConfig):
    name = "protocols"
    verbose_name = "Protocols"

    def ready(self) -> None:
        from protocols import navigation  # noqa: F401  registers header links
