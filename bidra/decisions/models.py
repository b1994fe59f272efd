"""Decisions (beslut) on applications, drafted in batches and signed together by a decision-maker."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bidra.core.money import KronorField


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Beviljas")
    PARTLY_GRANTED = "partly_granted", _("Beviljas delvis")
    REFUSED = "refused", _("Avslås")


# The application workflow's action for each outcome.
OUTCOME_ACTIONS = {Outcome.GRANTED: "grant", Outcome.PARTLY_GRANTED: "grant_partly", Outcome.REFUSED: "refuse"}


class DecisionBatch(models.Model):
    """Decisions presented together (föredragning) and signed in one act: all or none."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SIGNED = "signed", _("Beslutad")

    call = models.ForeignKey("programmes.Call", on_delete=models.PROTECT, related_name="decision_batches")
    proposal = models.ForeignKey(
        "allocation.Proposal", null=True, blank=True, on_delete=models.PROTECT, related_name="decision_batches"
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("föredragande")
    )
    created_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("beslutsfattare"),
    )
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("beslutsomgång")
        verbose_name_plural = _("beslutsomgångar")

    def __str__(self) -> str:
        return f"{self.call} – {self.created_at:%Y-%m-%d}"


class Decision(models.Model):
    batch = models.ForeignKey(DecisionBatch, on_delete=models.PROTECT, related_name="decisions")
    application = models.OneToOneField("applications.Application", on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(_("beslut"), max_length=20, choices=Outcome.choices)
    amount = KronorField(_("beviljat belopp (kr)"), default=0)
    reasons = models.TextField(_("skäl för beslutet"))
    conditions = models.TextField(_("villkor"), blank=True)
    report_due_date = models.DateField(_("redovisning senast"), null=True, blank=True)
    appeal_text = models.TextField(_("överklagande"))
    letter_document = models.OneToOneField(
        "diarium.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published = models.BooleanField(_("publiceras i registret"), default=False)
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["batch", "id"]
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="refused") | models.Q(amount=0), name="refusal_grants_nothing"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} – {self.get_outcome_display()}"
