"""Load (or refresh) the 21 counties and 290 municipalities shipped with Bidra."""

from django.core.management.base import BaseCommand

from bidra.municipalities.reference_data import load_shipped_reference_data


class Command(BaseCommand):
    help = "Loads the counties and municipalities shipped with Bidra; safe to run again."

    def handle(self, *args, **options):
        counties, municipalities = load_shipped_reference_data()
        self.stdout.write(
            f"Counties: {counties.created} created, {counties.updated} updated. "
            f"Municipalities: {municipalities.created} created, {municipalities.updated} updated, "
            f"{municipalities.unchanged} unchanged."
        )
