"""List the documents due for gallring (weeding), or weed them as a named administrator."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bidra.accounts.models import User
from bidra.archive.retention import due_for_weeding
from bidra.archive.weeding import weed


class Command(BaseCommand):
    help = "Lists documents whose retention period has ended (--dry-run) or weeds them (--execute --by ADMIN)."

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--dry-run", action="store_true", help="Only list what is due.")
        mode.add_argument("--execute", action="store_true", help="Weed everything that is due.")
        parser.add_argument("--by", help="E-mail address of the administrator who weeds (with --execute).")
        parser.add_argument("--reason", default="", help="Reason, e.g. the item of the records management plan.")

    def handle(self, *args, **options):
        due = due_for_weeding(timezone.localdate())
        for item in due:
            self.stdout.write(
                f"{item.document.reference}\t{item.outcome}\t{item.rule.years} år\t"
                f"från {item.due_on:%Y-%m-%d}\t{item.document.title}"
            )
        if options["dry_run"]:
            self.stdout.write(f"{len(due)} handlingar får gallras (inget gallrat).")
            return
        if not options["by"]:
            raise CommandError("--execute needs --by <administrator's e-mail>.")
        if not options["reason"].strip():
            raise CommandError("--execute needs --reason.")
        administrator = User.objects.filter(email=options["by"].lower(), is_active=True).first()
        if administrator is None:
            raise CommandError(f"No active user {options['by']}.")
        if not due:
            self.stdout.write("0 handlingar gallrade.")
            return
        try:
            result = weed([item.document for item in due], by=administrator, reason=options["reason"])
        except PermissionDenied as error:
            raise CommandError(f"{administrator.email} may not weed (administrator role required).") from error
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"{len(result.documents)} handlingar gallrade, {len(result.removed_files)} filer borttagna.")
