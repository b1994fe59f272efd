"""Prove the event log's hash chain, or name the first row where it breaks."""

from django.core.management.base import BaseCommand, CommandError

from bidra.audit.chain import verify
from bidra.audit.models import ChainHead, Event


class Command(BaseCommand):
    help = "Verifies the hash chain of the event log; exits with an error naming the first tampered row."

    def handle(self, *args, **options):
        events = Event.objects.order_by("sequence").iterator(chunk_size=2000)
        first = next(verify(events), None)
        if first is not None:
            raise CommandError(
                f"Audit chain broken at sequence {first.sequence} (event id {first.event_id}): {first.reason}."
            )
        head = ChainHead.objects.filter(pk=1).first()
        count = Event.objects.count()
        if head is not None and head.sequence != count:
            raise CommandError(f"Audit chain head says {head.sequence} events but {count} are stored.")
        pseudonymised = Event.objects.filter(pseudonymised_at__isnull=False).count()
        self.stdout.write(
            f"Audit chain intact: {count} events, head {head.hash if head else '-'}"
            f" ({pseudonymised} with personal data pseudonymised)"
        )
