"""Assessment of received applications: who handles a case, conflicts of interest (jäv),
assessors' scores against the programme's criteria, and requests to the applicant
(komplettering, kommunicering)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bidra.core.money import KronorField


class Assignment(models.Model):
    """The case officer responsible for an application (handläggare); one active at a time."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="assignments")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"], condition=models.Q(ended_at__isnull=True), name="one_active_assignment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.officer}"


class ConflictDeclaration(models.Model):
    """A person's declaration on whether they are disqualified (jäv, FL 16–18 §§) in a case."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="conflicts")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conflict_declarations")
    has_conflict = models.BooleanField(_("jäv föreligger"))
    reason = models.TextField(_("omständigheter"), blank=True)
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "person"], name="one_declaration_per_person")]

    def __str__(self) -> str:
        return f"{self.person}: {'jäv' if self.has_conflict else 'inget jäv'}"


class Assessment(models.Model):
    """One assessor's assessment of one application."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="assessments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments")
    comment = models.TextField(_("samlad bedömning"), blank=True)
    proposed_amount = KronorField(
        _("föreslaget belopp (kr)"), null=True, blank=True, help_text=_("Lämna tomt för sökt belopp.")
    )
    reduction_reason = models.TextField(_("skäl för lägre belopp"), blank=True)
    weighted_score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["application", "assessor"], name="one_assessment_per_assessor")]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.assessor}"


class CriterionScore(models.Model):
    """A score on a scored criterion (0–4), or 1/0 on a manual yes/no check."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("programmes.Criterion", on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"], name="one_score_per_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


class ApplicantRequest(models.Model):
    """A request to the applicant with a reply date: komplettering (completion) or kommunicering
    (material from others for comment before a decision, förvaltningslagen 25 §)."""

    class Kind(models.TextChoices):
        COMPLETION = "completion", _("Begäran om komplettering")
        COMMUNICATION = "communication", _("Kommunicering")

    class State(models.TextChoices):
        OPEN = "open", _("Väntar på svar")
        ANSWERED = "answered", _("Besvarad")
        CLOSED = "closed", _("Avslutad utan svar")

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.OPEN)
    message = models.TextField(_("vad som behövs"))
    material = models.TextField(_("underlag att yttra sig över"), blank=True)
    reply_by = models.DateField(_("svar senast"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    sent_document = models.OneToOneField("diarium.Document", null=True, on_delete=models.PROTECT, related_name="+")
    answer = models.TextField(_("svar"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_document = models.OneToOneField(
        "diarium.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"], condition=models.Q(state="open"), name="one_open_request_per_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.application_id}"
