"""Demo staff log in with a second factor too, without a phone: known keys, a code printer, backup codes.

The keys are derived from the e-mail address and published by ``load_demo``; they are for the demo
only. ``manage.py demo_otp`` refuses any device whose key is not the demo key, so it cannot print
codes for real accounts.
"""

import hashlib
import time
from typing import Any

from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bidra.accounts import second_factor

BACKUP_CODES_PER_USER = 3


def demo_key(email: str) -> str:
    """A 20-byte TOTP key (hex) that every demo installation gives this e-mail address."""
    return hashlib.sha256(f"bidra-demo-totp:{email}".encode()).hexdigest()[:40]


def demo_backup_codes(email: str) -> list[str]:
    digest = hashlib.sha256(f"bidra-demo-backup:{email}".encode()).hexdigest()
    return [digest[i * 8 : (i + 1) * 8] for i in range(BACKUP_CODES_PER_USER)]


def ensure_demo_second_factor(user: Any) -> TOTPDevice:
    """A confirmed authenticator device with the demo key, and the demo backup codes (re-issued if used)."""
    device = TOTPDevice.objects.filter(user=user, name=second_factor.DEVICE_NAME, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=second_factor.DEVICE_NAME, confirmed=True, key=demo_key(user.email)
        )
    backup, _created = StaticDevice.objects.get_or_create(
        user=user, name=second_factor.BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    present = set(backup.token_set.values_list("token", flat=True))
    StaticToken.objects.bulk_create(
        [StaticToken(device=backup, token=code) for code in demo_backup_codes(user.email) if code not in present]
    )
    return device


def is_demo_device(device: TOTPDevice) -> bool:
    return device.key == demo_key(device.user.email)


def current_demo_code(device: TOTPDevice, at: float | None = None) -> tuple[str, int]:
    """The code the app would show now, and the seconds it stays valid."""
    now = at if at is not None else time.time()
    step_now = int((now - device.t0) // device.step)
    # A code is accepted once; if this step's code was used, the next step's is accepted already.
    ahead = max(0, min(device.last_t + 1 - step_now, device.tolerance))
    code = totp(device.bin_key, device.step, device.t0, device.digits, ahead)
    return f"{code:0{device.digits}d}", int(device.step * (1 + ahead) - (now - device.t0) % device.step)
