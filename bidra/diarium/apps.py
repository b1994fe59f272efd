from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiariumConfig(AppConfig):
    name = "bidra.diarium"
    verbose_name = _("Diarium")
