"""Send e-mail notifications that are still queued (for example after a mail server outage)."""

from django.core.management.base import BaseCommand

from bidra.audit.events import send_pending_email


class Command(BaseCommand):
    help = "Sends queued e-mail notifications; meant to run every few minutes. Idempotent."

    def handle(self, *args, **options):
        sent, failed = send_pending_email(limit=10_000)
        self.stdout.write(f"{sent} sent, {failed} failed")
