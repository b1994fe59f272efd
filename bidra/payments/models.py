"""Payment orders (utbetalningar) for signed grants, and where each municipality is paid."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bidra.core.money import KronorField

from .bankgiro import validate_bankgiro
from .workflow import PAYMENT_WORKFLOW, PaymentStatus


class PaymentDetails(models.Model):
    """The account a municipality is paid to."""

    municipality = models.OneToOneField(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="payment_details"
    )
    bankgiro = models.CharField(_("bankgiro"), max_length=9, validators=[validate_bankgiro])
    payee_reference = models.CharField(_("referens hos mottagaren"), max_length=100, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("utbetalningsuppgifter")
        verbose_name_plural = _("utbetalningsuppgifter")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.bankgiro}"


class PaymentOrder(models.Model):
    decision = models.OneToOneField("decisions.Decision", on_delete=models.PROTECT, related_name="payment")
    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.PROTECT, related_name="+")
    call = models.ForeignKey("programmes.Call", on_delete=models.PROTECT, related_name="payment_orders")
    amount = KronorField(_("belopp (kr)"))
    status = models.CharField(
        _("status"), max_length=10, choices=PAYMENT_WORKFLOW.choices(), default=PaymentStatus.PLANNED, db_index=True
    )
    bankgiro = models.CharField(_("bankgiro"), max_length=9, blank=True)
    reference = models.CharField(_("referens"), max_length=40)
    created_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    stop_reason = models.TextField(_("skäl för stopp"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("utbetalning")
        verbose_name_plural = _("utbetalningar")

    def __str__(self) -> str:
        return f"{self.reference}: {self.amount}"
