"""Load the demo round: calls, log-ins and applications, through the real services. Idempotent."""

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from bidra.core.stockholm import local
from bidra.demo import content
from bidra.demo.loader import load_demo, role_label
from bidra.demo.second_factor import demo_backup_codes, ensure_demo_second_factor


class Command(BaseCommand):
    help = "Loads demo calls, users and applications (safe to run again: nothing is duplicated)."

    def handle(self, *args, **options):
        # Receipts are real notifications; keep them in memory instead of printing them.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            summary = load_demo()
        rows = [(user.email, f"{role_label(role)} (Länsstyrelsen)") for user, role in summary.staff]
        rows += [
            (user.email, f"{municipality.name}{' (kommunadministratör)' if is_admin else ''}")
            for user, municipality, is_admin in summary.municipality_users
        ]
        width = max(len(email) for email, _ in rows) + 2
        password_width = max(len(content.PASSWORD), len("Password")) + 2
        write = self.stdout.write
        write(f"Demo data loaded: {summary.created} new applications this run.\n")
        write("Demo log-ins")
        write(f"  {'E-mail':<{width}}{'Password':<{password_width}}Role or municipality")
        write(f"  {'-' * (width - 2):<{width}}{'-' * (password_width - 2):<{password_width}}{'-' * 20}")
        for email, what in rows:
            write(f"  {email:<{width}}{content.PASSWORD:<{password_width}}{what}")
        write("")
        write("Agency staff also give a second factor after the password (a code from an authenticator app).")
        write("Without a phone, print the current code with:  python manage.py demo_otp <e-mail>")
        write("or use one of the demo backup codes (each works once; load_demo issues them again):")
        for user, _role in summary.staff:
            write(f"  {user.email:<{width}}{' '.join(demo_backup_codes(user.email))}")
        write("To use a real app, add the account with its otpauth URI (demo keys, never for production):")
        for user, _role in summary.staff:
            device = ensure_demo_second_factor(user)
            write(f"  {device.config_url}")
        counts = summary.counts
        calls = summary.calls
        write("")
        write(
            f"Applications submitted: {counts['submitted']} "
            f"({counts['spring_submitted']} in {calls.spring.title}, {counts['open_submitted']} in {calls.open.title})"
        )
        write(f"Drafts: {counts['drafts']}")
        write(
            f"{calls.spring.title}: {counts['municipalities']} municipalities, {counts['national_areas']} national "
            f"areas, {counts['skr_groups']} SKR groups; {counts['spring_screening_failed']} flagged by the "
            "automatic screening"
        )
        write(f"Open round: {calls.open.title}, closes {local(calls.open.closes_at):%Y-%m-%d %H:%M} (Stockholm time)")
        write("")
        write(self.style.SUCCESS(f"Open Bidra at {content.SITE_URL}"))
