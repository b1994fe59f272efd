"""Allocation proposals (fördelningsförslag): saved versions, never edited in place.

Each run of the optimiser, and each adjustment by hand, is a new version that keeps its
inputs (rules and candidates), its result and who made it, so that every proposal that
went to decision can be reproduced and explained afterwards. Amounts are strings of whole
kronor in JSON (never floats).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Proposal(models.Model):
    class Kind(models.TextChoices):
        OPTIMISED = "optimised", _("Optimerat förslag")
        ADJUSTED = "adjusted", _("Justerat för hand")

    call = models.ForeignKey("programmes.Call", on_delete=models.PROTECT, related_name="proposals")
    version = models.PositiveIntegerField(_("version"))
    kind = models.CharField(max_length=20, choices=Kind.choices)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    rules = models.JSONField(default=dict)
    candidates = models.JSONField(default=list)
    amounts = models.JSONField(default=dict)  # application id -> whole kronor as a string
    result = models.JSONField(default=dict)  # status, objective, gap, seconds, conflicts, explanations
    greedy = models.JSONField(default=dict)  # the by-hand baseline: amounts and summary
    note = models.TextField(_("motivering till justeringen"), blank=True)

    class Meta:
        ordering = ["call", "-version"]
        constraints = [models.UniqueConstraint(fields=["call", "version"], name="unique_proposal_version")]
        verbose_name = _("fördelningsförslag")
        verbose_name_plural = _("fördelningsförslag")

    def __str__(self) -> str:
        return f"{self.call} v{self.version}"
