from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "bidra.api"
    verbose_name = _("API")

    def ready(self) -> None:
        from . import tokens  # noqa: F401  (labels of the token events in the event history)
