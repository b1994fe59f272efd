"""The case register (diarium): cases with their case numbers, and the documents registered in them.

A received document is a public record from the moment it arrives (OSL 5 kap.). Registered
documents and their files are append-only: a change is a new document, never an edit.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bidra.audit.models import AppendOnlyError, AppendOnlyModel


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
    # The tombstone left by gallring (weeding): that the document existed and when and why its
    # content was removed; its files keep their names and SHA-256 but the stored bytes are gone.
    weeded_at = models.DateTimeField(_("gallrad"), null=True, blank=True, editable=False)
    weeded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    weeding_reason = models.TextField(_("skäl för gallring"), blank=True, editable=False)
    content_sha256 = models.CharField(_("innehållets SHA-256 vid gallring"), max_length=64, blank=True, editable=False)

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

    @property
    def is_weeded(self) -> bool:
        return self.weeded_at is not None


def weed_document_row(document_id: int, *, at, by, reason: str, content_sha256: str) -> None:
    """The one sanctioned change to a registered document: gallring (weeding) its content.

    Called only by ``bidra.archive.weeding.weed``, which checks the retention period and the
    administrator's permission, removes the files and records the act. The row stays as a
    tombstone; only a document not yet weeded can be weeded.
    """
    changed = models.QuerySet.update(
        Document.objects.filter(pk=document_id, weeded_at__isnull=True),
        snapshot={},
        weeded_at=at,
        weeded_by=by,
        weeding_reason=reason,
        content_sha256=content_sha256,
    )
    if changed != 1:
        raise AppendOnlyError(f"Document {document_id} is already weeded or does not exist.")


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
