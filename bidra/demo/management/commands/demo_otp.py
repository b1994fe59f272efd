"""Print the current second-factor code of a demo staff account (demo keys only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from bidra.demo.second_factor import current_demo_code, is_demo_device


class Command(BaseCommand):
    help = "Prints the current TOTP code for a demo staff account, e.g. handlaggare@lansstyrelsen.demo."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("demo_otp is for the demo only, not for production.")
        email = options["email"].strip().lower()
        device = TOTPDevice.objects.filter(user__email=email, confirmed=True).select_related("user").first()
        if device is None or not is_demo_device(device):
            raise CommandError(f"{email} has no demo authenticator (run manage.py load_demo).")
        code, seconds = current_demo_code(device)
        self.stdout.write(f"{code}  (valid for {seconds} more seconds)")
