"""Helpers for building test data: users with roles and memberships, complete drafts, files."""

import io
import time
import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.http import HttpRequest
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from bidra.accounts.authn import needs_second_factor
from bidra.accounts.models import AgencyRole, Membership, StaffRole, User
from bidra.applications import services
from bidra.applications.models import Application, BudgetLine
from bidra.municipalities.models import Municipality
from bidra.programmes.models import Call

PASSWORD = "test-password-1234"
# The smallest PDF that sniffing recognises as application/pdf.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


def make_member(email: str, code: str, *, is_admin: bool = False) -> User:
    user = User.objects.create_user(email, PASSWORD, full_name=email.split("@")[0].title())
    Membership.objects.create(user=user, municipality=municipality(code), is_admin=is_admin)
    return user


def make_staff(email: str, *roles: AgencyRole) -> User:
    user = User.objects.create_user(email, PASSWORD, full_name=email.split("@")[0].title())
    for role in roles:
        StaffRole.objects.create(user=user, role=role)
    return user


def app_device(user: User) -> TOTPDevice:
    """The user's confirmed authenticator app (created with a random key if missing)."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """The code the app shows now; the next step's if this one was already used (codes are one-time)."""
    now_t = int((time.time() - device.t0) // device.step)
    ahead = device.last_t + 1 - now_t
    if ahead > device.tolerance:
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.1)
        return current_code(device)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, max(0, ahead)):0{device.digits}d}"


def verify_session(client: Client, user: User) -> None:
    """Mark the client's session as having passed the second factor with the user's real device."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = app_device(user).persistent_id
    session.save()


def login_verified(client: Client, user: User) -> None:
    """Log in as a person who has given password and second factor (staff), or password only."""
    client.force_login(user)
    if needs_second_factor(user):
        verify_session(client, user)


def verified_session_key(user: User) -> str:
    """A new session (its key, for a ``sessionid`` cookie) logged in as ``user`` with the second factor given.

    Built directly in the session store, for benchmarks and browsers that skip the log-in pages.
    """
    client = BidraClient()
    client.force_login(user)
    return client.cookies["sessionid"].value


class BidraClient(Client):
    """The test client: ``force_login`` gives staff a session verified by a real TOTP device, as after
    the real second step; pass ``second_factor=False`` for a session that has only given the password.
    ``login`` passes a request to ``authenticate`` as the log-in form does (django-axes needs one)."""

    def force_login(self, user, backend=None, *, second_factor: bool = True):
        super().force_login(user, backend)
        if second_factor and needs_second_factor(user):
            verify_session(self, user)

    def login(self, **credentials):
        request = HttpRequest()
        request.META["REMOTE_ADDR"] = "127.0.0.1"
        credentials.setdefault("request", request)
        return super().login(**credentials)


def fill_complete(application: Application) -> Application:
    """Answer every question of a draft validly (amounts in whole kronor)."""
    call = application.call
    application.administration = "Socialförvaltningen"
    application.contact_name = "Anna Andersson"
    application.contact_email = "anna@stockholm.test"
    application.title = "Brobyggare i skolan"
    application.summary = "Två brobyggare stöder romska elever och deras familjer."
    application.purpose = "Öka närvaron i skolan."
    application.activities = "Hembesök, läxhjälp och föräldraträffar."
    application.target_groups = ["children_youth", "women"]
    application.roma_participation = "En referensgrupp med romska föräldrar styr arbetet."
    application.long_term_effects = "Arbetssättet förs in i skolans ordinarie elevhälsa."
    application.period_start = call.period_start_earliest
    application.period_end = call.period_start_earliest + timedelta(days=300)
    application.requested_amount = Decimal(400_000)
    application.save()
    application.areas.set(call.programme.areas.filter(code__in=["utbildning", "social-omsorg-trygghet"]))
    BudgetLine.objects.create(application=application, category="personnel", description="Brobyggare", amount=300_000)
    BudgetLine.objects.create(application=application, category="materials", description="Material", amount=100_000)
    return application


def make_call(programme, *, title: str, slug: str, around=None) -> Call:
    """A call of the Roma grant open from 10 days before ``around`` (default now) to 30 days after,
    with the 2024 budget, projects in that year and the next, and reports due the year after."""
    around = around or timezone.now()
    year = timezone.localtime(around).year
    return Call.objects.create(
        programme=programme,
        title=title,
        slug=slug,
        opens_at=around - timedelta(days=10),
        closes_at=around + timedelta(days=30),
        budget=Decimal(8_650_000),
        period_start_earliest=date(year, 1, 1),
        period_end_latest=date(year + 1, 12, 31),
        report_due_date=date(year + 2, 3, 31),
    )


def start_draft(call: Call, user: User, code: str = "0180", at=None) -> Application:
    return services.start_application(
        call=call, municipality=municipality(code), by=user, start_key=uuid.uuid4(), at=at or timezone.now()
    )


def pdf_upload() -> io.BytesIO:
    return io.BytesIO(PDF_BYTES)
