"""The payment order workflow: planned → approved by finance → paid, or stopped."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bidra.audit.workflow import Transition, Workflow


class PaymentStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    APPROVED = "approved", _("Attesterad")
    PAID = "paid", _("Utbetald")
    STOPPED = "stopped", _("Stoppad")


PAYMENT_WORKFLOW = Workflow(
    name="payment",
    states=dict(PaymentStatus.choices),
    transitions=(
        Transition("approve", (PaymentStatus.PLANNED,), PaymentStatus.APPROVED, "payments.approve", _("Attestera")),
        Transition(
            "mark_paid", (PaymentStatus.APPROVED,), PaymentStatus.PAID, "payments.pay", _("Markera som utbetald")
        ),
        Transition(
            "stop", (PaymentStatus.PLANNED, PaymentStatus.APPROVED), PaymentStatus.STOPPED, "payments.stop", _("Stoppa")
        ),
    ),
)
