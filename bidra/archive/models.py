"""Retention rules for gallring (weeding): how long a closed case's documents are kept.

The rules are data, edited in the admin, because the agency's dokumenthanteringsplan (records
management plan, decided under the archives act and the National Archives' regulations) decides
them, not Bidra. The defaults shipped by migration 0002 are a starting point only:

- refused and withdrawn applications: the case's documents 2 years after the case closed;
- granted (also partly granted) cases: 10 years after the case closed (report approved and
  any reclaim settled).

A case without a matching rule is kept (bevaras). A rule for one document kind overrides the
rule for all kinds of the same outcome.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseOutcome(models.TextChoices):
    GRANTED = "granted", _("Beviljad (helt eller delvis)")
    REFUSED = "refused", _("Avslagen")
    WITHDRAWN = "withdrawn", _("Återkallad")


class RetentionRule(models.Model):
    outcome = models.CharField(_("ärendets utgång"), max_length=20, choices=CaseOutcome.choices)
    document_kind = models.CharField(
        _("handlingstyp"), max_length=40, blank=True, help_text=_("Tomt betyder alla handlingstyper.")
    )
    years = models.PositiveSmallIntegerField(
        _("gallras efter antal år"),
        validators=[MinValueValidator(1)],
        help_text=_("Räknat från att ärendet avslutades."),
    )
    note = models.CharField(_("stöd i dokumenthanteringsplanen"), max_length=300, blank=True)

    class Meta:
        ordering = ["outcome", "document_kind"]
        constraints = [models.UniqueConstraint(fields=["outcome", "document_kind"], name="one_rule_per_outcome_kind")]
        verbose_name = _("gallringsregel")
        verbose_name_plural = _("gallringsregler")

    def __str__(self) -> str:
        kind = self.document_kind or _("alla handlingar")
        return f"{self.get_outcome_display()}, {kind}: {self.years}"
