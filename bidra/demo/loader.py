"""Loading the demo round through Bidra's real services, as plain functions.

Applications are started, filled in, given attachments and submitted with the same services
the e-service uses, so case numbers, received versions, screening results, events and receipt
notifications are all real. Everything is idempotent: calls and users are matched on their
slug and e-mail, applications on their start key, so loading twice changes nothing.

The texts and figures are in ``content.py``. Run it on a demo or development database only:
the e-mail outbox is emptied into Django's in-memory backend when the load commits.
"""

import functools
import io
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from bidra.accounts.identity import forget
from bidra.accounts.models import AgencyRole, Membership, StaffRole, User
from bidra.applications import services
from bidra.applications.models import Application, Attachment, BudgetCategory, BudgetLine, CoActor, ScreeningOutcome
from bidra.applications.steps import STEP_SLUGS
from bidra.applications.workflow import Status
from bidra.core import stockholm
from bidra.municipalities.models import Municipality
from bidra.municipalities.reference_data import load_shipped_reference_data
from bidra.programmes.models import Call, Programme
from bidra.programmes.seed import ensure_roma_programme

from . import content
from .decided import decide_spring_round
from .followup_round import describe_status, report_on_spring_round
from .second_factor import ensure_demo_second_factor

NAMESPACE = uuid.UUID(content.START_KEY_NAMESPACE)
COMPLETE = "bilagor"  # the last step: a draft that has reached it has answered everything
_FLAWS = {"budget_short", "budget_over", "period"}


# --- Small helpers ----------------------------------------------------------------------------
def start_key(name: str | int) -> uuid.UUID:
    """The start key of demo application ``name`` (for example 7 or "draft-malmo")."""
    return uuid.uuid5(NAMESPACE, f"demo-{name}")


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, moved back to the month's last day when it does not exist."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (first_of_next - timedelta(days=1)).day))


def render(template: str, values: dict[str, Any]) -> str:
    return re.sub(r"[ \t]+", " ", template.format_map(values)).strip()


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def ascii_slug(text: str, separator: str = ".") -> str:
    folded = text.lower().translate(str.maketrans("åäöéüæø", "aaoeuao"))
    return re.sub(r"[^a-z0-9-]+", separator, folded).strip(separator)


def phone(index: int) -> str:
    """Numbers from the series 070-174 06 05 – 070-174 06 99, which PTS keeps for fiction."""
    return f"070-174 06 {5 + index % 95:02d}"


def kronor(amount: Decimal | int) -> str:
    return f"{int(amount):,}".replace(",", " ") + " kr"


