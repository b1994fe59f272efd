"""The case register (diarium): cases with their case numbers, and the documents registered in them.

A received document is a public record from the moment it arrives (OSL 5 kap.). Registered
documents and their files are append-only: a change is a new document, never an edit.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bidra.audit.models import AppendOnlyModel


class CaseNumberSequence(models.Model):
    """The last running number used per prefix and year; locked while a number is taken."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="unique_sequence")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_number}"


class Case(models.Model):
    """An ärende: one matter with a diarienummer (case number) such as 851-0042-2024."""

    number = models.CharField(_("diarienummer"), max_length=30, unique=True)
    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField(_("år"))
    serial = models.PositiveIntegerField(_("löpnummer"))
    subject = models.CharField(_("ärendemening"), max_length=300)
    programme = models.ForeignKey(
        "programmes.Programme", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    parties = models.ManyToManyField("municipalities.Municipality", related_name="cases", verbose_name=_("parter"))
    registered_at = models.DateTimeField(_("registrerat"), default=timezone.now)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    document_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-year", "-serial"]
        constraints = [models.UniqueConstraint(fields=["prefix", "year", "serial"], name="unique_case_serial")]
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")

    def __str__(self) -> str:
        return self.number


class Document(AppendOnlyModel):
    """A registered document (handling) in a case: incoming, outgoing or drawn up internally."""

    class Direction(models.TextChoices):
        INCOMING = "in", _("Inkommen")
        OUTGOING = "out", _("Utgående")
        INTERNAL = "internal", _("Upprättad")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    serial = models.PositiveIntegerField(_("handlingsnummer"))
    direction = models.CharField(_("riktning"), max_length=10, choices=Direction.choices)
    kind = models.CharField(_("typ"), max_length=40)
    title = models.CharField(_("rubrik"), max_length=300)
    registered_at = models.DateTimeField(_("registrerad"), default=timezone.now)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    counterparty = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("avsändare/mottagare"),
    )
    snapshot = models.JSONField(_("innehåll"), default=dict, blank=True)

    class Meta:
        ordering = ["case_id", "serial"]
        constraints = [models.UniqueConstraint(fields=["case", "serial"], name="unique_document_serial")]
        verbose_name = _("handling")
        verbose_name_plural = _("handlingar")

    def __str__(self) -> str:
        return f"{self.case.number}:{self.serial} {self.title}"

    @property
    def reference(self) -> str:
        return f"{self.case.number}:{self.serial}"


class DocumentFile(AppendOnlyModel):
    """A file belonging to a registered document, with the checksum it had on arrival."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="files")
    name = models.CharField(_("filnamn"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("storlek (byte)"))
    content_type = models.CharField(_("filtyp"), max_length=120)

    class Meta:
        ordering = ["document_id", "id"]
        verbose_name = _("fil")
        verbose_name_plural = _("filer")

    def __str__(self) -> str:
        return self.name
