from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "bidra.reports"
    verbose_name = _("Redovisningar och återkrav")