def make_pdf(lines: Iterable[str]) -> bytes:
    """A small, valid one-page PDF (Helvetica, Windows-1252) showing ``lines``."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    operations = ["BT", "/F1 11 Tf", "15 TL", "56 786 Td"]
    operations += [f"({escape(line)}) Tj T*" for line in lines]
    operations.append("ET")
    stream = "\n".join(operations).encode("cp1252", errors="replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(pdf)


# --- Calls ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoCalls:
    spring: Call
    autumn: Call
    open: Call

    def all(self) -> list[Call]:
        return [self.spring, self.autumn, self.open]


def open_call_values(now: datetime) -> dict[str, Any]:
    """Dates of a round that is open ``now``: opened 30 days ago, closes in 120 days."""
    today = stockholm.local_date(now)
    closing_day = today + timedelta(days=120)
    opening_day = today - timedelta(days=30)
    period_start = add_months(closing_day.replace(day=1), 1)
    period_end = add_months(period_start, 18) - timedelta(days=1)
    report_due = add_months(period_end.replace(day=1), 4) - timedelta(days=1)
    year = closing_day.year
    return {
        "title": content.OPEN_CALL["title"].format(year=year),
        "title_en": content.OPEN_CALL["title_en"].format(year=year),
        "description": content.OPEN_CALL["description"],
        "description_en": content.OPEN_CALL["description_en"],
        "opens_at": stockholm.at(opening_day.year, opening_day.month, opening_day.day, 8, 0),
        "closes_at": stockholm.at(closing_day.year, closing_day.month, closing_day.day, 23, 59),
        "budget": Decimal("8650000"),
        "period_start_earliest": period_start,
        "period_end_latest": period_end,
        "report_due_date": report_due,
    }


def ensure_calls(programme: Programme, now: datetime) -> DemoCalls:
    spring, _ = Call.objects.update_or_create(
        slug=content.SPRING_SLUG,
        defaults={
            **content.SPRING_CALL,
            "programme": programme,
            "opens_at": stockholm.at(2024, 1, 15, 8, 0),
            "closes_at": stockholm.at(2024, 4, 15, 23, 59),
            "budget": Decimal("8650000"),
            "period_start_earliest": date(2024, 1, 1),
            "period_end_latest": date(2025, 6, 30),
            "report_due_date": date(2025, 9, 30),
        },
    )
    autumn, _ = Call.objects.update_or_create(
        slug=content.AUTUMN_SLUG,
        defaults={
            **content.AUTUMN_CALL,
            "programme": programme,
            "follow_up_of": spring,
            "opens_at": stockholm.at(2024, 9, 2, 8, 0),
            "closes_at": stockholm.at(2024, 10, 15, 23, 59),
            "budget": Decimal("1180000"),
            "period_start_earliest": date(2024, 11, 1),
            "period_end_latest": date(2025, 12, 31),
            "report_due_date": date(2026, 3, 31),
        },
    )
    current, _ = Call.objects.update_or_create(
        slug=content.OPEN_SLUG, defaults={**open_call_values(now), "programme": programme}
    )
    return DemoCalls(spring, autumn, current)


# --- Users ------------------------------------------------------------------------------------
def ensure_user(email: str, full_name: str, **extra: Any) -> User:
    """The user with this e-mail; created with the demo password if missing, otherwise left as is."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=full_name, **extra)
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
    return user


@functools.cache
def _demo_password_hash() -> str:
    """Hashed once per process: some forty users share the demo password, and hashing is slow on purpose."""
    return make_password(content.PASSWORD)


def ensure_membership(user: User, municipality: Municipality, *, is_admin: bool = False) -> None:
    if not Membership.objects.filter(user=user, municipality=municipality, revoked_at__isnull=True).exists():
        Membership.objects.create(user=user, municipality=municipality, is_admin=is_admin)
        forget(user)


def ensure_staff() -> list[tuple[User, str]]:
    staff = []
    for email, full_name, role, django_admin in content.STAFF:
        extra = {"is_staff": True, "is_superuser": True} if django_admin else {}
        user = ensure_user(email, full_name, **extra)
        StaffRole.objects.get_or_create(user=user, role=role)
        forget(user)
        ensure_demo_second_factor(user)
        staff.append((user, role))
    return staff


class Applicants:
    """Who acts for each municipality: the listed demo users, or one unlisted user per municipality."""

    def __init__(self, municipalities: dict[str, Municipality]):
        self.municipalities = municipalities
        self.users: dict[str, User] = {}
        for email, full_name, code, is_admin in content.MUNICIPALITY_USERS:
            user = ensure_user(email, full_name)
            ensure_membership(user, municipalities[code], is_admin=is_admin)
            self.users[code] = user

    def listed(self) -> list[tuple[User, Municipality, bool]]:
        return [
            (self.users[code], self.municipalities[code], is_admin)
            for _, _, code, is_admin in content.MUNICIPALITY_USERS
        ]

    def for_municipality(self, code: str, full_name: str) -> User:
        if code not in self.users:
            user = ensure_user(content.HIDDEN_USER_EMAIL.format(code=code), full_name)
            ensure_membership(user, self.municipalities[code])
            self.users[code] = user
        return self.users[code]


# --- Filling in an application ----------------------------------------------------------------
def text_values(spec: dict[str, Any], municipality: Municipality) -> dict[str, Any]:
    archetype = content.ARCHETYPES.get(spec.get("archetype") or "", {})
    administration = spec.get("administration", "")
    values: dict[str, Any] = {**archetype.get("defaults", {}), **spec.get("vars", {})}
    values.update(
        ort=municipality.name,
        org=content.ORGANISATIONS.get(municipality.code, municipality.name),
        forvaltning=administration[:1].lower() + administration[1:],
        forvaltning_cap=administration,
        forening=spec.get("association") or "en romsk förening",
        detail=spec.get("detail", ""),
    )
    if "tjanst" in values:
        values["tjanst_cap"] = capitalise(values["tjanst"])
    return values


