"""Write a backup archive: every model's rows and every private file, with a manifest of checksums."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bidra.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Writes a .tar.gz backup: all rows (JSON lines), all private files and a manifest with SHA-256 sums."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="the .tar.gz file to write (replaced if it exists)")

    def handle(self, *args, **options):
        try:
            summary = backup(options["archive"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        written = f"{summary.rows} rows, {summary.files} files, {summary.bytes} bytes"
        self.stdout.write(f"Backup written to {options['archive']}: {written}.")
