from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "bidra.audit"
    verbose_name = _("Händelselogg och aviseringar")
