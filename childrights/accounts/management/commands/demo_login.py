from typing import Any

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from childrights.accounts.demo import demo_logins


class Command(BaseCommand):
    help = "Print the demonstration logins and, for accounts with two-factor, the current code."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("Demonstration logins (made-up people, demonstration data only):")
        for email, password in demo_logins():
            device = TOTPDevice.objects.filter(
                user__email=email, user__is_demo=True, confirmed=True
            ).first()
            code = ""
            if device is not None:
                totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
                code = f"  two-factor code now: {totp.token():06d}"
            self.stdout.write(f"  {email}  password: {password}{code}")
