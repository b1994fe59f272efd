from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "bidra.network"
    verbose_name = _("Nätverk, nulägesbeskrivningar och uppdrag")
