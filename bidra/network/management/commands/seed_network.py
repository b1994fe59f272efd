from django.core.management.base import BaseCommand

from bidra.network.seed import seed_network


class Command(BaseCommand):
    help = "Add the municipal network's members and the national agencies (safe to run again)."

    def handle(self, *args, **options):
        missing = seed_network()
        for name in missing:
            self.stderr.write(f"Municipality not found: {name}")
        self.stdout.write("Network seeded.")