def budget_lines(spec: dict[str, Any], values: dict[str, Any]) -> list[tuple[str, str, Decimal]]:
    """Lines adding up to the requested amount (in whole thousands where possible), unless flawed."""
    template = content.ARCHETYPES[spec["archetype"]]["budget"]
    amount = int(spec["amount"])
    amounts = [round(amount * share / 1000) * 1000 for _, _, share in template]
    largest = max(range(len(template)), key=lambda index: template[index][2])
    amounts[largest] += amount - sum(amounts)
    lines = [
        (category, render(text, values), Decimal(value))
        for (category, text, _), value in zip(template, amounts, strict=True)
    ]
    if spec.get("flaw") == "budget_short":
        lines = lines[:-1]
    elif spec.get("flaw") == "budget_over":
        lines.append(("other", "Oförutsedda kostnader", Decimal(25_000)))
    return lines


def period_of(spec: dict[str, Any], call: Call) -> tuple[date, date]:
    if "period" in spec:
        start, end = spec["period"]
        return date.fromisoformat(start), date.fromisoformat(end)
    start = call.period_start_earliest
    return start, add_months(start, spec.get("months", 12)) - timedelta(days=1)


def fill(
    application: Application,
    spec: dict[str, Any],
    *,
    contact_index: int,
    through: str = COMPLETE,
    partial: Iterable[str] = (),
    at: datetime,
) -> None:
    """Answer the steps before ``through`` in full and, on ``through`` itself, the ``partial`` answers."""
    municipality = application.municipality
    archetype = content.ARCHETYPES.get(spec.get("archetype") or "", {})
    values = text_values(spec, municipality)
    answered = set(STEP_SLUGS[: STEP_SLUGS.index(through)])
    partial = set(partial)

    def wanted(step: str, part: str) -> bool:
        return step in answered or (step == through and part in partial)

    if wanted("organisation", "all"):
        application.administration = spec["administration"]
        name = spec["contact"]
        listed = {email for email, *_ in content.MUNICIPALITY_USERS}
        if application.created_by.email not in listed or name != application.created_by.full_name:
            application.contact_name = name
            application.contact_email = f"{ascii_slug(name)}@{ascii_slug(municipality.name, '-')}.demo"
        application.contact_phone = phone(contact_index)
    for part in ("title", "summary", "purpose", "activities"):
        if wanted("insatsen", part):
            setattr(application, part, render(archetype[part], values))
    if wanted("omraden", "all"):
        application.target_groups = list(archetype["target_groups"])
        application.target_groups_other = archetype.get("target_groups_other", "")
        application.target_group_description = render(archetype["target_group_description"], values)
    if wanted("forankring", "all"):
        application.roma_participation = render(archetype["roma_participation"], values)
        application.long_term_effects = render(archetype["long_term_effects"], values)
    if wanted("budget", "period"):
        application.period_start, application.period_end = period_of(spec, application.call)
    if wanted("budget", "amount"):
        application.requested_amount = Decimal(spec["amount"])
        application.minimum_amount = Decimal(spec["minimum"]) if spec.get("minimum") else None
        application.own_funding = Decimal(spec["own"]) if spec.get("own") else None
        if spec.get("other"):
            other_amount, other_source = spec["other"]
            application.other_funding = Decimal(other_amount)
            application.other_funding_description = other_source
    application.last_step = through
    application.updated_at = at
    application.save()

    if wanted("omraden", "all"):
        application.areas.set(application.call.programme.areas.filter(code__in=archetype["areas"]))
    if wanted("forankring", "all"):
        for index, (name_template, role) in enumerate(archetype["co_actors"]):
            CoActor.objects.create(
                application=application,
                name=render(name_template, values),
                organisation_number=spec.get("orgnr", "") if index == 0 else "",
                role=render(role, values),
            )
    if wanted("budget", "lines"):
        for category, description, amount in budget_lines(spec, values):
            BudgetLine.objects.create(
                application=application, category=category, description=description, amount=amount
            )


