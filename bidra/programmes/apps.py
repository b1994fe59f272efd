from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "bidra.programmes"
    verbose_name = _("Bidragsprogram och utlysningar")
