"""Applications (ansökningar) from municipalities: the draft the applicant edits, and what
the agency screened on arrival. The received version itself is a diarium Document."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bidra.core.money import KronorField
from bidra.core.organisation_number import validate_organisation_number

from .workflow import APPLICATION_WORKFLOW, Status


class TargetGroup(models.TextChoices):
    """Groups the work is for, described in aggregate; never data about individuals' ethnicity."""

    WOMEN = "women", _("Kvinnor")
    CHILDREN_YOUTH = "children_youth", _("Barn och unga")
    ELDERLY = "elderly", _("Äldre")
    SOCIALLY_VULNERABLE = "socially_vulnerable", _("Socialt utsatta")
    MUNICIPAL_STAFF = "municipal_staff", _("Kommunens personal")
    OTHERS = "others", _("Andra")


WOMEN_AND_CHILDREN = frozenset({TargetGroup.WOMEN.value, TargetGroup.CHILDREN_YOUTH.value})


class BudgetCategory(models.TextChoices):
    PERSONNEL = "personnel", _("Personal")
    EXTERNAL_SERVICES = "external_services", _("Köpta tjänster")
    PREMISES = "premises", _("Lokaler")
    MATERIALS = "materials", _("Material")
    TRAVEL = "travel", _("Resor")
    EVENTS = "events", _("Aktiviteter och arrangemang")
    OTHER = "other", _("Övrigt")


class ScreeningOutcome(models.TextChoices):
    NOT_SCREENED = "not_screened", _("Inte granskad")
    PASSED = "passed", _("Uppfyller villkoren")
    FAILED = "failed", _("Uppfyller inte alla villkor")


class Application(models.Model):
    call = models.ForeignKey("programmes.Call", on_delete=models.PROTECT, related_name="applications")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="applications", verbose_name=_("kommun")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=APPLICATION_WORKFLOW.choices(), default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    start_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    lock_version = models.PositiveIntegerField(default=0)
    last_step = models.CharField(max_length=30, blank=True)
    draft_inputs = models.JSONField(default=dict, blank=True)  # raw input of steps that did not validate

    administration = models.CharField(_("ansvarig förvaltning"), max_length=200, blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=150, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-post"), blank=True)
    contact_phone = models.CharField(_("kontaktpersonens telefon"), max_length=40, blank=True)

    title = models.CharField(_("insatsens namn"), max_length=200, blank=True)
    summary = models.TextField(_("sammanfattning för publicering"), blank=True)
    purpose = models.TextField(_("syfte och bakgrund"), blank=True)
    activities = models.TextField(_("aktiviteter"), blank=True)

    areas = models.ManyToManyField(
        "programmes.Area", blank=True, related_name="applications", verbose_name=_("områden")
    )
    target_groups = models.JSONField(_("målgrupper"), default=list, blank=True)
    target_groups_other = models.CharField(_("andra målgrupper"), max_length=200, blank=True)
    target_group_description = models.TextField(_("beskrivning av målgrupperna"), blank=True)

    roma_participation = models.TextField(_("romers delaktighet och inflytande"), blank=True)
    long_term_effects = models.TextField(_("långsiktiga effekter"), blank=True)

    period_start = models.DateField(_("insatsen börjar"), null=True, blank=True)
    period_end = models.DateField(_("insatsen slutar"), null=True, blank=True)
    requested_amount = KronorField(_("sökt belopp (kr)"), null=True, blank=True)
    minimum_amount = KronorField(_("lägsta belopp för att genomföra insatsen (kr)"), null=True, blank=True)
    own_funding = KronorField(_("egen finansiering (kr)"), null=True, blank=True)
    other_funding = KronorField(_("annan finansiering (kr)"), null=True, blank=True)
    other_funding_description = models.CharField(_("annan finansiering, varifrån"), max_length=300, blank=True)

    submitted_at = models.DateTimeField(_("inkom"), null=True, blank=True, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.OneToOneField(
        "diarium.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="application"
    )
    received_document = models.OneToOneField(
        "diarium.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    screening_outcome = models.CharField(
        _("automatisk granskning"),
        max_length=20,
        choices=ScreeningOutcome.choices,
        default=ScreeningOutcome.NOT_SCREENED,
        db_index=True,
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("ansökan")
        verbose_name_plural = _("ansökningar")
        indexes = [
            models.Index(fields=["call", "status"]),
            models.Index(fields=["municipality", "status"]),
            # The work list's count and sum read this index alone, not the wide rows; and its
            # "requested amount" sort walks the next one instead of sorting every application.
            models.Index(fields=["status", "requested_amount"], name="application_status_amount"),
            models.Index(fields=["requested_amount", "id"], name="application_amount_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_start__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="application_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title or str(_("Namnlös ansökan"))

    @property
    def case_number(self) -> str:
        return self.case.number if self.case is not None else ""

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def involves_women_and_children(self) -> bool:
        return bool(WOMEN_AND_CHILDREN & set(self.target_groups))


class BudgetLine(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("kostnadsslag"), max_length=30, choices=BudgetCategory.choices)
    description = models.CharField(_("beskrivning"), max_length=300)
    amount = KronorField(_("belopp (kr)"))

    class Meta:
        ordering = ["application_id", "id"]
        verbose_name = _("budgetrad")
        verbose_name_plural = _("budgetrader")

    def __str__(self) -> str:
        return self.description


class CoActor(models.Model):
    """Another actor taking part (a Roma association, a school…); the municipality stays the applicant."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="co_actors")
    name = models.CharField(_("namn"), max_length=200)
    organisation_number = models.CharField(
        _("organisationsnummer"), max_length=11, blank=True, validators=[validate_organisation_number]
    )
    role = models.CharField(_("roll i insatsen"), max_length=300)

    class Meta:
        ordering = ["application_id", "id"]
        verbose_name = _("samverkanspart")
        verbose_name_plural = _("samverkansparter")

    def __str__(self) -> str:
        return self.name


class Attachment(models.Model):
    """A file attached to a draft; on submission its checksum goes into the received version."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("filnamn"), max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=120)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application_id", "uploaded_at", "id"]
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")

    def __str__(self) -> str:
        return self.name


class ScreeningCheck(models.Model):
    """One eligibility check's result on a received application (automatic or recorded by an officer)."""

    class Outcome(models.TextChoices):
        PASSED = "passed", _("Uppfyllt")
        FAILED = "failed", _("Inte uppfyllt")
        PENDING = "pending", _("Ska bedömas av handläggare")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="screening_checks")
    code = models.CharField(max_length=40)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    params = models.JSONField(default=dict, blank=True)
    note = models.TextField(_("anteckning"), blank=True)
    checked_at = models.DateTimeField(default=timezone.now)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["application", "code"], name="unique_check_per_application")]

    def __str__(self) -> str:
        return f"{self.code}: {self.outcome}"
