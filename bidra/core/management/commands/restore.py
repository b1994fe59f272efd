"""Restore a backup archive into an empty database and PRIVATE_FILES_ROOT, checking it first."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bidra.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restores a backup made by `manage.py backup`: checks every SHA-256 and the migration state first, "
        "loads all rows in one transaction, writes the private files and verifies the audit chain."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="the .tar.gz file written by `manage.py backup`")
        parser.add_argument(
            "--force", action="store_true", help="replace everything in a database that is not empty (deletes it)"
        )

    def handle(self, *args, **options):
        if not options["archive"].is_file():
            raise CommandError(f"No such file: {options['archive']}")
        try:
            summary = restore(options["archive"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {summary.rows} rows and {summary.files} files. {summary.audit}")
