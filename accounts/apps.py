from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Staff and organisations"

    def ready(self) -> None:
        from accounts import navigation, signals  # noqa: F401  header links, sign-in evidence
