from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "bidra.accounts"
    verbose_name = _("Konton och behörigheter")

    def ready(self) -> None:
        from . import signals

        signals.connect()
