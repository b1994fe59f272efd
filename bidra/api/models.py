"""Personal API tokens for the authenticated part of the API.

Only a SHA-256 hash of each token is stored; the token itself is shown once, when it is
created. Tokens are long random strings (256 bits), so an unsalted hash is enough: nobody
can guess their way back from the hash.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self, moment=None) -> "ApiTokenQuerySet":
        moment = moment or timezone.now()
        return self.filter(revoked_at__isnull=True, user__is_active=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=moment)
        )


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("namn"), max_length=100)
    prefix = models.CharField(_("början av nyckeln"), max_length=20, unique=True)
    secret_hash = models.CharField(max_length=64, unique=True)  # SHA-256 (hex) of the whole token
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)
    expires_at = models.DateTimeField(_("giltig till"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_expired(self, moment=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (moment or timezone.now())

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired()
