from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "bidra.archive"
    verbose_name = _("Arkiv och gallring")

    def ready(self) -> None:
        from . import weeding  # noqa: F401  (labels of the weeding event in the event history)