def attach_budget(application: Application, *, by: User, at: datetime) -> None:
    """Attach a one-page budget specification as a real PDF, dated ``at``."""
    lines = [
        "Budgetspecifikation",
        f"{content.ORGANISATIONS.get(application.municipality.code, application.municipality.name)}, "
        f"{application.administration}",
        f"Insats: {application.title}",
        "",
    ]
    total = Decimal(0)
    for line in application.budget_lines.all():
        lines.append(f"{BudgetCategory(line.category).label}: {line.description}: {kronor(line.amount)}")
        total += line.amount
    lines += ["", f"Summa: {kronor(total)}", f"Sökt belopp: {kronor(application.requested_amount or 0)}"]
    pdf = make_pdf(lines)
    attachment = services.add_attachment(application, upload=io.BytesIO(pdf), name="budget.pdf", size=len(pdf), by=by)
    Attachment.objects.filter(pk=attachment.pk).update(uploaded_at=at)


# --- The rounds -------------------------------------------------------------------------------
def _spring_times(spec: dict[str, Any], call: Call) -> tuple[datetime, datetime]:
    n = spec["n"]
    submitted_at = stockholm.at(2024, *spec["submitted"])
    start_day = stockholm.local_date(submitted_at) - timedelta(days=4 + n % 19)
    started_at = stockholm.at(start_day.year, start_day.month, start_day.day, 8 + n % 8, (7 * n) % 60)
    started_at = max(started_at, call.opens_at + timedelta(hours=1))
    return started_at, submitted_at


def load_spring_round(call: Call, applicants: Applicants) -> int:
    """The 2024 spring round's applications, submitted in the order they arrived."""
    created = 0
    for spec in sorted(content.APPLICATIONS, key=lambda s: s["submitted"]):
        key = start_key(spec["n"])
        if Application.objects.filter(start_key=key).exists():
            continue
        municipality = applicants.municipalities[spec["code"]]
        user = applicants.for_municipality(spec["code"], spec["contact"])
        started_at, submitted_at = _spring_times(spec, call)
        edited_at = min(started_at + timedelta(days=1), submitted_at - timedelta(minutes=4))
        application = services.start_application(
            call=call, municipality=municipality, by=user, start_key=key, at=started_at
        )
        fill(application, spec, contact_index=spec["n"], at=edited_at)
        if spec["n"] % 2:
            attach_budget(application, by=user, at=edited_at)
        services.submit(application.pk, by=user, at=submitted_at)
        created += 1
    return created


def load_late_attempt(call: Call, applicants: Applicants) -> int:
    """A complete Malmö application sent three minutes after the deadline: refused and logged once."""
    spec = content.LATE_ATTEMPT
    key = start_key(spec["n"])
    if Application.objects.filter(start_key=key).exists():
        return 0
    user = applicants.for_municipality(spec["code"], spec["contact"])
    started_at = stockholm.at(2024, *spec["started"])
    application = services.start_application(
        call=call, municipality=applicants.municipalities[spec["code"]], by=user, start_key=key, at=started_at
    )
    fill(application, spec, contact_index=41, at=started_at + timedelta(hours=2))
    try:
        services.submit(application.pk, by=user, at=stockholm.at(2024, *spec["attempted"]))
    except services.SubmissionRefused as refusal:
        if refusal.reason != "deadline":
            raise
    else:
        raise RuntimeError("the late demo application was accepted; check the spring call's closing time")
    return 1


