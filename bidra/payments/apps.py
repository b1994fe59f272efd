from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "bidra.payments"
    verbose_name = _("Utbetalningar")

    def ready(self) -> None:
        # A signed grant creates its payment order: payments listens to the decisions' events.
        from bidra.audit.events import subscribe

        from .services import plan_payment_for

        subscribe("decision.signed", plan_payment_for)
