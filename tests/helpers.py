"""Helpers for building test data: users with roles and memberships, complete drafts, files."""

import io
import uuid
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

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


def start_draft(call: Call, user: User, code: str = "0180", at=None) -> Application:
    return services.start_application(
        call=call, municipality=municipality(code), by=user, start_key=uuid.uuid4(), at=at or timezone.now()
    )


def pdf_upload() -> io.BytesIO:
    return io.BytesIO(PDF_BYTES)
