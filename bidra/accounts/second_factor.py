"""The staff second factor: a TOTP app (django-otp's TOTPDevice) and one-time backup codes (StaticDevice).

Plain functions for the views, the demo and the tests: enrolling a device, checking a code
(with django-otp's throttling: each wrong code doubles the wait before the next try), issuing
backup codes (new ones replace the old), and drawing the otpauth:// URI as an inline SVG QR code.
"""

import re
from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import qrcode
from django.db import transaction
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bidra.audit.events import label_actions, record

BACKUP_CODE_COUNT = 10
DEVICE_NAME = "app"
BACKUP_DEVICE_NAME = "backup"
_TOTP_CODE = re.compile(r"^\d{6}$")


@dataclass(frozen=True)
class CodeCheck:
    """The outcome of checking a code: the device that accepted it, or why not."""

    device: Any = None
    wait_until: datetime | None = None  # throttled: no code is tried before this moment

    @property
    def accepted(self) -> bool:
        return self.device is not None


def confirmed_app(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def has_confirmed_app(user: Any) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def pending_app(user: Any) -> TOTPDevice:
    """The unconfirmed device being enrolled (the same secret until it is confirmed)."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_of(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32 in groups of four."""
    text = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def check_code(user: Any, code: str) -> CodeCheck:
    """Six digits are tried against the TOTP app, anything else against the backup codes."""
    token = normalise(code)
    if _TOTP_CODE.match(token):
        devices: list[Any] = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
    else:
        devices = list(StaticDevice.objects.devices_for_user(user, confirmed=True))
    wait_until = None
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if not allowed:
            wait_until = (details or {}).get("locked_until")
            continue
        accepted = verify_token(user, device.persistent_id, token)
        if accepted is not None:
            return CodeCheck(device=accepted)
    return CodeCheck(wait_until=wait_until)


def confirm_enrolment(user: Any, device: TOTPDevice, code: str) -> bool:
    """The first code from the app confirms the device; the event is recorded."""
    if device.user_id != user.pk or device.confirmed:
        return False
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(normalise(code)):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.devices_for_user(user, confirmed=False).delete()
        record("account.2fa_enrolled", actor=user, target=user, data={"device": "totp"})
    return True


def issue_backup_codes(user: Any, *, count: int = BACKUP_CODE_COUNT) -> list[str]:
    """New one-time backup codes; any earlier ones stop working. Shown once, never again."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(count)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
        record("account.backup_codes_generated", actor=user, target=user, data={"count": count})
    return codes


def backup_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def qr_svg(data: str, title: str) -> SafeString:
    """The data as a QR code drawn in an inline SVG element (no image service, no script, no style)."""
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    path = "".join(f"M{x},{y}h1v1h-1z" for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark)
    return format_html(
        '<svg class="qr-code" role="img" aria-labelledby="qr-title" viewBox="0 0 {size} {size}" '
        'width="240" height="240" xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges">'
        '<title id="qr-title">{title}</title>'
        '<rect width="{size}" height="{size}" fill="#ffffff"/><path d="{path}" fill="#000000"/></svg>',
        size=size,
        title=title,
        path=path,
    )


label_actions(
    {
        "account.login": _("Inloggning"),
        "account.login_failed": _("Misslyckad inloggning"),
        "account.locked_out": _("Inloggning spärrad efter för många försök"),
        "account.2fa_enrolled": _("Tvåstegsverifiering aktiverad"),
        "account.backup_codes_generated": _("Nya reservkoder skapade"),
        "account.reauthenticated": _("Identitet bekräftad för känslig åtgärd"),
        "account.password_changed": _("Lösenord bytt"),
        "account.role_granted": _("Myndighetsroll tilldelad"),
        "account.role_revoked": _("Myndighetsroll borttagen"),
        "account.membership_changed": _("Kommunbehörighet ändrad"),
        "account.access_changed": _("Administrationsbehörighet ändrad"),
    }
)
