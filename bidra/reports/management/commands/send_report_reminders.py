"""Daily: remind municipalities of reports due in 30 and 7 days, and of overdue ones. Safe to run twice."""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from bidra.reports.services import send_reminders


class Command(BaseCommand):
    help = "Skicka påminnelser om redovisningar (30 och 7 dagar före sista dag, och när den har passerat)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="Dagens datum, ÅÅÅÅ-MM-DD (för test).")

    def handle(self, *args, **options):
        sent = send_reminders(options["today"] or timezone.localdate())
        self.stdout.write(f"{sent} påminnelser skickade.")
