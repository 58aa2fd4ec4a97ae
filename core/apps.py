from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from core.pooled_connections import protect_pools_across_fork

        protect_pools_across_fork()
