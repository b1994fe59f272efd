"""Reports on how a grant was used (redovisningar), reminders about them, and reclaims (återkrav)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bidra.core.money import KronorField

from .workflow import RECLAIM_WORKFLOW, REPORT_WORKFLOW, ReclaimStatus, ReportStatus


class Report(models.Model):
    """The municipality's report on one grant: one per decision, kept as a draft until submitted."""

    decision = models.OneToOneField("decisions.Decision", on_delete=models.PROTECT, related_name="report")
    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(
        _("status"), max_length=20, choices=REPORT_WORKFLOW.choices(), default=ReportStatus.DRAFT, db_index=True
    )
    due_date = models.DateField(_("redovisning senast"), null=True, blank=True)
    used_amount = KronorField(_("använt belopp (kr)"), default=0)
    unused_amount = KronorField(_("outnyttjat belopp (kr)"), default=0)
    activities = models.TextField(_("vad som har genomförts"), blank=True)
    results = models.TextField(_("resultat i förhållande till syftet"), blank=True)
    participants = models.PositiveIntegerField(_("antal personer som nåtts"), null=True, blank=True)
    target_groups_reached = models.TextField(_("målgrupper som nåtts"), blank=True)
    roma_participation = models.TextField(_("romers delaktighet"), blank=True)
    continuation = models.TextField(_("vad som fortsätter efter bidraget"), blank=True)
    public_summary = models.TextField(_("sammanfattning för publicering"), blank=True)
    draft_inputs = models.JSONField(default=dict, blank=True)  # raw input that did not validate
    completion_message = models.TextField(_("begärd komplettering"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(_("inkom"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    document = models.ForeignKey(
        "diarium.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # the latest registered submission
    approved_at = models.DateTimeField(_("godkänd"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("redovisning")
        verbose_name_plural = _("redovisningar")

    def __str__(self) -> str:
        return f"{self.decision.application.case_number}: {self.get_status_display()}"

    @property
    def editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.COMPLETION_REQUESTED)


class ReportLine(models.Model):
    """Money used on one budget line of the received application."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    category = models.CharField(max_length=40, blank=True)
    description = models.CharField(max_length=300, blank=True)
    budgeted = KronorField(_("budgeterat (kr)"), default=0)
    used = KronorField(_("använt (kr)"), null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["report", "position"], name="one_report_line_per_position")]

    def __str__(self) -> str:
        return f"{self.description or self.category}: {self.used}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class ReportReminder(models.Model):
    """A reminder that has been sent; the unique row makes the daily run idempotent."""

    class Kind(models.TextChoices):
        DAYS_30 = "30_days", _("30 dagar kvar")
        DAYS_7 = "7_days", _("7 dagar kvar")
        OVERDUE = "overdue", _("Försenad")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "kind"], name="one_reminder_per_kind")]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.kind}"


class Reclaim(models.Model):
    """A decision to reclaim (all or part of) a grant: proposed by an officer, signed by a decision-maker."""

    decision = models.ForeignKey("decisions.Decision", on_delete=models.PROTECT, related_name="reclaims")
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.PROTECT, related_name="reclaims")
    amount = KronorField(_("belopp att återbetala (kr)"))
    reasons = models.TextField(_("skäl för återkravet"))
    repay_by = models.DateField(_("återbetalas senast"))
    status = models.CharField(
        _("status"), max_length=12, choices=RECLAIM_WORKFLOW.choices(), default=ReclaimStatus.DRAFT, db_index=True
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("föredragande")
    )
    created_at = models.DateTimeField(default=timezone.now)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("beslutsfattare"),
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    letter_document = models.OneToOneField(
        "diarium.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    settled_at = models.DateTimeField(_("återbetalt eller avskrivet"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    settlement_note = models.TextField(_("anteckning"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("återkrav")
        verbose_name_plural = _("återkrav")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="reclaim_amount_positive")]

    def __str__(self) -> str:
        return f"{self.decision.application.case_number}: {self.amount}"
