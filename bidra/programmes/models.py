"""Grant programmes (bidragsprogram), their areas and assessment criteria, and calls (utlysningar).

Everything that the ordinance or the government may change — the granting agency, areas,
criteria and weights, budgets and dates — is data here, never code.
"""

from datetime import UTC, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from bidra.core.localized import localized
from bidra.core.money import KronorField
from bidra.core.organisation_number import validate_organisation_number


class ApplicantType(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommuner")


class Programme(models.Model):
    name = models.CharField(_("namn"), max_length=200)
    name_en = models.CharField(_("namn (engelska)"), max_length=200, blank=True)
    slug = models.SlugField(_("kortnamn i adresser"), unique=True)
    agency_name = models.CharField(_("beviljande myndighet"), max_length=200)
    agency_organisation_number = models.CharField(
        _("myndighetens organisationsnummer"), max_length=11, validators=[validate_organisation_number]
    )
    agency_unit = models.CharField(_("enhet"), max_length=200, blank=True)
    agency_address = models.TextField(_("postadress"), blank=True)
    legal_basis = models.CharField(_("författning (SFS-nummer)"), max_length=40, help_text=_("Till exempel 2022:259."))
    legal_basis_title = models.CharField(_("författningens rubrik"), max_length=300, blank=True)
    purpose = models.TextField(_("syfte"))
    purpose_en = models.TextField(_("syfte (engelska)"), blank=True)
    not_fundable = models.TextField(_("vad som inte får bidrag"), blank=True)
    not_fundable_en = models.TextField(_("vad som inte får bidrag (engelska)"), blank=True)
    eligible_applicant_type = models.CharField(
        _("vilka som får söka"), max_length=20, choices=ApplicantType.choices, default=ApplicantType.MUNICIPALITY
    )
    decisions_appealable = models.BooleanField(
        _("beslut kan överklagas"),
        default=False,
        help_text=_("Många bidragsförordningar säger att beslut inte får överklagas."),
    )
    case_number_prefix = models.CharField(
        _("diarienummerprefix"), max_length=10, default="851", help_text=_("Diarienummer blir prefix-löpnummer-år.")
    )
    max_period_months = models.PositiveSmallIntegerField(_("längsta projekttid (månader)"), default=24)

    class Meta:
        ordering = ["name"]
        verbose_name = _("bidragsprogram")
        verbose_name_plural = _("bidragsprogram")

    def __str__(self) -> str:
        return self.name

    @property
    def title(self) -> str:
        return localized(self, "name")


class Area(models.Model):
    """An area (insatsområde) an application may name; the programme decides which exist."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="areas")
    code = models.SlugField(_("kod"), max_length=40)
    name = models.CharField(_("namn"), max_length=100)
    name_en = models.CharField(_("namn (engelska)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_active = models.BooleanField(_("får sökas"), default=True)

    class Meta:
        ordering = ["programme", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="unique_area_code")]
        verbose_name = _("område")
        verbose_name_plural = _("områden")

    def __str__(self) -> str:
        return localized(self, "name")


class Criterion(models.Model):
    """An assessment criterion with its weight; scored ones are assessed per application."""

    class Kind(models.TextChoices):
        SCORED = "scored", _("Bedöms med poäng")
        ALLOCATION = "allocation", _("Beaktas vid fördelningen")
        MANUAL_CHECK = "manual_check", _("Manuell kontroll (ja/nej)")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("kod"), max_length=40)
    name = models.CharField(_("namn"), max_length=200)
    name_en = models.CharField(_("namn (engelska)"), max_length=200, blank=True)
    description = models.TextField(_("vägledning"), blank=True)
    description_en = models.TextField(_("vägledning (engelska)"), blank=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.SCORED)
    weight = models.DecimalField(_("vikt"), max_digits=5, decimal_places=2, default=1)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["programme", "position"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="unique_criterion_code")]
        verbose_name = _("bedömningskriterium")
        verbose_name_plural = _("bedömningskriterier")

    def __str__(self) -> str:
        return localized(self, "name")


class CriterionLevel(models.Model):
    """One step of a criterion's scale (for example 0–4) with guidance for assessors."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="levels")
    value = models.PositiveSmallIntegerField(_("poäng"))
    guidance = models.CharField(_("vägledning"), max_length=300)
    guidance_en = models.CharField(_("vägledning (engelska)"), max_length=300, blank=True)

    class Meta:
        ordering = ["criterion", "value"]
        constraints = [models.UniqueConstraint(fields=["criterion", "value"], name="unique_level_value")]
        verbose_name = _("skalsteg")
        verbose_name_plural = _("skalsteg")

    def __str__(self) -> str:
        return f"{self.value}: {localized(self, 'guidance')}"


class Call(models.Model):
    """A call for applications (utlysning, ansökningsomgång) of a programme."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="calls")
    title = models.CharField(_("rubrik"), max_length=200)
    title_en = models.CharField(_("rubrik (engelska)"), max_length=200, blank=True)
    slug = models.SlugField(_("kortnamn i adresser"), unique=True)
    description = models.TextField(_("beskrivning"), blank=True)
    description_en = models.TextField(_("beskrivning (engelska)"), blank=True)
    opens_at = models.DateTimeField(_("öppnar"))
    closes_at = models.DateTimeField(
        _("sista ansökningstid"), help_text=_("Ansökningar tas emot till och med denna minut, svensk tid.")
    )
    budget = KronorField(_("budget (kr)"))
    period_start_earliest = models.DateField(_("insatser får börja tidigast"))
    period_end_latest = models.DateField(_("insatser ska vara klara senast"))
    report_due_date = models.DateField(_("redovisning senast"), help_text=_("Anges i besluten."))
    follow_up_of = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_up_round",
        verbose_name=_("uppföljande omgång till"),
        help_text=_("Omgången får de medel som blir över i den tidigare."),
    )

    class Meta:
        ordering = ["-closes_at"]
        verbose_name = _("utlysning")
        verbose_name_plural = _("utlysningar")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="call_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end_latest__gte=models.F("period_start_earliest")), name="call_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def heading(self) -> str:
        return localized(self, "title")

    @property
    def last_accepted_instant(self):
        """Submissions are accepted until the end of the closing minute (see rules.call_accepts)."""
        # In UTC, where adding a minute is a real minute (Stockholm offsets are whole hours, so the
        # minute boundaries agree); on a Stockholm datetime it would move the wall clock instead.
        return self.closes_at.astimezone(UTC).replace(second=0, microsecond=0) + timedelta(minutes=1)
