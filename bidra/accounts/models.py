"""Users, the agency's roles and municipality memberships.

A person's identity (log-in) and what they may act for are kept apart: a user acts for a
municipality only through an active Membership, and for the agency only through StaffRoles.
Roles are stable codes; their translated labels are never matched on.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AgencyRole(models.TextChoices):
    CASE_OFFICER = "case_officer", _("Handläggare")
    DECISION_MAKER = "decision_maker", _("Beslutsfattare")
    REGISTRAR = "registrar", _("Registrator")
    FINANCE = "finance", _("Ekonomi")
    ANALYST = "analyst", _("Uppföljare")
    ADMINISTRATOR = "administrator", _("Administratör")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-postadress"), unique=True)
    full_name = models.CharField(_("namn"), max_length=150, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    language = models.CharField(
        _("språk för e-post"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(
        _("får använda administrationsgränssnittet"), default=False, help_text=_("Django-admin, inte handläggning.")
    )
    date_joined = models.DateTimeField(_("skapad"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []  # e-mail is the only credential

    class Meta:
        ordering = ["email"]
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class StaffRole(models.Model):
    """One agency role held by one user."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_roles")
    role = models.CharField(_("roll"), max_length=20, choices=AgencyRole.choices)
    granted_at = models.DateTimeField(_("tilldelad"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_staff_role")]
        verbose_name = _("myndighetsroll")
        verbose_name_plural = _("myndighetsroller")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> "MembershipQuerySet":
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class Membership(models.Model):
    """A user's right to act for a municipality, granted by the agency or the municipality's administrator."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="memberships", verbose_name=_("kommun")
    )
    is_admin = models.BooleanField(
        _("kommunadministratör"), default=False, help_text=_("Får bjuda in kollegor från samma kommun.")
    )
    granted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("beviljad av")
    )
    granted_at = models.DateTimeField(_("beviljad"), default=timezone.now)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_membership_per_municipality",
            )
        ]
        verbose_name = _("kommunbehörighet")
        verbose_name_plural = _("kommunbehörigheter")

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality}"


class ElectronicIdentity(models.Model):
    """A user's Swedish e-legitimation (BankID, Freja, SITHS … through an OpenID Connect broker).

    The personal identity number (personnummer) is never stored: only a keyed hash of it
    (bidra.accounts.eid.personal_number_hash), under which the next log-in finds the user.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="electronic_identity")
    personal_number_hash = models.CharField(max_length=64, unique=True, editable=False)
    issuer = models.CharField(_("utfärdare"), max_length=300)
    linked_at = models.DateTimeField(_("kopplad"), default=timezone.now)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-legitimation")
        verbose_name_plural = _("e-legitimationer")

    def __str__(self) -> str:
        return f"{self.user} – {self.issuer}"
