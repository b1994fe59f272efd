"""Re-import population figures from a newer file in the shipped CSV format."""

from django.core.management.base import BaseCommand, CommandError

from bidra.municipalities.reference_data import ReferenceDataError, import_population


class Command(BaseCommand):
    help = "Updates population and population year per municipality code from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV with at least the columns code, population, population_year")

    def handle(self, *args, path, **options):
        try:
            with open(path, encoding="utf-8-sig") as handle:
                result = import_population(handle)
        except (OSError, ReferenceDataError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{result.updated} updated, {result.unchanged} unchanged.")
        if result.unknown_codes:
            self.stderr.write(f"Unknown municipality codes (not imported): {', '.join(result.unknown_codes)}")
