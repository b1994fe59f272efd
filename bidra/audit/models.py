"""The event log (append-only) and the notifications fanned out from it."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete a row that is a record."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be deleted.")


class AppendOnlyModel(models.Model):
    """A row that is written once: a record in the sense of the archives act.

    Guarding save() and delete() is not a side effect: it refuses, it does nothing else.
    """

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} {self.pk} is a record and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} {self.pk} is a record and cannot be deleted.")


class ChainHead(models.Model):
    """The last link of the event chain; locked while an event is appended so links never fork."""

    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"{self.sequence}: {self.hash[:12]}"


class Event(AppendOnlyModel):
    """Something that happened: who did what to which object, when, with the state before and after.

    Events form a hash chain (see bidra.audit.chain): ``sequence`` runs 1, 2, 3… without gaps
    and ``hash`` covers the row and the previous row's hash.
    """

    sequence = models.PositiveBigIntegerField(unique=True, null=True, editable=False)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)

    occurred_at = models.DateTimeField(_("tidpunkt"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("utförd av"),
    )
    actor_label = models.CharField(_("utförd av (text)"), max_length=200, blank=True)
    action = models.CharField(_("händelse"), max_length=80, db_index=True)
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=40, blank=True)
    case_number = models.CharField(_("diarienummer"), max_length=30, blank=True, db_index=True)
    before = models.JSONField(_("före"), default=dict, blank=True)
    after = models.JSONField(_("efter"), default=dict, blank=True)
    data = models.JSONField(_("uppgifter"), default=dict, blank=True)
    # Personal data, committed to by salted digests rather than hashed raw (see bidra.audit.chain):
    # ``actor_label`` and the values in ``personal`` can be pseudonymised without breaking the chain.
    personal = models.JSONField(_("personuppgifter"), default=dict, blank=True)
    personal_salts = models.JSONField(default=dict, blank=True, editable=False)
    personal_digests = models.JSONField(default=dict, blank=True, editable=False)
    pseudonymised_at = models.DateTimeField(_("pseudonymiserad"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action}"


# The only fields of a recorded event that may ever change, and only by pseudonymisation.
PSEUDONYMISABLE_FIELDS = frozenset({"actor_label", "personal", "personal_salts", "pseudonymised_at"})


def pseudonymise_event_row(event_id: int, **fields) -> None:
    """The one sanctioned change to a recorded event: replacing personal values by a pseudonym.

    Called only by ``bidra.audit.pseudonymisation.pseudonymise``, which records the act. It
    cannot touch anything the hash chain covers (the digests stay), so it cannot hide a change.
    """
    if not fields or set(fields) - PSEUDONYMISABLE_FIELDS:
        raise AppendOnlyError(f"Only {sorted(PSEUDONYMISABLE_FIELDS)} may be pseudonymised, not {sorted(fields)}.")
    models.QuerySet.update(Event.objects.filter(pk=event_id), **fields)


class Notification(models.Model):
    """One message to one recipient about one event: shown in the app and/or sent by e-mail.

    Rows are written in the same transaction as the event (an outbox), so a message is never
    lost when the mail server is down: ``send_notifications`` retries those not yet sent.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-post")
        IN_APP = "in_app", _("I Bidra")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="notifications")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    email = models.EmailField(blank=True)
    subject = models.CharField(max_length=250)
    body = models.TextField()
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["channel", "sent_at"])]
        verbose_name = _("avisering")
        verbose_name_plural = _("aviseringar")

    def __str__(self) -> str:
        return self.subject