def load_open_round(call: Call, applicants: Applicants, now: datetime) -> int:
    """Two applications received today and drafts at different steps in the round open now."""
    created = 0
    for index, spec in enumerate(content.OPEN_SUBMITTED):
        key = start_key(spec["n"])
        if Application.objects.filter(start_key=key).exists():
            continue
        user = applicants.for_municipality(spec["code"], spec["contact"])
        started_at = max(now - timedelta(days=6 - index), call.opens_at)
        application = services.start_application(
            call=call, municipality=applicants.municipalities[spec["code"]], by=user, start_key=key, at=started_at
        )
        fill(application, spec, contact_index=42 + index, at=now - timedelta(hours=3))
        attach_budget(application, by=user, at=now - timedelta(hours=2))
        services.submit(application.pk, by=user, at=now)
        created += 1
    for index, spec in enumerate(content.DRAFTS):
        key = start_key(spec["n"])
        if Application.objects.filter(start_key=key).exists():
            continue
        user = applicants.for_municipality(spec["code"], spec["contact"])
        started_at = max(now - timedelta(days=spec["days_ago"]), call.opens_at)
        application = services.start_application(
            call=call, municipality=applicants.municipalities[spec["code"]], by=user, start_key=key, at=started_at
        )
        through = spec["step"]
        fill(
            application,
            spec,
            contact_index=45 + index,
            through=through,
            partial=spec["partial"],
            at=started_at + timedelta(minutes=40),
        )
        if spec.get("attachment"):
            attach_budget(application, by=user, at=started_at + timedelta(minutes=45))
        created += 1
    return created


# --- Everything -------------------------------------------------------------------------------
@dataclass
class DemoSummary:
    calls: DemoCalls
    staff: list[tuple[User, str]]
    municipality_users: list[tuple[User, Municipality, bool]]
    created: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def counts(calls: DemoCalls) -> dict[str, int]:
    demo = Application.objects.filter(call__in=calls.all())
    spring = demo.filter(call=calls.spring).exclude(status__in=[Status.DRAFT, Status.WITHDRAWN])
    return {
        "submitted": demo.exclude(status__in=[Status.DRAFT, Status.WITHDRAWN]).count(),
        "drafts": demo.filter(status=Status.DRAFT).count(),
        "spring_submitted": spring.count(),
        "open_submitted": demo.filter(call=calls.open).exclude(status__in=[Status.DRAFT, Status.WITHDRAWN]).count(),
        "granted": spring.filter(status__in=[Status.GRANTED, Status.PARTLY_GRANTED]).count(),
        "refused": spring.filter(status=Status.REFUSED).count(),
        "spring_screening_failed": spring.filter(screening_outcome=ScreeningOutcome.FAILED).count(),
        "municipalities": len(set(spring.values_list("municipality_id", flat=True))),
        "national_areas": len(set(spring.values_list("municipality__national_area", flat=True))),
        "skr_groups": len(set(spring.values_list("municipality__skr_group_code", flat=True))),
    }


def load_demo(now: datetime | None = None) -> DemoSummary:
    """Load (or top up) the whole demo in one transaction and say what is there."""
    now = now or timezone.now()
    with transaction.atomic():
        load_shipped_reference_data()
        programme = ensure_roma_programme()
        calls = ensure_calls(programme, now)
        staff = ensure_staff()
        codes = {spec["code"] for spec in [*content.APPLICATIONS, *content.OPEN_SUBMITTED, *content.DRAFTS]}
        codes |= {code for _, _, code, _ in content.MUNICIPALITY_USERS} | {content.LATE_ATTEMPT["code"]}
        municipalities = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
        applicants = Applicants(municipalities)
        created = load_spring_round(calls.spring, applicants)
        created += load_late_attempt(calls.spring, applicants)
        created += load_open_round(calls.open, applicants, now)
        decide_spring_round(calls.spring, calls.autumn)
        report_on_spring_round(calls.spring)
        describe_status()
        return DemoSummary(calls, staff, applicants.listed(), created, counts(calls))


def role_label(role: str) -> str:
    return str(AgencyRole(role).label)


def flawed_start_keys() -> dict[uuid.UUID, str]:
    """Start keys of the spring applications meant to fail the automatic screening, with the flaw."""
    return {start_key(spec["n"]): spec["flaw"] for spec in content.APPLICATIONS if spec.get("flaw") in _FLAWS}


def spring_start_keys() -> list[uuid.UUID]:
    return [start_key(spec["n"]) for spec in content.APPLICATIONS]
