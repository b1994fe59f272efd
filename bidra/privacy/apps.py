from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "bidra.privacy"
    verbose_name = _("Personuppgifter")

    def ready(self) -> None:
        from . import services  # noqa: F401  (labels of the erasure event in the event history)
