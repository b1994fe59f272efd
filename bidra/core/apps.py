from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bidra.core"
    verbose_name = "Bidra"

    def ready(self) -> None:
        # The permission table registers its rules on import.
        import bidra.permissions  # noqa: F401
